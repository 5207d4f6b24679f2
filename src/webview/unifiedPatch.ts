// Reads and applies the unified diffs of src/core/heal/unifiedDiff.ts, so the panel can show an
// attempt's before and after without keeping file texts. Application is strict: every hunk's lines
// must be found as they were (near where the hunk says), or the patch does not apply.

export interface Hunk {
  oldStart: number;
  newStart: number;
  /** Each line with its mark: ' ' context, '-' removed, '+' added. */
  lines: { mark: ' ' | '-' | '+'; text: string }[];
}

export interface FilePatch {
  path: string;
  hunks: Hunk[];
  /** The diff's "\ No newline at end of file": one side ends with a newline, the other does not. */
  finalNewlineFlips: boolean;
  /** False when the text ended before a hunk did (a shortened diff). */
  complete: boolean;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export function parseUnifiedDiff(diff: string): FilePatch[] {
  const patches: FilePatch[] = [];
  const lines = diff.split('\n');
  let patch: FilePatch | undefined;
  let remaining = { old: 0, new: 0 };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (remaining.old > 0 || remaining.new > 0) {
      const mark = line[0];
      if (patch && mark === '\\') {
        patch.finalNewlineFlips = true;
        continue;
      }
      if (patch && (mark === ' ' || mark === '-' || mark === '+')) {
        patch.hunks[patch.hunks.length - 1].lines.push({ mark, text: line.slice(1) });
        if (mark !== '+') remaining.old--;
        if (mark !== '-') remaining.new--;
        continue;
      }
      if (patch) patch.complete = false;
      remaining = { old: 0, new: 0 };
    }
    if (line.startsWith('--- a/') && lines[i + 1]?.startsWith('+++ b/')) {
      patch = { path: lines[i + 1].slice('+++ b/'.length), hunks: [], finalNewlineFlips: false, complete: true };
      patches.push(patch);
      i++;
      continue;
    }
    const header = HUNK_HEADER.exec(line);
    if (header && patch) {
      patch.hunks.push({ oldStart: Number(header[1]), newStart: Number(header[3]), lines: [] });
      remaining = { old: Number(header[2] ?? 1), new: Number(header[4] ?? 1) };
    } else if (line.startsWith('\\ ') && patch) {
      patch.finalNewlineFlips = true;
    } else if (line !== '' && patch) {
      patch.complete = false;
    }
  }
  if (patch && (remaining.old > 0 || remaining.new > 0)) patch.complete = false;
  return patches;
}

/** The text with the patch applied (or undone, `reverse`), or undefined when it does not fit. */
export function applyPatch(text: string, patch: FilePatch, reverse = false): string | undefined {
  if (!patch.complete) return undefined;
  const lines = splitLines(text);
  const out: string[] = [];
  let cursor = 0;
  let drift = 0;
  for (const hunk of patch.hunks) {
    const from = hunk.lines.filter((l) => l.mark !== (reverse ? '-' : '+')).map((l) => l.text);
    const to = hunk.lines.filter((l) => l.mark !== (reverse ? '+' : '-')).map((l) => l.text);
    const start = reverse ? hunk.newStart : hunk.oldStart;
    // A hunk with no old lines inserts after line `start`; otherwise its first old line is `start`.
    const expected = (from.length === 0 ? start : start - 1) + drift;
    const at = from.length === 0 ? (expected >= cursor && expected <= lines.length ? expected : -1) : findNear(lines, from, expected, cursor);
    if (at < 0) return undefined;
    out.push(...lines.slice(cursor, at), ...to);
    cursor = at + from.length;
    drift = at - (expected - drift);
  }
  out.push(...lines.slice(cursor));
  // unifiedDiff.ts counts an empty text as ending with a newline.
  const endsWithNewline = text === '' || text.endsWith('\n');
  const newline = patch.finalNewlineFlips ? !endsWithNewline : endsWithNewline;
  return out.length === 0 ? '' : out.join('\n') + (newline ? '\n' : '');
}

/** The index nearest `expected` (not before `floor`) where `block` occurs, or -1. */
function findNear(lines: string[], block: string[], expected: number, floor: number): number {
  const fits = (at: number): boolean => at >= floor && at + block.length <= lines.length && block.every((line, i) => lines[at + i] === line);
  for (let distance = 0; distance <= lines.length; distance++) {
    if (fits(expected - distance)) return expected - distance;
    if (fits(expected + distance)) return expected + distance;
  }
  return -1;
}

/** Lines as unifiedDiff.ts splits them: no trailing empty line for a final newline. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Before and after as far as the diff alone shows them: the hunks, with a marker for skipped lines. */
export function excerptOf(patch: FilePatch): { before: string; after: string } {
  const before: string[] = [];
  const after: string[] = [];
  patch.hunks.forEach((hunk, index) => {
    if (index > 0 || hunk.oldStart > 1) {
      before.push('⋯');
      after.push('⋯');
    }
    for (const line of hunk.lines) {
      if (line.mark !== '+') before.push(line.text);
      if (line.mark !== '-') after.push(line.text);
    }
  });
  return { before: before.join('\n') + '\n', after: after.join('\n') + '\n' };
}
