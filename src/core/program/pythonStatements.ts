// Just enough of Python's tokenizing to see a file's statements without running it: logical lines
// (brackets, backslash continuations and triple-quoted strings joined), their indentation, and their
// code with string contents dropped, so text inside a string is never mistaken for code. A file that
// does not tokenize (an unclosed bracket) still gives its statements up to the damage.

export interface LogicalLine {
  /** 1-based line the statement starts on. */
  line: number;
  /** Width of the first line's indentation (a tab advances to the next multiple of 8, as CPython counts). */
  indent: number;
  /** The code without comments, each string literal reduced to its quotes (`f"a{b}"` -> `f""`). */
  code: string;
  /** The code without comments, string literals as written: for the checks that read a string. */
  text: string;
}

/** A statement and the block under it (the body of a compound statement). */
export interface StatementNode extends LogicalLine {
  body: StatementNode[];
}

export function logicalLines(source: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  let line = 1;
  let i = 0;
  while (i < source.length) {
    const start = line;
    let indent = 0;
    for (; source[i] === ' ' || source[i] === '\t' || source[i] === '\f'; i++) indent = source[i] === '\t' ? indent + 8 - (indent % 8) : source[i] === ' ' ? indent + 1 : 0;
    let code = '';
    let text = '';
    let depth = 0;
    for (; i < source.length; i++) {
      const ch = source[i];
      if (ch === '\n') {
        line++;
        if (depth === 0) {
          i++;
          break;
        }
        code += ' ';
        text += ' ';
      } else if (ch === '#') {
        while (i + 1 < source.length && source[i + 1] !== '\n') i++;
      } else if (ch === '\\' && (source[i + 1] === '\n' || (source[i + 1] === '\r' && source[i + 2] === '\n'))) {
        i += source[i + 1] === '\r' ? 2 : 1;
        line++;
        code += ' ';
        text += ' ';
      } else if (ch === '"' || ch === "'") {
        const literal = stringAt(source, i);
        line += literal.newlines;
        code += ch + ch;
        text += source.slice(i, literal.end);
        i = literal.end - 1;
      } else {
        if ('([{'.includes(ch)) depth++;
        else if (')]}'.includes(ch)) depth = Math.max(0, depth - 1);
        if (ch !== '\r') {
          code += ch;
          text += ch;
        }
      }
    }
    if (code.trim() !== '') lines.push({ line: start, indent, code: code.trim(), text: text.trim() });
  }
  return lines;
}

/** The string literal opening at `start`: where it ends (exclusive) and how many newlines it spans. */
function stringAt(source: string, start: number): { end: number; newlines: number } {
  const quote = source[start];
  const triple = source.startsWith(quote.repeat(3), start);
  const closing = triple ? quote.repeat(3) : quote;
  let newlines = 0;
  let i = start + closing.length;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '\\') {
      const crlf = source[i + 1] === '\r' && source[i + 2] === '\n';
      if (source[i + 1] === '\n' || crlf) newlines++;
      i += crlf ? 3 : 2;
      continue;
    }
    if (ch === '\n') {
      if (!triple) return { end: i, newlines }; // an unclosed short string stops at its line
      newlines++;
    }
    if (source.startsWith(closing, i)) return { end: i + closing.length, newlines };
    i++;
  }
  return { end: source.length, newlines };
}

/** The file's statements as a tree: each statement holds the more-indented lines after it. */
export function statementTree(source: string): StatementNode[] {
  const top: StatementNode[] = [];
  const open: StatementNode[] = [];
  for (const logical of logicalLines(source)) {
    const node: StatementNode = { ...logical, body: [] };
    while (open.length > 0 && open[open.length - 1].indent >= node.indent) open.pop();
    (open.length > 0 ? open[open.length - 1].body : top).push(node);
    open.push(node);
  }
  return top;
}

/** Splits a logical line's code at the semicolons between simple statements. */
export function simpleStatements(code: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < code.length; i++) {
    if ('([{'.includes(code[i])) depth++;
    else if (')]}'.includes(code[i])) depth = Math.max(0, depth - 1);
    else if (code[i] === ';' && depth === 0) {
      parts.push(code.slice(from, i).trim());
      from = i + 1;
    }
  }
  parts.push(code.slice(from).trim());
  return parts.filter((part) => part !== '');
}

const COMPOUND = /^(?:async\s+)?(if|elif|else|try|except|finally|for|while|with|def|class)\b/; // `except*` too

export interface CompoundHeader {
  keyword: string;
  /** The statements written after the header's colon on the same line (`if x: run()`), else ''. */
  inline: string;
}

/** The compound statement a line of code opens, or undefined for a simple statement. */
export function compoundHeader(code: string): CompoundHeader | undefined {
  const match = COMPOUND.exec(code);
  if (!match) return undefined;
  const colon = headerColon(code, match[0].length);
  return { keyword: match[1], inline: colon === undefined ? '' : code.slice(colon + 1).trim() };
}

/** The colon ending a header: outside brackets, not a lambda's, not part of `:=`. */
function headerColon(code: string, from: number): number | undefined {
  let depth = 0;
  let lambdas = 0;
  for (let i = from; i < code.length; i++) {
    const ch = code[i];
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && code.startsWith('lambda', i) && !/\w/.test(code[i - 1] ?? '') && !/\w/.test(code[i + 6] ?? '')) lambdas++;
    else if (depth === 0 && ch === ':' && code[i + 1] !== '=') {
      if (lambdas === 0) return i;
      lambdas--;
    }
  }
  return undefined;
}
