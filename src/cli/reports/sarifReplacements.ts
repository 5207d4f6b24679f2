// A fix's edit as SARIF replacements: the changed lines between the text before and after, as one
// region of whole lines per file. Regions use SARIF's line/column form (1-based, columns in UTF-16
// code units, SARIF's default columnKind); a region that starts at column 1 of the line after the
// last one it deletes takes the line terminators with it.

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface SarifReplacement {
  deletedRegion: SarifRegion;
  insertedContent?: { text: string };
}

/** The text split after each line terminator (\n, \r\n or \r), terminators kept. */
function linesOf(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

/** The replacement turning `before` into `after`; undefined when they are the same text. */
export function lineReplacement(before: string, after: string): SarifReplacement | undefined {
  if (before === after) return undefined;
  const old = linesOf(before);
  const now = linesOf(after);
  let head = 0;
  while (head < old.length && head < now.length && old[head] === now[head]) head++;
  let tail = 0;
  while (tail < old.length - head && tail < now.length - head && old[old.length - 1 - tail] === now[now.length - 1 - tail]) tail++;
  const deletedEnd = old.length - tail;
  const inserted = now.slice(head, now.length - tail).join('');
  const replacement: SarifReplacement = { deletedRegion: { startLine: head + 1, startColumn: 1, ...endOf(old, deletedEnd) } };
  if (inserted !== '') replacement.insertedContent = { text: inserted };
  return replacement;
}

/** The position just after the first `count` lines: column 1 of the next line, or the end of an unterminated last line. */
function endOf(lines: readonly string[], count: number): { endLine: number; endColumn: number } {
  const last = lines[count - 1];
  if (count === 0 || /[\r\n]$/.test(last)) return { endLine: count + 1, endColumn: 1 };
  return { endLine: count, endColumn: last.length + 1 };
}
