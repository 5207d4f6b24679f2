// The lines of a fixed text that a fix changed or added, per file, from a line diff of the texts
// before and after it: the judge (progress.ts) refuses a re-run that fails on one of them.
import { lineOps } from './lineOps';
import type { ChangedLines } from './progress';

/** Above this many cells the middle of a file counts as changed as a whole (still a safe answer). */
const MAX_TABLE_CELLS = 1_000_000;

export function changedLinesOf(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): ChangedLines {
  const cache = new Map<string, ReadonlySet<number>>();
  return (file) => {
    let lines = cache.get(file);
    if (!lines) {
      lines = changedLinesOfText(before[file] ?? '', after[file] ?? '');
      cache.set(file, lines);
    }
    return lines;
  };
}

/** 1-based lines of `after` that are not matched, line for line, in `before` (a longest common subsequence). */
export function changedLinesOfText(before: string, after: string): ReadonlySet<number> {
  if (before === after) return new Set();
  const added = lineOps(before.split('\n'), after.split('\n'), MAX_TABLE_CELLS).filter((op) => op.kind === '+');
  return new Set(added.map((op) => op.newLine));
}
