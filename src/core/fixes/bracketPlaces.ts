// Every place one missing closer could go back inside a statement: right after each complete
// operand (a name, a number, a string, a closer, or an opener left empty) from the bracket left
// open up to where the statement ends, wherever the closer then pairs every bracket of the span.
// Which of them the slip was is ordered by bracketOrder.ts; the loop drops those that do not compile.
import { tokensOf, type Token } from './lineTokens';
import { closerOf } from './lineScan';

/** A code token of a span that may run over several lines. */
export interface SpanToken {
  line: number;
  start: number;
  end: number;
  text: string;
  kind: Token['kind'];
}

/** From the opener (1-based line, 0-based index) to just before `end` on line `endLine`. */
export interface Span {
  lines: readonly string[];
  line: number;
  index: number;
  endLine: number;
  end: number;
}

export interface ClosingPlace {
  /** 1-based line; 0-based index the closer goes in at. */
  line: number;
  index: number;
  closer: string;
  /** The span's tokens, and how many come before the place. */
  tokens: readonly SpanToken[];
  at: number;
  /** Index in `tokens` of the opener the closer pairs with. */
  opener: number;
}

const OPENERS = '([{';
const CLOSERS = ')]}';
const FOLLOW_OPERANDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'for', 'as', 'async']);
const NOT_OPERANDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'for', 'lambda', 'await', 'yield', 'return', 'assert', 'del', 'import', 'from', 'as', 'with', 'while', 'elif', 'def', 'class', 'raise', 'global', 'nonlocal', 'async', 'pass']);

/** The code tokens of the span, or undefined when a string in it is left open (its lines do not lex). */
export function spanTokens(span: Span): SpanToken[] | undefined {
  const tokens: SpanToken[] = [];
  for (let n = span.line; n <= span.endLine; n++) {
    const text = span.lines[n - 1] ?? '';
    const from = n === span.line ? span.index : 0;
    const code = n === span.endLine ? text.slice(0, span.end) : text;
    for (const token of tokensOf(code.slice(from))) {
      if (token.kind === 'string' && !token.closed) return undefined;
      const start = from + token.start;
      tokens.push({ line: n, start, end: from + token.end, text: code.slice(start, from + token.end), kind: token.kind });
    }
  }
  return tokens;
}

/** Whether a token ends an operand, so that a closer may follow it. */
function endsOperand(token: SpanToken): boolean {
  if (token.kind === 'op') return CLOSERS.includes(token.text);
  return token.kind !== 'name' || !NOT_OPERANDS.has(token.text);
}

/** Whether a token begins an operand (what may follow one: operators and `and`, `if`, `for`, ... do not). */
function startsOperand(token: SpanToken): boolean {
  if (token.kind === 'op') return false;
  return token.kind !== 'name' || !FOLLOW_OPERANDS.has(token.text);
}

/**
 * The places where one closer makes every bracket of the span pair up by the span's end (the
 * statement's end, a header's ':', or the closer CPython found mismatched), the first token being
 * the opener left open.
 */
export function closingPlaces(span: Span): ClosingPlace[] {
  const tokens = spanTokens(span);
  if (!tokens || tokens.length === 0 || !OPENERS.includes(tokens[0].text)) return [];
  const places: ClosingPlace[] = [];
  for (let at = 1; at <= tokens.length; at++) {
    const before = tokens[at - 1];
    // A slice may end at its colon (`x[2:]`): only a '[' closes after one.
    const sliceEnd = before.text === ':';
    // A trailing comma may stand before the closer at the statement's end (`{"a": 1,` then a blank line).
    const trailingComma = before.text === ',' && at === tokens.length;
    if (!endsOperand(before) && !OPENERS.includes(before.text) && !sliceEnd && !trailingComma) continue;
    // A closer followed by an operand leaves two operands side by side (`[]"a"`): never Python.
    if (at < tokens.length && startsOperand(tokens[at])) continue;
    // Inside a number's exponent (`1e-6` lexes here as `1e`, `-`, `6`).
    if (before.kind === 'number' && /^\d.*[eE]$/.test(before.text) && tokens[at]?.start === before.end && tokens[at]?.line === before.line) continue;
    const pairing = pairsWith(tokens, at);
    if (pairing === undefined || (sliceEnd && tokens[pairing].text !== '[')) continue;
    if (!splitsComprehension(tokens, pairing, at)) places.push({ line: before.line, index: before.end, closer: closerOf(tokens[pairing].text), tokens, at, opener: pairing });
  }
  return places;
}

/** Whether the bracket closed before token `at` would hold a comprehension's `for` without its `in`. */
function splitsComprehension(tokens: readonly SpanToken[], opener: number, at: number): boolean {
  let depth = 0;
  let awaitingIn = false;
  for (let i = opener + 1; i < at; i++) {
    const { text, kind } = tokens[i];
    if (kind === 'op') depth += OPENERS.includes(text) ? 1 : CLOSERS.includes(text) ? -1 : 0;
    else if (depth === 0 && kind === 'name' && (text === 'for' || text === 'in')) awaitingIn = text === 'for';
  }
  return awaitingIn;
}

/** The opener a closer put before token `at` would close, when every bracket then pairs; else undefined. */
function pairsWith(tokens: readonly SpanToken[], at: number): number | undefined {
  const open: number[] = [];
  let closes: number | undefined;
  for (let i = 0; i <= tokens.length; i++) {
    if (i === at) {
      closes = open.pop();
      if (closes === undefined) return undefined;
    }
    if (i === tokens.length) break;
    const { text, kind } = tokens[i];
    if (kind !== 'op') continue;
    if (OPENERS.includes(text)) open.push(i);
    else if (CLOSERS.includes(text)) {
      const opener = open.pop();
      if (opener === undefined || closerOf(tokens[opener].text) !== text) return undefined;
    }
  }
  return open.length === 0 ? closes : undefined;
}
