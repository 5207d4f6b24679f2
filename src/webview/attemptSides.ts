// The two sides of an attempt's diff, rebuilt from the ledger's diffs and the file as it is now, so
// the panel keeps no file texts. The original is the first candidate from which every kept fix
// before the attempt, and then the attempt itself, applies strictly: the healed text with the whole
// change undone (in memory, or in the workspace when the fix was applied), or the workspace text as
// it is (the fix was never applied, or was reverted). When none fits, the hunks alone are shown.
import type { AttemptRecord } from '../core/heal/ledger';
import type { PanelFile } from './protocol';
import { applyPatch, excerptOf, parseUnifiedDiff, type FilePatch } from './unifiedPatch';

export interface DiffSides {
  path: string;
  before: string;
  after: string;
  /** True when only the diff's hunks could be shown, not the whole file. */
  excerpt: boolean;
}

/** Attempt 0 is the file's whole change; n is the n-th attempt. Empty when it changed nothing. */
export function attemptSides(file: PanelFile, attempt: number, workspaceText: (path: string) => string | undefined): DiffSides[] {
  const diff = attempt === 0 ? file.diff : file.attempts[attempt - 1]?.fix?.diff ?? '';
  const whole = byPath(parseUnifiedDiff(file.diff));
  const kept = file.attempts.filter((a) => a.number < attempt && isKept(a)).map((a) => byPath(parseUnifiedDiff(a.fix?.diff ?? '')));
  return parseUnifiedDiff(diff).map((patch) => {
    for (const original of originals(patch.path, file, whole.get(patch.path), workspaceText)) {
      const before = kept.reduce<string | undefined>((text, patches) => {
        const step = patches.get(patch.path);
        return text === undefined || !step ? text : applyPatch(text, step);
      }, original);
      const after = before === undefined ? undefined : applyPatch(before, patch);
      if (before !== undefined && after !== undefined) return { path: patch.path, before, after, excerpt: false };
    }
    return { path: patch.path, ...excerptOf(patch), excerpt: true };
  });
}

function isKept(attempt: AttemptRecord): boolean {
  return attempt.outcome === 'healed' || attempt.outcome === 'progress';
}

function byPath(patches: FilePatch[]): Map<string, FilePatch> {
  return new Map(patches.map((p) => [p.path, p]));
}

function* originals(path: string, file: PanelFile, whole: FilePatch | undefined, workspaceText: (path: string) => string | undefined): Generator<string | undefined> {
  const healed = Object.hasOwn(file.changedFiles, path) ? file.changedFiles[path] : undefined;
  if (healed !== undefined && whole) yield applyPatch(healed, whole, true);
  // A file the fix created does not exist before it.
  const current = workspaceText(path) ?? '';
  if (whole) yield applyPatch(current, whole, true);
  yield current;
}
