// One line of Python as tokens, for judging a candidate edit before it is run: does the line lex
// without a string left open, without two operands side by side, with its brackets paired by type?
// Triple-quoted strings spanning lines are out of scope (a line of them reads as an open string).

export type TokenKind = 'string' | 'name' | 'number' | 'op';

export interface Token {
  kind: TokenKind;
  /** Index of the first character (a string's prefix included). */
  start: number;
  /** Index just past the last character. */
  end: number;
  /** Strings only: whether the closing quote is on the line. */
  closed?: boolean;
}

const PREFIXED_QUOTE = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])?("""|'''|"|')/;
const NAME = /^[A-Za-z_]\w*/;
const NUMBER = /^(?:\d[\w.]*|\.\d[\w.]*)/;

/** Tokens up to a comment; a string left open runs to the end of the line. */
export function tokensOf(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const rest = line.slice(i);
    const quoted = PREFIXED_QUOTE.exec(rest);
    if (quoted) {
      const end = stringEnd(line, i + quoted[0].length, quoted[1]);
      tokens.push({ kind: 'string', start: i, end: end ?? line.length, closed: end !== undefined });
      i = end ?? line.length;
      continue;
    }
    const ch = line[i];
    if (ch === '#') break;
    const word = NAME.exec(rest) ?? NUMBER.exec(rest);
    if (word) {
      tokens.push({ kind: NAME.test(rest) ? 'name' : 'number', start: i, end: i + word[0].length });
      i += word[0].length;
    } else {
      if (ch.trim() !== '') tokens.push({ kind: 'op', start: i, end: i + 1 });
      i++;
    }
  }
  return tokens;
}

/** Just past the quote that closes a string whose body starts at `from`; a backslash always escapes. */
function stringEnd(line: string, from: number, quote: string): number | undefined {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line.startsWith(quote, i)) return i + quote.length;
  }
  return undefined;
}

// Keywords may stand next to an operand (`"a" if x else "b"`, `return "x"`, `c in "abc"`).
const KEYWORDS = new Set(
  ('False None True and as assert async await break class continue def del elif else except finally for from global if ' +
    'import in is lambda nonlocal not or pass raise return try while with yield').split(' '),
);

/**
 * Whether the line lexes as Python could accept it: every string closed, and no two operands side
 * by side (a string next to a name, a name next to a name) except adjacent strings, which
 * concatenate; but not a prefixed string glued to the one before (`"a: 1, "b": 2"` pairs the
 * quotes the wrong way, however `b"..."` reads).
 */
export function lexesCleanly(line: string): boolean {
  const tokens = tokensOf(line);
  if (tokens.some((token) => token.kind === 'string' && !token.closed)) return false;
  // Outside a string a backslash only continues the line, at its very end.
  if (tokens.some((token) => line[token.start] === '\\' && line.slice(token.end).trim() !== '')) return false;
  const operand = (token: Token): boolean => token.kind !== 'op' && !(token.kind === 'name' && KEYWORDS.has(line.slice(token.start, token.end)));
  const concatenation = (before: Token, token: Token): boolean =>
    before.kind === 'string' && token.kind === 'string' && !(token.start === before.end && /^[A-Za-z]/.test(line[token.start]));
  return tokens.every((token, i) => i === 0 || !operand(token) || !operand(tokens[i - 1]) || concatenation(tokens[i - 1], token));
}

const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

export interface Balance {
  /** Openers left open at the end, outermost first. */
  open: string[];
  /** A closer met an opener of another type, or nothing to close. */
  broken: boolean;
}

/** The brackets of consecutive lines paired by type. */
export function bracketBalance(lines: readonly string[]): Balance {
  const open: string[] = [];
  for (const line of lines) {
    for (const token of tokensOf(line)) {
      if (token.kind !== 'op') continue;
      const ch = line[token.start];
      if (ch in CLOSER) open.push(ch);
      else if (')]}'.includes(ch) && CLOSER[open.pop() ?? ''] !== ch) return { open, broken: true };
    }
  }
  return { open, broken: false };
}
