// Every place an unterminated string could end: before each later token of its line, and at the
// end with the brackets it left open closed. Which of them the slip was is ordered by tokenStream.ts
// (names unknown to the file, then code kept as code); the loop drops those that do not compile.
import { tokensOf } from './lineTokens';

/** Replaces [column, endColumn) of the line (1-based, end exclusive). */
export type Change = [column: number, endColumn: number, text: string];

export interface Reading {
  description: string;
  changes: Change[];
  confident: boolean;
  /** A string prefix (`b`, `f`, `rb`...) the reading opens the string after, leaving it a prefix. */
  afterPrefix?: string;
}

/** Python's string prefixes, longest first, at the start of a word with more after it. */
const STRING_PREFIX = /^(?:[rR][bBfF]|[bBfF][rR]|[rRbBfFuU])(?=\S)/;

// Before these the closing quote goes right after the word (`"x = ", x`, `' '.join`: no space before
// a comma or a dot, as PEP 8 writes it); before an operator, after the last non-blank (`'-' * n`).
const HUGS_LEFT = /^[,:;.)\]}]/;
const BINARY_KEYWORDS = new Set(['in', 'is', 'and', 'or', 'else']);
const FOLLOWS_OPERAND = new Set(['in', 'not', 'is', 'if', 'else', 'for', 'and', 'or', 'as', 'from']);

/** The string opened at `quoteAt` closed before each later token, and after the last one. */
export function laterClosings(text: string, quoteAt: number): Reading[] {
  const quote = text[quoteAt];
  const from = quoteAt + 1;
  const rest = text.slice(from);
  const tokens = tokensOf(rest);
  const places = new Map<number, string>();
  for (const [i, token] of tokens.entries()) {
    // Closing before a name or a string leaves two operands side by side: only operators and the
    // keywords that may follow an operand (`"," in text`) come after a string.
    const word = rest.slice(token.start, token.end);
    if (token.kind !== 'op' && !(token.kind === 'name' && FOLLOWS_OPERAND.has(word))) continue;
    const before = i === 0 ? 0 : tokens[i - 1].end;
    const at = HUGS_LEFT.test(word) ? token.start : Math.max(before, rest.slice(0, token.start).trimEnd().length);
    // At 0 the string is empty: only before a dot (`''.join`); `split('',)` reads a lost quote as
    // an empty argument, which runs and fails. Never right before another quote.
    if (at === 0 ? word !== '.' : /["']/.test(rest[at - 1])) continue;
    if (/["']/.test(rest[at] ?? '')) continue;
    if (!places.has(from + at)) places.set(from + at, `Close the string before '${word}'`);
  }
  const last = tokens[tokens.length - 1];
  if (last && !/["']/.test(rest[last.end - 1])) places.set(from + last.end, 'Close the string at the end of its code');
  return [...places].map(([at, description]) => ({ description, changes: [[at + 1, at + 1, quote]], confident: false }));
}

/**
 * The quote CPython found open was the closing one, and the opening quote was dropped
 * (`append(A-")`): open the string after each bracket, comma, `=`, `:` or blank before it, nearest first.
 */
export function earlierOpenings(text: string, quoteAt: number): Reading[] {
  const quote = text[quoteAt];
  const readings: Reading[] = [];
  for (let at = quoteAt - 1; at > 0 && !/["'#]/.test(text[at - 1]); at--) {
    if (!/[([{,=:\s]/.test(text[at - 1]) || /^\s*$/.test(text.slice(0, at))) continue;
    const word = text.slice(at, quoteAt).trim().slice(0, 12);
    readings.push({ description: `Open the string before '${word}'`, changes: [[at + 1, at + 1, quote]], confident: false });
    // `bAIFF'` was `b'AIFF'` as often as `'bAIFF'`: the quote dropped after the prefix.
    const prefix = STRING_PREFIX.exec(text.slice(at, quoteAt))?.[0];
    if (prefix) {
      const after = at + prefix.length;
      readings.push({ description: `Open the ${prefix}-string before '${text.slice(after, quoteAt).trim().slice(0, 12)}'`, changes: [[after + 1, after + 1, quote]], confident: false, afterPrefix: prefix });
    }
  }
  return readings;
}

/**
 * Closing at the end (`atEnd`) leaves brackets open that the next line does not continue (it is not
 * indented deeper): close them too, at the end of the line (`print(f("a, b)` -> `print(f("a, b"))`).
 */
export function closedWithBrackets(text: string, atEnd: Reading, nextLine: string | undefined, closers: string): Reading | undefined {
  const indent = (line: string): number => line.length - line.trimStart().length;
  if (closers === '' || (nextLine !== undefined && nextLine.trim() !== '' && indent(nextLine) > indent(text))) return undefined;
  const end = text.trimEnd().length;
  // One change where the string closes at the very end: two inserts at one place have no order.
  const changes: Change[] = atEnd.changes.map(([column, endColumn, insert]): Change => (column === end + 1 ? [column, endColumn, insert + closers] : [column, endColumn, insert]));
  if (!atEnd.changes.some(([column]) => column === end + 1)) changes.push([end + 1, end + 1, closers]);
  return { description: 'Close the string and its brackets', changes, confident: false };
}

/**
 * An operator with no operand after it (`= ,`, `+)`, `: ,` outside a subscript), or a string called (`'len'(x)`, which
 * compiles): a reading that leaves one cannot be what was meant.
 */
export function implausible(line: string): boolean {
  const tokens = tokensOf(line);
  const next = (i: number): string => (tokens[i + 1]?.kind === 'op' ? line[tokens[i + 1].start] : '');
  const open: string[] = [];
  return tokens.some((token, i) => {
    const ch = line[token.start];
    // A string called, or taken with a unary operator (`-'x'`, `[*'ab'`): quotes paired the wrong way.
    const unary = i > 0 && /[-+~*]/.test(line[tokens[i - 1].start]) && (i === 1 || (tokens[i - 2].kind === 'op' && /[([{,=:]/.test(line[tokens[i - 2].start])));
    if (token.kind === 'string') return next(i) === '(' || unary;
    if (token.kind !== 'op') return false;
    // A binary keyword needs an operand before it, not a comma (`"", in txt`).
    const after = tokens[i + 1];
    if (ch === ',' && after?.kind === 'name' && BINARY_KEYWORDS.has(line.slice(after.start, after.end))) return true;
    if ('([{'.includes(ch)) open.push(ch);
    else if (')]}'.includes(ch)) open.pop();
    // A ':' with nothing after it stands only in a subscript (`x[1:]`, `a[:, 0]`).
    if (ch === ':') return /[,)}]/.test(next(i)) && open[open.length - 1] !== '[';
    // Two operators apart (`'' - * n`) have no operand between them.
    const apart = tokens[i + 1] !== undefined && tokens[i + 1].start > token.end && /[*/%<>&|^@=]/.test(next(i));
    return /[=+\-/%<>&|^@]/.test(ch) && (/[,)\]}]/.test(next(i)) || (ch !== '=' && apart));
  });
}

/** Whether a closer on the line meets an opener of another type (closers of earlier lines aside). */
export function mismatchedOnLine(line: string): boolean {
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const open: string[] = [];
  for (const token of tokensOf(line)) {
    const ch = line[token.start];
    if (token.kind !== 'op') continue;
    if ('([{'.includes(ch)) open.push(ch);
    else if (ch in pairs && open.length > 0 && open.pop() !== pairs[ch]) return true;
  }
  return false;
}

/** The line with changes that do not overlap applied, rightmost first. */
export function changed(text: string, changes: readonly Change[]): string {
  return [...changes].sort((a, b) => b[0] - a[0]).reduce((line, [column, endColumn, insert]) => line.slice(0, column - 1) + insert + line.slice(endColumn - 1), text);
}
