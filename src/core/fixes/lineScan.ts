// Just enough of Python's lexing for the syntax fixers: where a line's code ends (before a comment,
// outside strings), and which brackets are left open.

const PAIRS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

export interface LineScan {
  /** Index just after the last code character (comments and trailing blanks excluded). */
  codeEnd: number;
  /** Brackets opened and not closed on this line, as [character, index], innermost last. */
  open: Array<[string, number]>;
  /** Closing brackets beyond what this line opened. */
  extraClosers: number;
}

/** Scans one line from `start`; a string left open runs to the end of the line. */
export function scanLine(line: string, start = 0): LineScan {
  const open: Array<[string, number]> = [];
  let extraClosers = 0;
  let quote: string | undefined;
  let codeEnd = start;
  for (let i = start; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      codeEnd = i + 1;
      continue;
    }
    if (ch === '#') break;
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch in PAIRS) open.push([ch, i]);
    else if (')]}'.includes(ch)) {
      if (open.length > 0) open.pop();
      else extraClosers++;
    }
    if (ch.trim() !== '') codeEnd = i + 1;
  }
  return { codeEnd, open, extraClosers };
}

export function closerOf(opener: string): string {
  return PAIRS[opener];
}

export function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
