// A small Python lexer for the mutation generator: enough to tell names, operators, strings and
// comments apart, the bracket depth of each token, and where each logical line starts. It never
// needs to accept only valid Python: it reads real programs that compile.

export type TokenKind = 'name' | 'number' | 'string' | 'op' | 'comment';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offsets into the source: text === source.slice(start, end). */
  start: number;
  end: number;
  /** 0-based line of the token's first character. */
  line: number;
  /** Open brackets before this token. */
  depth: number;
  /** Index of the logical line (statement line) the token belongs to. */
  logical: number;
}

export interface LogicalLine {
  /** Index of its first token in the token list, and one past its last. */
  first: number;
  end: number;
  /** Offset of the physical line's start and the column of its first token (its indentation). */
  lineStart: number;
  indent: string;
}

const OPERATORS = ['**=', '//=', '>>=', '<<=', '...', '->', ':=', '==', '!=', '<=', '>=', '**', '//', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@='];
const STRING_START = /^(?:[rRbBuUfF]{1,2})?(?:'''|"""|'|")/;

export function tokenize(source: string): { tokens: Token[]; lines: LogicalLine[] } {
  const tokens: Token[] = [];
  const lines: LogicalLine[] = [];
  let depth = 0;
  let line = 0;
  let at = 0;
  let lineStart = 0;
  let startsLogical = true;
  const push = (kind: TokenKind, end: number): void => {
    if (kind !== 'comment' && startsLogical) {
      if (lines.length > 0) lines[lines.length - 1].end = tokens.length;
      lines.push({ first: tokens.length, end: tokens.length, lineStart, indent: source.slice(lineStart, at) });
      startsLogical = false;
    }
    const text = source.slice(at, end);
    tokens.push({ kind, text, start: at, end, line, depth, logical: kind === 'comment' && startsLogical ? -1 : lines.length - 1 });
    line += text.split('\n').length - 1;
    at = end;
  };
  while (at < source.length) {
    const rest = source.slice(at, at + 4);
    const char = source[at];
    if (char === '\n') {
      if (depth === 0) startsLogical = true;
      at++;
      line++;
      lineStart = at;
    } else if (char === '\\' && source[at + 1] === '\n') {
      at += 2;
      line++;
      lineStart = at;
    } else if (char === ' ' || char === '\t' || char === '\r' || char === '\f') {
      at++;
    } else if (char === '#') {
      const end = source.indexOf('\n', at);
      push('comment', end < 0 ? source.length : end);
    } else if (STRING_START.test(rest) || STRING_START.test(source.slice(at, at + 5))) {
      push('string', stringEnd(source, at));
    } else if (/[A-Za-z_\u0080-\uffff]/.test(char)) {
      push('name', at + /^[\w\u0080-\uffff]*/.exec(source.slice(at + 1, at + 200))![0].length + 1);
    } else if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(source[at + 1] ?? ''))) {
      push('number', at + /^[\w.]*/.exec(source.slice(at, at + 100))![0].length);
    } else {
      const op = OPERATORS.find((candidate) => source.startsWith(candidate, at)) ?? char;
      if ('([{'.includes(op)) {
        push('op', at + 1);
        depth++;
      } else if (')]}'.includes(op)) {
        depth = Math.max(0, depth - 1);
        push('op', at + 1);
      } else push('op', at + op.length);
    }
  }
  if (lines.length > 0) lines[lines.length - 1].end = tokens.length;
  return { tokens, lines };
}

/** Where the string literal starting at `start` ends (just past its closing quote, or at the line's end if unterminated). */
function stringEnd(source: string, start: number): number {
  const opening = /^[rRbBuUfF]{0,2}('''|"""|'|")/.exec(source.slice(start, start + 5))!;
  const quote = opening[1];
  let at = start + opening[0].length;
  while (at < source.length) {
    // A backslash escapes the next character, even in a raw string (r"\"" is one string).
    if (source[at] === '\\') at += 2;
    else if (source.startsWith(quote, at)) return at + quote.length;
    else if (source[at] === '\n' && quote.length === 1) return at;
    else at++;
  }
  return source.length;
}

/** The tokens of one logical line, comments left out. */
export function codeTokens(tokens: readonly Token[], line: LogicalLine): Token[] {
  return tokens.slice(line.first, line.end).filter((token) => token.kind !== 'comment');
}

export const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '),
);
