import * as assert from 'assert';
import { applyEdits } from '../../src/core/fixes/fixTypes';
import { ruleFixesFor } from '../../src/core/fixes/ruleFixers';
import type { PythonError } from '../../src/core/errors/pythonError';

// Generated slips: a statement of real shape with one closer deleted, reported as CPython 3.11
// reports it (the innermost bracket left open, or the first closer that meets another type), and
// where among the readings the statement as written comes.

const PAIRS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

function syntax(message: string, column: number): PythonError {
  return {
    type: 'SyntaxError', message, kind: 'syntax', file: 'main.py', line: 1, column, endLine: null, endColumn: null,
    suggestion: null, notes: [], frames: [], cause: null, context: null, exceptions: [],
  };
}

/** CPython's report for a one-line statement without strings, or undefined when it pairs. */
function reportOf(line: string): PythonError | undefined {
  const open: number[] = [];
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch in PAIRS) open.push(i);
    else if (')]}'.includes(ch)) {
      const opener = open.pop();
      if (opener === undefined) return undefined;
      if (PAIRS[line[opener]] !== ch) return syntax(`closing parenthesis '${ch}' does not match opening parenthesis '${line[opener]}'`, i + 1);
    }
  }
  return open.length === 0 ? undefined : syntax(`'${line[open[open.length - 1]]}' was never closed`, open[open.length - 1] + 1);
}

/** The source with its `nth` closer deleted, and where the source comes among the readings (-1: absent). */
function rankOf(source: string, nth: number): { mutant: string; rank: number; readings: number } {
  const closers = [...source].map((ch, i) => (')]}'.includes(ch) ? i : -1)).filter((i) => i >= 0);
  const at = closers[nth];
  const mutant = source.slice(0, at) + source.slice(at + 1);
  const error = reportOf(mutant.split('\n')[0]);
  assert.ok(error, mutant);
  const texts = ruleFixesFor(error, { 'main.py': mutant }).map((fix) => applyEdits(mutant, fix.edits));
  return { mutant, rank: texts.indexOf(source), readings: texts.length };
}

const CALLEES = ['len', 'total', 'items.count', 'self.size', 'rows[0].get'];
const ARGUMENTS = ['x', 'a, b', 'a + 1, b', '[1, 2]', '{"k": v}', '{1, 2}', 'f(x)', 'x[i]'];

describe('where a deleted closer goes back', () => {
  it('a call compared, tested or joined: its closer before the comparison, first of all readings', () => {
    const tails = ['== 0', '!= limit', '< 10', '>= low', 'and ready', 'or fallback', 'in allowed', 'is None', 'not in seen'];
    for (const callee of CALLEES) {
      for (const args of ARGUMENTS) {
        for (const tail of tails) {
          const source = `ok = ${callee}(${args}) ${tail}\n`;
          // The call's own closer is the last of the statement's closers.
          const nth = [...source].filter((ch) => ')]}'.includes(ch)).length - 1;
          assert.strictEqual(rankOf(source, nth).rank, 0, source);
        }
      }
    }
  });

  it('a call inside a display followed by `for`: its closer before the comprehension, first', () => {
    for (const callee of CALLEES) {
      for (const args of ARGUMENTS) {
        for (const [open, close] of [['[', ']'], ['{', '}'], ['(', ')']]) {
          const source = `out = ${open}${callee}(${args}) for x in xs${close}\n`;
          const nth = [...source].filter((ch) => ')]}'.includes(ch)).length - 2;
          assert.strictEqual(rankOf(source, nth).rank, 0, source);
        }
      }
    }
  });

  it('a closer at the end of the statement, at any depth: the end first', () => {
    const nests = ['f(x)', 'f(g(x))', 'f(g(h(x)))', 'f([1, g(2)])', 'f({"a": [1, 2]})', 'f(a, {1, 2})', 'xs[f(i)]'];
    for (const nest of nests) {
      const source = `result = ${nest}\n`;
      const closers = [...source].filter((ch) => ')]}'.includes(ch)).length;
      // Deleting any closer of the trailing run leaves the same text to mend.
      const trailing = /[)\]}]+\n$/.exec(source)![0].length - 1;
      for (let nth = closers - trailing; nth < closers; nth++) assert.strictEqual(rankOf(source, nth).rank, 0, `${source} without closer ${nth}`);
    }
  });

  it('a call computed with, or a list, set or dict closed before the next argument: among the first three readings', () => {
    const sources = [
      'n = len(items) - 1\n', 'y = scale(x) * 2 + offset\n', 'mid = (lo + hi) // 2\n', 'v = data[i] + data[j]\n',
      'z = f([1, 2], 3)\n', 'z = f({1, 2}, key)\n', 'z = f({"a": 1}, b)\n', 'z = pick(xs[i], ys[j])\n', 'w = g(h(a), b, c)\n',
    ];
    const ranks = sources.map((source) => {
      const first = [...source].findIndex((ch) => ')]}'.includes(ch));
      const nth = [...source.slice(0, first + 1)].filter((ch) => ')]}'.includes(ch)).length - 1;
      return rankOf(source, nth).rank;
    });
    assert.deepStrictEqual(ranks, [1, 2, 1, 1, 1, 1, 1, 1, 2]);
  });

  it('never offers more than ten readings, nor a closer glued to an operand', () => {
    const source = `x = f(${Array.from({ length: 30 }, (_, i) => `a${i}`).join(', ')}) == 1\n`;
    const { readings, rank } = rankOf(source, 0);
    assert.strictEqual(readings, 10);
    assert.strictEqual(rank, 0);
    const glued = ruleFixesFor(reportOf('x = [f(a b]')!, { 'main.py': 'x = [f(a b]\n' }).map((fix) => applyEdits('x = [f(a b]\n', fix.edits));
    assert.deepStrictEqual(glued, ['x = [f(a b)]\n', 'x = [f(a b)\n']);
  });

  it('ends a slice at its colon, and never puts a closer inside an exponent', () => {
    assert.deepStrictEqual(rankOf('tag = "b" + bin(n)[2:] + "b"\n', 1), { mutant: 'tag = "b" + bin(n)[2: + "b"\n', rank: 1, readings: 3 });
    const mutant = 'ok = abs(f(x) - 0.5 < 1e-6\n';
    const texts = ruleFixesFor(reportOf(mutant)!, { 'main.py': mutant }).map((fix) => applyEdits(mutant, fix.edits));
    assert.deepStrictEqual(texts, ['ok = abs(f(x) - 0.5) < 1e-6\n', 'ok = abs(f(x) - 0.5 < 1e-6)\n', 'ok = abs(f(x)) - 0.5 < 1e-6\n', 'ok = abs(f)(x) - 0.5 < 1e-6\n']);
  });
});
