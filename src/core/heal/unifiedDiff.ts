// Unified diffs of fixes, for the ledger, the model's "earlier attempts" and the editor's panel.
import { lineOps, type LineOp } from './lineOps';

const CONTEXT = 3;
/** Above this many cells the middle is shown as one replaced block instead of a minimal diff. */
const MAX_TABLE_CELLS = 4_000_000;


/** `--- a/FILE` / `+++ b/FILE` and its hunks; empty when the texts are equal. */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  const ops = lineOps(splitLines(before), splitLines(after), MAX_TABLE_CELLS);
  const hunks = hunksOf(ops);
  const header = `--- a/${file}\n+++ b/${file}\n`;
  const noFinalNewline = (text: string): boolean => text.length > 0 && !text.endsWith('\n');
  let body = hunks.join('');
  if (noFinalNewline(before) !== noFinalNewline(after)) body += '\\ No newline at end of file\n';
  return header + body;
}

/** The diffs of every file that differs, in path order. */
export function unifiedDiffOfFiles(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): string {
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return paths.map((p) => unifiedDiff(p, before[p] ?? '', after[p] ?? '')).join('');
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function hunksOf(ops: LineOp[]): string[] {
  const changed = ops.map((op, index) => (op.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  const hunks: string[] = [];
  let cursor = 0;
  while (cursor < changed.length) {
    let last = cursor;
    while (last + 1 < changed.length && changed[last + 1] - changed[last] <= 2 * CONTEXT) last++;
    const from = Math.max(0, changed[cursor] - CONTEXT);
    const to = Math.min(ops.length - 1, changed[last] + CONTEXT);
    hunks.push(hunkText(ops.slice(from, to + 1)));
    cursor = last + 1;
  }
  return hunks;
}

function hunkText(ops: LineOp[]): string {
  const oldCount = ops.filter((op) => op.kind !== '+').length;
  const newCount = ops.filter((op) => op.kind !== '-').length;
  const oldStart = oldCount === 0 ? ops[0].oldLine - 1 : ops.find((op) => op.kind !== '+')!.oldLine;
  const newStart = newCount === 0 ? ops[0].newLine - 1 : ops.find((op) => op.kind !== '-')!.newLine;
  const range = (start: number, count: number): string => (count === 1 ? `${start}` : `${start},${count}`);
  const lines = ops.map((op) => `${op.kind}${op.text}\n`).join('');
  return `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n${lines}`;
}
