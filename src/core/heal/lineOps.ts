// A line diff of two texts as kept, removed and added lines: the unified diffs shown for a fix
// (unifiedDiff.ts) and the lines a fix changed, which the judge holds it to (changedLines.ts).

export type LineOp = { kind: ' ' | '-' | '+'; text: string; oldLine: number; newLine: number };

/**
 * The lines of `a` and `b` in order, each kept, removed or added (1-based line numbers). The common
 * head and tail are kept as they are; the middle is a longest common subsequence, or, when its table
 * would pass `maxTableCells`, one removed block and one added block (still a safe answer).
 */
export function lineOps(a: readonly string[], b: readonly string[], maxTableCells: number): LineOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: LineOp[] = [];
  for (let i = 0; i < start; i++) ops.push({ kind: ' ', text: a[i], oldLine: i + 1, newLine: i + 1 });
  ops.push(...middleOps(a.slice(start, endA), b.slice(start, endB), start, maxTableCells));
  for (let i = endA, j = endB; i < a.length; i++, j++) ops.push({ kind: ' ', text: a[i], oldLine: i + 1, newLine: j + 1 });
  return ops;
}

/** Longest-common-subsequence diff of the part that differs. */
function middleOps(a: string[], b: string[], offset: number, maxTableCells: number): LineOp[] {
  const ops: LineOp[] = [];
  if ((a.length + 1) * (b.length + 1) > maxTableCells) {
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
