// Brackets left open or closed by the wrong character. CPython 3.11 names the first ("'(' was never
// closed"), the second ("closing parenthesis ')' does not match opening parenthesis '['"), and inside
// a compound header it often says only "invalid syntax" at the ':' that came while a bracket was open.
import type { FixCandidate, RuleFixer, TextEdit } from './fixTypes';
import { bracketBalance, tokensOf } from './lineTokens';
import { closerOf, indentOf, scanLine } from './lineScan';
import { layoutOf } from './statementLayout';
import { candidate, COMPOUND, editedLine, lineEdit, spotOf, type Spot } from './syntaxSpot';

/** "'(' was never closed" (or "invalid syntax" at a header's ':'): close it, and what was opened after it. */
export const unclosedBracket: RuleFixer = {
  id: 'unclosed-bracket',
  kinds: ['syntax'],
  propose(error, files) {
    const spot = spotOf(error, files);
    const opener = /^'([([{])' was never closed/.exec(error.message)?.[1];
    if (!spot) return [];
    if (opener) return closeUnclosed(spot, opener);
    return error.message === 'invalid syntax' ? closeInHeader(spot) : [];
  },
};

/**
 * Where the statement ends: over the lines indented deeper than its first, except that a compound
 * header ends at its ':' (what is indented under it is its body, not more of the brackets).
 */
function closeUnclosed(spot: Spot, opener: string): FixCandidate[] {
  const first = spot.lines[spot.line - 1] ?? '';
  let last = spot.line;
  while (last < spot.lines.length && spot.lines[last].trim() !== '' && indentOf(spot.lines[last]) > indentOf(first)) last++;
  const colon = COMPOUND.test(first) ? headerColon(spot, last) : undefined;
  if (colon) last = colon.line;
  const end = colon ? colon.index : scanLine(spot.lines[last - 1]).codeEnd;
  const open: string[] = [];
  for (let n = spot.line; n <= last; n++) {
    const text = spot.lines[n - 1];
    const scan = scanLine(n === last ? text.slice(0, end) : text, n === spot.line ? spot.column - 1 : 0);
    for (let k = 0; k < scan.extraClosers; k++) open.pop();
    open.push(...scan.open.map(([ch]) => ch));
  }
  if (open[0] !== opener) return [];
  const description = colon ? `Close '${opener}' before ':'` : `Close '${opener}'`;
  return [candidate('unclosed-bracket', description, [lineEdit(spot, last, end + 1, end + 1, closersOf(open))], true)];
}

/** The first line from the opener's to `last` whose code ends with ':', and that colon's index. */
function headerColon(spot: Spot, last: number): { line: number; index: number } | undefined {
  for (let n = spot.line; n <= last; n++) {
    const text = spot.lines[n - 1];
    const { codeEnd } = scanLine(text, n === spot.line ? spot.column - 1 : 0);
    if (text[codeEnd - 1] === ':') return { line: n, index: codeEnd - 1 };
  }
  return undefined;
}

/**
 * "invalid syntax" on a one-line header that ends with ':' while brackets are open
 * (`if (total > 100 and member:`): close them before the ':'. In `with open(path as f:` the call
 * was meant to end before `as`, so that reading comes first there.
 */
function closeInHeader(spot: Spot): FixCandidate[] {
  const text = spot.lines[spot.line - 1] ?? '';
  const { codeEnd } = scanLine(text);
  if (!COMPOUND.test(text) || text[codeEnd - 1] !== ':') return [];
  const head = scanLine(text.slice(0, codeEnd - 1));
  if (head.open.length === 0 || head.extraClosers > 0) return [];
  const closers = closersOf(head.open.map(([ch]) => ch));
  const beforeColon = candidate('unclosed-bracket', `Close '${head.open[0][0]}' before ':'`, [lineEdit(spot, spot.line, codeEnd, codeEnd, closers)], true);
  const as = /^\s*(?:async\s+)?with\b/.test(text) ? firstAsInside(text.slice(0, codeEnd - 1)) : undefined;
  if (as === undefined) return [beforeColon];
  const open = scanLine(text.slice(0, as)).open;
  if (open.length === 0) return [beforeColon];
  const beforeAs = candidate('unclosed-bracket', `Close '${open[0][0]}' before 'as'`, [lineEdit(spot, spot.line, as + 1, as + 1, closersOf(open.map(([ch]) => ch)))], false);
  return [beforeAs, { ...beforeColon, confident: false }];
}

/** Index just after the operand before the first `as` that stands inside a bracket, if any. */
function firstAsInside(code: string): number | undefined {
  const tokens = tokensOf(code);
  let depth = 0;
  for (const [i, token] of tokens.entries()) {
    const text = code.slice(token.start, token.end);
    if (token.kind === 'op') depth += '([{'.includes(text) ? 1 : ')]}'.includes(text) ? -1 : 0;
    else if (token.kind === 'name' && text === 'as' && depth > 0 && i > 0) return tokens[i - 1].end;
  }
  return undefined;
}

const MISMATCH = /^closing parenthesis '([)\]}])' does not match opening parenthesis '([([{])'(?: on line (\d+))?/;

/**
 * "closing parenthesis ')' does not match opening parenthesis '['": either the inner bracket was
 * never closed (`f(tags=["a", "b")`: close it before the closer) or the closer is the wrong
 * character (`[1, 2)`: change it). The reading after which the statement's brackets balance comes
 * first; one that leaves them mismatched is dropped.
 */
export const mismatchedBracket: RuleFixer = {
  id: 'mismatched-bracket',
  kinds: ['syntax'],
  propose(error, files) {
    const match = MISMATCH.exec(error.message);
    const spot = spotOf(error, files);
    if (!match || !spot) return [];
    const [, closer, opener, onLine] = match;
    const text = spot.lines[spot.line - 1] ?? '';
    if (text[spot.column - 1] !== closer) return [];
    const expected = closerOf(opener);
    const readings: Array<[string, TextEdit]> = [
      [`Close '${opener}' before '${closer}'`, lineEdit(spot, spot.line, spot.column, spot.column, expected)],
      [`Change '${closer}' to '${expected}'`, lineEdit(spot, spot.line, spot.column, spot.column + 1, expected)],
    ];
    const start = statementStart(spot, onLine ? Number(onLine) : spot.line);
    const judged = readings.map(([description, edit]) => {
      const lines = [...spot.lines.slice(start - 1, spot.line - 1), editedLine(text, edit.startColumn, edit.endColumn, edit.newText)];
      return { description, edit, balance: bracketBalance(lines) };
    }).filter(({ balance }) => !balance.broken);
    const balanced = (reading: (typeof judged)[number]): boolean => reading.balance.open.length === 0;
    judged.sort((a, b) => Number(balanced(b)) - Number(balanced(a)));
    return judged.map(({ description, edit }, i) => candidate('mismatched-bracket', description, [edit], i === 0 && (judged.length === 1 || balanced(judged[0]) !== balanced(judged[1]))));
  },
};

/** The first line of the statement that holds line `line` (1-based). */
function statementStart(spot: Spot, line: number): number {
  const starts = layoutOf(spot.lines.join('\n')).starts.filter((start) => start <= line - 1);
  return (starts[starts.length - 1] ?? line - 1) + 1;
}

/** The closers of brackets opened in this order, innermost first. */
function closersOf(open: readonly string[]): string {
  return [...open].reverse().map(closerOf).join('');
}
