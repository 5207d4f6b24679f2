// Brackets left open or closed by the wrong character. CPython 3.11 names the first ("'(' was never
// closed"), the second ("closing parenthesis ')' does not match opening parenthesis '['"), and inside
// a compound header it often says only "invalid syntax" at the ':' that came while a bracket was open.
// Where the one closer goes back is found among every place it could (bracketPlaces.ts), in the
// order real code makes likeliest (bracketOrder.ts); the loop drops the readings that do not compile.
import type { FixCandidate, RuleFixer } from './fixTypes';
import { bracketBalance } from './lineTokens';
import { closerOf, indentOf, scanLine } from './lineScan';
import { layoutOf } from './statementLayout';
import { candidate, COMPOUND, editedLine, lineEdit, spotOf, type Spot } from './syntaxSpot';
import { closingPlaces, spanTokens, type Span, type SpanToken } from './bracketPlaces';
import { orderedPlaces } from './bracketOrder';

/** At most this many readings of one slip: each costs a compile check, the best few a run. */
const MOST_READINGS = 10;

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
  const span = { lines: spot.lines, line: spot.line, index: spot.column - 1, endLine: last, end };
  // Several brackets left open: each needs its closer, all of them at the end.
  const allAtEnd = candidate('unclosed-bracket', colon ? `Close '${opener}' before ':'` : `Close '${opener}'`, [lineEdit(spot, last, end + 1, end + 1, closersOf(open))], false);
  return readingsOf(spot, span, false, colon ? ':' : undefined, open.length > 1 || closingPlaces(span).length === 0 ? [allAtEnd] : []);
}

/**
 * The readings of one missing closer in the span, best first, then `fallback`; confident only when
 * a single reading stands in the best tier, and that tier is the statement's end or better.
 */
function readingsOf(spot: Spot, span: Span, enclosed: boolean, endsAt: string | undefined, fallback: FixCandidate[], rule = 'unclosed-bracket'): FixCandidate[] {
  const lines = spot.lines;
  const ordered = orderedPlaces(closingPlaces(span), { beforeSpan: (lines[span.line - 1] ?? '').slice(0, span.index), enclosed, lines, fileText: lines.join('\n') });
  const texts = new Set<string>();
  // Two places can give one text (`len(x)` + `)` either side of a closer): the first stands for both.
  const distinct = ordered.filter(({ place }) => {
    const text = `${place.line}\u0000${editedLine(lines[place.line - 1], place.index + 1, place.index + 1, place.closer)}`;
    return !texts.has(text) && Boolean(texts.add(text));
  });
  const readings = distinct.slice(0, MOST_READINGS).map(({ place }) => {
    const after = place.tokens[place.at]?.text ?? endsAt;
    const arrow = after === '-' && place.tokens[place.at + 1]?.text === '>' ? '->' : after;
    const opener = place.tokens[place.opener].text;
    return candidate(rule, arrow ? `Close '${opener}' before '${arrow}'` : `Close '${opener}'`, [lineEdit(spot, place.line, place.index + 1, place.index + 1, place.closer)], false);
  });
  // `with (open(p) as f):` is Python too: a call closed before `as` is likelier, not sure.
  const [best, second] = distinct;
  const clear = best !== undefined && best.tier <= 1 && (second === undefined || second.tier > best.tier) && best.place.tokens[best.place.at]?.text !== 'as';
  if (clear && fallback.length === 0) readings[0] = { ...readings[0], confident: true };
  const seen = new Set(readings.map((reading) => JSON.stringify(reading.edits)));
  return [...readings, ...fallback.filter((reading) => !seen.has(JSON.stringify(reading.edits)))];
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
 * (`if (total > 100 and member:`): close them before the ':', or where a call's arguments end
 * (`with open(path as f:` before `as`, `def f(a -> int:` before `->`).
 */
function closeInHeader(spot: Spot): FixCandidate[] {
  const text = spot.lines[spot.line - 1] ?? '';
  const { codeEnd } = scanLine(text);
  if (!COMPOUND.test(text) || text[codeEnd - 1] !== ':') return [];
  const head = scanLine(text.slice(0, codeEnd - 1));
  if (head.open.length === 0 || head.extraClosers > 0) return [];
  const closers = closersOf(head.open.map(([ch]) => ch));
  const beforeColon = candidate('unclosed-bracket', `Close '${head.open[0][0]}' before ':'`, [lineEdit(spot, spot.line, codeEnd, codeEnd, closers)], false);
  const span = { lines: spot.lines, line: spot.line, index: head.open[0][1], endLine: spot.line, end: codeEnd - 1 };
  return readingsOf(spot, span, false, ':', head.open.length > 1 ? [beforeColon] : []);
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
    const start = statementStart(spot, onLine ? Number(onLine) : spot.line);
    const inner = innermostOpen(spot, start);
    // The inner bracket closed at each place it could be, before the closer; or the closer changed.
    const span = inner && inner.text === opener ? { lines: spot.lines, line: inner.line, index: inner.start, endLine: spot.line, end: spot.column - 1 } : undefined;
    const closings = span ? readingsOf(spot, span, true, closer, [], 'mismatched-bracket') : [];
    const change = candidate('mismatched-bracket', `Change '${closer}' to '${expected}'`, [lineEdit(spot, spot.line, spot.column, spot.column + 1, expected)], false);
    const judged = [...closings, change].map((reading) => {
      const edit = reading.edits[0];
      const lines = spot.lines.slice(start - 1, spot.line).map((line, i) => (start + i === edit.startLine ? editedLine(line, edit.startColumn, edit.endColumn, edit.newText) : line));
      return { reading, balance: bracketBalance(lines) };
    }).filter(({ balance }) => !balance.broken);
    const balanced = (judgedReading: (typeof judged)[number]): boolean => judgedReading.balance.open.length === 0;
    judged.sort((x, y) => Number(balanced(y)) - Number(balanced(x)));
    return judged.map(({ reading }, i) => ({ ...reading, confident: i === 0 && (judged.length === 1 || balanced(judged[0]) !== balanced(judged[1]) || (reading.confident && reading !== change)) }));
  },
};

/** The innermost bracket open just before the mismatched closer, from the statement's start. */
function innermostOpen(spot: Spot, start: number): SpanToken | undefined {
  const tokens = spanTokens({ lines: spot.lines, line: start, index: 0, endLine: spot.line, end: spot.column - 1 }) ?? [];
  const open: SpanToken[] = [];
  for (const token of tokens) {
    if (token.kind !== 'op') continue;
    if ('([{'.includes(token.text)) open.push(token);
    else if (')]}'.includes(token.text)) open.pop();
  }
  return open[open.length - 1];
}

/** The first line of the statement that holds line `line` (1-based). */
function statementStart(spot: Spot, line: number): number {
  const starts = layoutOf(spot.lines.join('\n')).starts.filter((start) => start <= line - 1);
  return (starts[starts.length - 1] ?? line - 1) + 1;
}

/** The closers of brackets opened in this order, innermost first. */
function closersOf(open: readonly string[]): string {
  return [...open].reverse().map(closerOf).join('');
}
