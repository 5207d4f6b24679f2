// Unified diffs of fixes, for the ledger, the model's "earlier attempts" and the editor's panel.

const CONTEXT = 3;
/** Above this many cells the middle is shown as one replaced block instead of a minimal diff. */
const MAX_TABLE_CELLS = 4_000_000;

type Op = { kind: ' ' | '-' | '+'; text: string; oldLine: number; newLine: number };

/** `--- a/FILE` / `+++ b/FILE` and its hunks; empty when the texts are equal. */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  const ops = lineOps(splitLines(before), splitLines(after));
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

function lineOps(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: Op[] = [];
  for (let i = 0; i < start; i++) ops.push({ kind: ' ', text: a[i], oldLine: i + 1, newLine: i + 1 });
  ops.push(...middleOps(a.slice(start, endA), b.slice(start, endB), start));
  for (let i = endA, j = endB; i < a.length; i++, j++) ops.push({ kind: ' ', text: a[i], oldLine: i + 1, newLine: j + 1 });
  return ops;
}

/** Longest-common-subsequence diff of the part that differs. */
function middleOps(a: string[], b: string[], offset: number): Op[] {
  const ops: Op[] = [];
  if ((a.length + 1) * (b.length + 1) > MAX_TABLE_CELLS) {
    a.forEach((text, i) => ops.push({ kind: '-', text, oldLine: offset + i + 1, newLine: offset + 1 }));
    b.forEach((text, j) => ops.push({ kind: '+', text, oldLine: offset + a.length + 1, newLine: offset + j + 1 }));
    return ops;
  }
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] = a[i] === b[j] ? table[(i + 1) * width + j + 1] + 1 : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', text: a[i], oldLine: offset + i + 1, newLine: offset + j + 1 });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || table[(i + 1) * width + j] >= table[i * width + j + 1])) {
      // Removals before additions, as diff(1) prints them.
      ops.push({ kind: '-', text: a[i], oldLine: offset + i + 1, newLine: offset + j + 1 });
      i++;
    } else {
      ops.push({ kind: '+', text: b[j], oldLine: offset + i + 1, newLine: offset + j + 1 });
      j++;
    }
  }
  return ops;
}

function hunksOf(ops: Op[]): string[] {
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

function hunkText(ops: Op[]): string {
  const oldCount = ops.filter((op) => op.kind !== '+').length;
  const newCount = ops.filter((op) => op.kind !== '-').length;
  const oldStart = oldCount === 0 ? ops[0].oldLine - 1 : ops.find((op) => op.kind !== '+')!.oldLine;
  const newStart = newCount === 0 ? ops[0].newLine - 1 : ops.find((op) => op.kind !== '-')!.newLine;
  const range = (start: number, count: number): string => (count === 1 ? `${start}` : `${start},${count}`);
  const lines = ops.map((op) => `${op.kind}${op.text}\n`).join('');
  return `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n${lines}`;
}
