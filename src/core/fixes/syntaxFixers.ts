// Syntax errors CPython 3.10+ names precisely: an unclosed bracket, a missing colon, an
// unterminated string. Each proposes the smallest edit that completes the statement.
import type { PythonError } from '../pythonError';
import type { FixCandidate, RuleFixer, TextEdit } from './fixTypes';
import { closerOf, indentOf, scanLine } from './lineScan';

const COMPOUND = /^\s*(?:async\s+)?(?:def|class|if|elif|else|for|while|try|except|finally|with|match|case)\b/;

interface Spot {
  file: string;
  lines: string[];
  line: number;
  column: number;
}

function spotOf(error: PythonError, files: Readonly<Record<string, string>>): Spot | undefined {
  const source = error.file !== null ? files[error.file] : undefined;
  if (source === undefined || !error.file || !error.line) return undefined;
  return { file: error.file, lines: source.split('\n'), line: error.line, column: error.column ?? 1 };
}

function insertion(spot: Spot, line: number, column: number, text: string, source: string, description: string): FixCandidate[] {
  const edit: TextEdit = { file: spot.file, startLine: line, startColumn: column, endLine: line, endColumn: column, newText: text };
  return [{ source: `rule:${source}`, description, edits: [edit], confident: true }];
}

/** "'(' was never closed": close it, and anything opened after it, where the statement ends. */
export const unclosedBracket: RuleFixer = {
  id: 'unclosed-bracket',
  kinds: ['syntax'],
  propose(error, files) {
    const opener = /^'([([{])' was never closed/.exec(error.message)?.[1];
    const spot = spotOf(error, files);
    if (!opener || !spot) return [];
    const first = spot.lines[spot.line - 1] ?? '';
    // The statement goes on over lines indented deeper than its first line.
    let last = spot.line;
    while (last < spot.lines.length && spot.lines[last].trim() !== '' && indentOf(spot.lines[last]) > indentOf(first)) last++;
    const stack: string[] = [];
    for (let n = spot.line; n <= last; n++) {
      const scan = scanLine(spot.lines[n - 1], n === spot.line ? spot.column - 1 : 0);
      for (let k = 0; k < scan.extraClosers; k++) stack.pop();
      stack.push(...scan.open.map(([ch]) => ch));
    }
    if (stack[0] !== opener) return [];
    const closers = stack.reverse().map(closerOf).join('');
    const end = scanLine(spot.lines[last - 1]).codeEnd;
    return insertion(spot, last, end + 1, closers, 'unclosed-bracket', `Close '${opener}'`);
  },
};

/** "expected ':'" (or a bare "invalid syntax" on a compound statement without one): add the colon. */
export const missingColon: RuleFixer = {
  id: 'missing-colon',
  kinds: ['syntax'],
  propose(error, files) {
    const spot = spotOf(error, files);
    if (!spot || !/^(expected ':'|invalid syntax)$/.test(error.message)) return [];
    const text = spot.lines[spot.line - 1] ?? '';
    const scan = scanLine(text);
    if (!COMPOUND.test(text) || scan.open.length > 0 || text.slice(0, scan.codeEnd).endsWith(':')) return [];
    return insertion(spot, spot.line, scan.codeEnd + 1, ':', 'missing-colon', "Add ':'");
  },
};

/** "unterminated string literal": close the string on its line, before the brackets it swallowed. */
export const unterminatedString: RuleFixer = {
  id: 'unterminated-string',
  kinds: ['syntax'],
  propose(error, files) {
    const spot = spotOf(error, files);
    if (!spot || !/^unterminated string literal/.test(error.message)) return [];
    const text = spot.lines[spot.line - 1] ?? '';
    const quoteAt = text.slice(spot.column - 1).search(/["']/) + spot.column - 1;
    if (quoteAt < spot.column - 1) return [];
    const openBefore = scanLine(text.slice(0, spot.column - 1)).open.length;
    let at = text.trimEnd().length;
    for (let k = 0; k < openBefore && /[)\]}]/.test(text[at - 1] ?? ''); k++) at--;
    return insertion(spot, spot.line, at + 1, text[quoteAt], 'unterminated-string', 'Close the string');
  },
};
