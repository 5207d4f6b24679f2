// The Fix Attempts panel's state, owned by the host: runs newest first, kept to the last 20 and
// saved per workspace so they come back after a reload. A file's state changes only through the
// state machine (core/heal/fixLifecycle.ts); a move it refuses is logged and not shown. A run's
// status is derived from its files' states. Free of `vscode` so plain mocha tests it.
import { moveFix, runStatusOf, type CutShort, type FixState } from '../core/heal/fixLifecycle';
import { addUsage, NO_TOKENS, type TokenUsage } from '../core/model/modelTypes';
import { statesOf, type PanelFile, type PanelRun, type PanelState } from './protocol';
import type { ReportedPanelTestHeal } from './testHealView';
import { trimFile } from './recordTrim';
import { restoreRuns, SAVED_RUNS_VERSION, type SavedRuns } from './savedRuns';

/** What the store needs of vscode.Memento (workspaceState). */
export interface StateMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export const PANEL_RUNS_KEY = 'selfHeal.panel.runs';
export const MAX_RUNS = 20;
/** Saved runs stop here (newest kept first), so a huge workspace heal cannot bloat the memento. */
export const MAX_SAVED_CHARS = 2_000_000;
/** A file's changed texts are kept in memory (for the diff view) only up to this size in total. */
export const MAX_KEPT_TEXT_CHARS = 1024 * 1024;

export type ReportedPanelFile = Omit<PanelFile, 'state' | 'note'>;

export class PanelStore {
  private runs: PanelRun[];
  private modelConfigured = false;
  private running = false;
  private sessionTokens: TokenUsage = NO_TOKENS;

  /** `log` hears every move the state machine refuses. */
  constructor(private readonly memento: StateMemento, private readonly log: (line: string) => void = () => undefined) {
    this.runs = restoreRuns(memento.get<unknown>(PANEL_RUNS_KEY), MAX_RUNS);
  }

  /** Starts a run of `entries` (a run id seen before starts over) at the top; the oldest beyond 20 go. */
  startRun(run: { id: string; title: string; entries: readonly string[] }, startedAt = Date.now()): void {
    const started: PanelRun = { id: run.id, title: run.title, startedAt, status: 'running', healing: true, planned: [...run.entries], files: [] };
    this.runs = [started, ...this.runs.filter((r) => r.id !== run.id)].slice(0, MAX_RUNS);
  }

  /** A file's heal ended in `state` (from running); false for an unknown run, a file reported before, or a refused move. */
  reportFile(runId: string, file: ReportedPanelFile, state: FixState, note?: string): boolean {
    const run = this.find(runId);
    if (!run) return false;
    if (run.files.some((f) => f.entry === file.entry)) return this.refuse(`${file.path} was reported twice in ${run.title}`);
    const move = moveFix('running', state);
    if (!move.ok) return this.refuse(`${file.path} in ${run.title}: ${move.why}`);
    // Listed in the run's order, not in the order the heals happened to end.
    const kept = keepTextsBounded({ ...file, state: move.state, ...(note === undefined ? {} : { note }) });
    const order = (entry: string) => (run.planned.includes(entry) ? run.planned.indexOf(entry) : run.planned.length);
    const at = run.files.findIndex((f) => order(f.entry) > order(file.entry));
    run.files.splice(at < 0 ? run.files.length : at, 0, kept);
    this.sessionTokens = addUsage(this.sessionTokens, file.tokens);
    return this.derive(run);
  }

  /** A heal against the tests ended in `state` (from running); once per run, like a file. */
  reportTestHeal(runId: string, heal: ReportedPanelTestHeal, state: FixState, note?: string): boolean {
    const run = this.find(runId);
    if (!run) return false;
    if (run.testHeal) return this.refuse(`the tests of ${heal.path} were reported twice in ${run.title}`);
    const move = moveFix('running', state);
    if (!move.ok) return this.refuse(`the tests of ${heal.path} in ${run.title}: ${move.why}`);
    run.testHeal = structuredClone({ ...heal, state: move.state, ...(note === undefined ? {} : { note }) });
    this.sessionTokens = addUsage(this.sessionTokens, heal.tokens);
    return this.derive(run);
  }

  /** Moves a reported file (or a heal against the tests) to `state`; false (and logged) when the state machine refuses. */
  moveFile(runId: string, entry: string, state: FixState, note?: string): boolean {
    const run = this.find(runId);
    const file = run?.files.find((f) => f.entry === entry) ?? (run?.testHeal?.entry === entry ? run.testHeal : undefined);
    if (!run || !file) return this.refuse(`no file ${entry} in run ${runId} to make ${state}`);
    const move = moveFix(file.state, state);
    if (!move.ok) return this.refuse(`${file.path} in ${run.title}: ${move.why}`);
    file.state = move.state;
    if (note === undefined) delete file.note;
    else file.note = note;
    return this.derive(run);
  }

  /** A fact of the whole run (the workspace's failing tests), shown beside its status; false for an unknown run. */
  noteRun(runId: string, note: string): boolean {
    const run = this.find(runId);
    if (!run) return false;
    run.note = note;
    return this.derive(run);
  }

  /** The run's heals are over; only once. */
  endHealing(runId: string, cutShort?: CutShort): boolean {
    const run = this.find(runId);
    if (!run) return false;
    if (!run.healing) return this.refuse(`${run.title} ended twice`);
    run.healing = false;
    if (cutShort) run.cutShort = cutShort;
    return this.derive(run);
  }

  /** Model tokens of the heals reported since this store was made. */
  tokensThisSession(): TokenUsage {
    return this.sessionTokens;
  }

  setModelConfigured(configured: boolean): boolean {
    const changed = this.modelConfigured !== configured;
    this.modelConfigured = configured;
    return changed;
  }

  setRunning(running: boolean): boolean {
    const changed = this.running !== running;
    this.running = running;
    return changed;
  }

  /** A copy of the whole state, file texts included. */
  snapshot(): PanelState {
    return structuredClone({ runs: this.runs, modelConfigured: this.modelConfigured, running: this.running, sessionTokens: this.sessionTokens });
  }

  /** What the webview gets: the state without file texts and with long fields cut. */
  webviewState(): PanelState {
    return { runs: this.runs.map(trimRun), modelConfigured: this.modelConfigured, running: this.running, sessionTokens: this.sessionTokens };
  }

  run(runId: string): PanelRun | undefined {
    const run = this.find(runId);
    return run && structuredClone(run);
  }

  file(runId: string, entry: string): PanelFile | undefined {
    const file = this.find(runId)?.files.find((f) => f.entry === entry);
    return file && structuredClone(file);
  }

  /** Saves the runs, trimmed, newest first, within MAX_SAVED_CHARS. */
  persist(): PromiseLike<void> {
    const saved: PanelRun[] = [];
    let size = 0;
    for (const run of this.runs.map(trimRun)) {
      size += JSON.stringify(run).length;
      if (saved.length > 0 && size > MAX_SAVED_CHARS) break;
      saved.push(run);
    }
    return this.memento.update(PANEL_RUNS_KEY, { version: SAVED_RUNS_VERSION, runs: saved } satisfies SavedRuns);
  }

  private find(runId: string): PanelRun | undefined {
    return this.runs.find((r) => r.id === runId);
  }

  /** The run's status from its files; always true: something changed. */
  private derive(run: PanelRun): true {
    run.status = runStatusOf(run, statesOf(run));
    return true;
  }

  private refuse(why: string): false {
    this.log(`Fix Attempts panel: refused: ${why}`);
    return false;
  }
}

function trimRun(run: PanelRun): PanelRun {
  return { ...run, files: run.files.map(trimFile) };
}

function keepTextsBounded(file: PanelFile): PanelFile {
  const size = Object.values(file.changedFiles).reduce((sum, text) => sum + text.length, 0);
  return structuredClone(size > MAX_KEPT_TEXT_CHARS ? { ...file, changedFiles: {} } : file);
}
