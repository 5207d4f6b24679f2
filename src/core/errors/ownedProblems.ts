// Whose problems are shown, and which come back. Every problem belongs to the target whose run found
// it (its entry or import-checked module, in its workspace folder): a run replaces only its own
// target's earlier problems, plus those left by earlier runs in the files its error points into, so
// running one file never wipes another's error. Each run is also kept as a snapshot of the texts it
// saw: when a file's text becomes again what a snapshot saw (undo of an edit or of a quick fix), that
// target's problems in the file become the snapshot's again. Pure: the editor's payload is opaque.

/** One problem shown for a file. */
export interface OwnedProblem<P> {
  /** The target whose run found it (`ownerOf`). */
  owner: string;
  /** The run that found it: one workspace run is one batch for all its targets. */
  batch: string;
  /** The file it is shown in (any key the caller uses consistently, e.g. a URI). */
  file: string;
  /** 0-based lines it covers. */
  startLine: number;
  endLine: number;
  /** The file's text as the run saw it. */
  seenText: string | undefined;
  payload: P;
}

/** A run about to show its problems. */
export interface ProblemRun {
  owner: string;
  batch: string;
  /** The files its errors point into. */
  files: readonly string[];
  /**
   * A quick fix's re-run keeps the target's earlier snapshots, so undoing the fix brings their
   * problems back; any other run of the target forgets them.
   */
  keepsHistory?: boolean;
}

export interface LineSpan {
  startLine: number;
  endLine: number;
}

/** What a run saw and found, to go back to when the text does. */
interface Snapshot<P> {
  seen: ReadonlyMap<string, string>;
  problems: ReadonlyArray<OwnedProblem<P>>;
}

/** Snapshots kept per target (the latest run's and the quick fixes since), and targets remembered. */
export const SNAPSHOTS_PER_OWNER = 5;
export const OWNERS_REMEMBERED = 200;

export function ownerOf(root: string, entry: string): string {
  return JSON.stringify([root, entry]);
}

/** Whether `run` replaces `problem`: its own target's, or an earlier run's in a file its error points into. */
export function replaces(run: ProblemRun, problem: Pick<OwnedProblem<unknown>, 'owner' | 'batch' | 'file'>): boolean {
  return problem.owner === run.owner || (problem.batch !== run.batch && run.files.includes(problem.file));
}

/** Whether an edit of `changes` (pre-edit lines) touches the lines of `problem`. */
export function editTouches(changes: readonly LineSpan[], problem: LineSpan): boolean {
  return changes.some((change) => change.startLine <= problem.endLine && change.endLine >= problem.startLine);
}

export class OwnedProblems<P> {
  private readonly shown = new Map<string, Array<OwnedProblem<P>>>();
  /** Per owner, oldest snapshot first; the Map's order is the owners' last use. */
  private readonly history = new Map<string, Array<Snapshot<P>>>();

  /** `same` tells two payloads that show the same thing (one is kept). */
  constructor(private readonly same: (a: P, b: P) => boolean) {}

  /**
   * Shows a run's problems: drops what it replaces, remembers what it saw (the texts of `seen`, keyed
   * like `file`), and returns the files whose problems changed.
   */
  record(run: ProblemRun, found: ReadonlyArray<OwnedProblem<P>>, seen: ReadonlyMap<string, string>): Set<string> {
    const changed = new Set<string>();
    for (const [file, problems] of this.shown) {
      const kept = problems.filter((p) => !replaces(run, p));
      if (kept.length !== problems.length) this.setShown(file, kept, changed);
    }
    for (const problem of found) this.add(problem, changed);
    const earlier = run.keepsHistory ? (this.history.get(run.owner) ?? []) : [];
    this.history.delete(run.owner);
    this.history.set(run.owner, [...earlier, { seen, problems: found }].slice(-SNAPSHOTS_PER_OWNER));
    for (const owner of this.history.keys()) {
      if (this.history.size <= OWNERS_REMEMBERED) break;
      this.history.delete(owner);
    }
    return changed;
  }

  /** An edit of `file` drops the problems on the lines it touched; true when some were. */
  dropEdited(file: string, changes: readonly LineSpan[]): boolean {
    const problems = this.shown.get(file) ?? [];
    const kept = problems.filter((p) => !editTouches(changes, p));
    if (kept.length === problems.length) return false;
    this.setShown(file, kept, new Set());
    return true;
  }

  /** Whether `textChanged` can do anything for the file (spares reading its text on every keystroke). */
  watches(file: string): boolean {
    for (const snapshots of this.history.values()) if (snapshots.some((s) => s.seen.has(file))) return true;
    return false;
  }

  /**
   * The file's text is now `text`: each target with a snapshot that saw this text (its latest such)
   * shows that snapshot's problems in the file again, in place of its others there. Returns whether
   * anything shown changed, and the problems now shown that were found in exactly this text.
   */
  textChanged(file: string, text: string): { changed: boolean; current: Array<OwnedProblem<P>> } {
    const changed = new Set<string>();
    for (const [owner, snapshots] of this.history) {
      const match = [...snapshots].reverse().find((s) => s.seen.get(file) === text);
      if (!match) continue;
      const wanted = match.problems.filter((p) => p.file === file);
      const others = (this.shown.get(file) ?? []).filter((p) => p.owner !== owner);
      const before = this.shown.get(file) ?? [];
      if (wanted.every((p) => before.includes(p)) && before.every((p) => p.owner !== owner || wanted.includes(p))) continue;
      this.setShown(file, others, changed);
      for (const problem of wanted) this.add(problem, changed);
    }
    const current = (this.shown.get(file) ?? []).filter((p) => p.seenText === text);
    return { changed: changed.size > 0, current };
  }

  shownIn(file: string): ReadonlyArray<OwnedProblem<P>> {
    return this.shown.get(file) ?? [];
  }

  files(): string[] {
    return [...this.shown.keys()];
  }

  /** Adds a problem; one that shows the same thing as another in its file takes its place. */
  private add(problem: OwnedProblem<P>, changed: Set<string>): void {
    const others = (this.shown.get(problem.file) ?? []).filter((p) => !this.same(p.payload, problem.payload));
    this.setShown(problem.file, [...others, problem], changed);
  }

  private setShown(file: string, problems: Array<OwnedProblem<P>>, changed: Set<string>): void {
    if (problems.length === 0) this.shown.delete(file);
    else this.shown.set(file, problems);
    changed.add(file);
  }
}
