// The readings of syntax and indentation slips on the cases seen in real code, and on variants
// generated from them: the first reading offered must give back the program as it was written.
import * as assert from 'assert';
import { applyEdits } from '../../src/core/fixes/fixTypes';
import { reparentsOthers } from '../../src/core/fixes/indentReadings';
import { ruleFixesFor } from '../../src/core/fixes/ruleFixers';
import type { ErrorKind, PythonError } from '../../src/core/errors/pythonError';

function error(message: string, line: number, column: number, kind: ErrorKind = 'syntax', type = 'SyntaxError'): PythonError {
  return { type, message, kind, file: 'main.py', line, column, endLine: null, endColumn: null, suggestion: null, notes: [], frames: [], cause: null, context: null, exceptions: [] };
}

/** Every reading as [description, healed text], in the order offered. */
const readings = (source: string, e: PythonError) => ruleFixesFor(e, { 'main.py': source }).map((fix) => [fix.description, applyEdits(source, fix.edits)]);
const first = (source: string, e: PythonError) => readings(source, e)[0]?.[1];

/** The source with the quote at `index` of line `line` (1-based) deleted, and the error CPython 3.11 reports. */
function droppedQuote(original: string, line: number, index: number): [string, PythonError] {
  const lines = original.split('\n');
  const text = lines[line - 1];
  lines[line - 1] = text.slice(0, index) + text.slice(index + 1);
  // CPython points at the quote left over once the line's quotes are paired from the left.
  const quotes = [...lines[line - 1].matchAll(/["']/g)].map((m) => m.index as number);
  return [lines.join('\n'), error(`unterminated string literal (detected at line ${line})`, line, quotes[quotes.length - 1] + 1)];
}

describe('readings, best first', () => {
  describe('an unterminated string', () => {
    it('closes `"__main__` before the header colon', () => {
      assert.deepStrictEqual(readings('if __name__ == "__main__:\n    main()\n', error('unterminated string literal (detected at line 1)', 1, 16)), [
        ["Close the string before ':'", 'if __name__ == "__main__":\n    main()\n'],
        ['Close the string', 'if __name__ == "__main__:"\n    main()\n'],
      ]);
    });

    it('keeps a name the file knows as code rather than swallow it into the string', () => {
      const [source, e] = droppedQuote('best = 3\nprint("optimal_value = ", best)\n', 2, 23);
      assert.deepStrictEqual(readings(source, e), [
        ["Close the string before ','", 'best = 3\nprint("optimal_value = ", best)\n'],
        ['Close the string', 'best = 3\nprint("optimal_value = , best")\n'],
      ]);
    });

    it('offers more than one reading for `raise X("msg) from e`, the one keeping `from e` first', () => {
      const source = 'try:\n    open("x")\nexcept OSError as e:\n    raise ValueError("no file) from e\n';
      assert.deepStrictEqual(readings(source, error('unterminated string literal (detected at line 4)', 4, 22)).map(([d]) => d), [
        "Close the string before ')'", "Close the string before 'from'", 'Close the string and its brackets', 'Close the string',
      ]);
      assert.strictEqual(first(source, error('unterminated string literal (detected at line 4)', 4, 22)), source.replace('file)', 'file")'));
    });

    it('closes a string before the call it ends, not inside the comment after it', () => {
      const [source, e] = droppedQuote('print(solve("aab"))  # Output: [1, 1]\n', 1, 16);
      assert.deepStrictEqual(readings(source, e).map(([, text]) => text), ['print(solve("aab"))  # Output: [1, 1]\n', 'print(solve("aab)")  # Output: [1, 1]\n']);
    });

    it('opens a string whose opening quote was dropped, where closing it would leave a name the file does not know', () => {
      const source = 'grades = []\ngrades.append(A-")\n';
      assert.deepStrictEqual(readings(source, error('unterminated string literal (detected at line 2)', 2, 17))[0], ["Open the string before 'A-'", 'grades = []\ngrades.append("A-")\n']);
    });

    it("reads `'.join(` as an empty string joined, and `\", in txt` as a comma tested for", () => {
      assert.strictEqual(first("words = ['a']\nprint('.join(words))\n", error('unterminated string literal (detected at line 2)', 2, 7)), "words = ['a']\nprint(''.join(words))\n");
      const comma = 'txt = "a,b"\nif ", in txt:\n    print(1)\n';
      assert.strictEqual(first(comma, error('unterminated string literal (detected at line 2)', 2, 4)), 'txt = "a,b"\nif "," in txt:\n    print(1)\n');
    });

    it("does not read a quote lost before ')' as an empty argument", () => {
      assert.deepStrictEqual(readings("fields = line.split(',)\n", error('unterminated string literal (detected at line 1)', 1, 21)), [["Close the string", "fields = line.split(',')\n"]]);
    });

    // Closing at the end or before any later token keeps `.join(sorted(...` inside a string; the one
    // reading that keeps all the code as code puts back the quote the blank lost (`' '.join`).
    it('offers nothing that keeps code inside a string, when the quotes pair the wrong way', () => {
      const source = "numbers = '3 1'\nprint(' .join(sorted([x for x in numbers.split(' ') if x])))\n";
      assert.deepStrictEqual(readings(source, error('unterminated string literal (detected at line 2)', 2, 50)), [
        ["Put back the quote of ' '", "numbers = '3 1'\nprint(' '.join(sorted([x for x in numbers.split(' ') if x])))\n"],
      ]);
    });

    it('closes a string and the call it was in where the word after it is no name of the file', () => {
      assert.strictEqual(first('print(shout("hello, world)\n', error('unterminated string literal (detected at line 1)', 1, 13)), 'print(shout("hello, world"))\n');
    });

    // Generated: labels and names of several shapes, the closing quote of the label dropped.
    const labels = ['total = ', 'Result: ', 'x=', 'mean of values: ', 'Found'];
    const names = ['total', 'result_2', 'values', 'n'];
    for (const label of labels) {
      for (const name of names) {
        it(`gives back print("${label}", ${name})`, () => {
          const original = `${name} = 1\nprint("${label}", ${name})\n`;
          const [source, e] = droppedQuote(original, 2, 7 + label.length);
          assert.strictEqual(first(source, e), original);
        });
      }
    }
    for (const [value, op] of [['__main__', '=='], ['fast', '=='], ['q', '!='], ['done', 'in']] as const) {
      it(`gives back a header comparing with "${value}"`, () => {
        const original = `mode = "x"\nif mode ${op} "${value}":\n    print(mode)\n`;
        const [source, e] = droppedQuote(original, 2, original.split('\n')[1].lastIndexOf('"'));
        assert.strictEqual(first(source, e), original);
      });
    }
  });

  describe("a ')' lost before '->'", () => {
    const cases: Array<[string, string]> = [
      ['def f(a,\n      b) -> int:\n    return a\n', 'b -> int'],
      ['def f(a: int,\n      b: str = "x") -> str:\n    return b\n', '"x" -> str'],
      ['async def g(x, *args,\n            **kw) -> None:\n    pass\n', 'kw -> None'],
      ['def h(a: dict[str,\n           int]) -> list[int]:\n    return []\n', 'int] -> list'],
      ['def one(a, b) -> bool:\n    return a\n', 'b -> bool'],
    ];
    for (const [original, after] of cases) {
      it(`puts it back before '->' in ${JSON.stringify(original.split('\n')[0])}`, () => {
        const source = original.replace(after.replace(' ->', ') ->'), after);
        const column = source.indexOf('(') + 1;
        const oneLine = !source.split('\n')[0].trimEnd().endsWith(',');
        const e = oneLine ? error('invalid syntax', 1, source.indexOf('->') + 1) : error("'(' was never closed", 1, column);
        assert.deepStrictEqual(readings(source, e)[0], ["Close '(' before '->'", original]);
      });
    }
  });

  describe('indentation', () => {
    const unexpected = (line: number) => error('unexpected indent', line, 1, 'indentation', 'IndentationError');
    const tabs = (line: number) => error('inconsistent use of tabs and spaces in indentation', line, 1, 'indentation', 'TabError');

    // Generated: a header of each kind, over-indented, with bodies of one to three statements.
    for (const header of ['for x in xs:', 'while xs:', 'if xs:', 'with open(p) as f:']) {
      for (const count of [1, 2, 3]) {
        it(`moves an over-indented '${header}' back alone, with its ${count}-statement body under it`, () => {
          const body = Array.from({ length: count }, (_, i) => `        s += ${i}\n`).join('');
          const original = `def f(xs, p):\n    s = 0\n    ${header}\n${body}    return s\n`;
          const source = original.replace(`    ${header}`, `        ${header}`);
          assert.deepStrictEqual(readings(source, unexpected(3)), [[`Remove the unexpected indent of the header on line 3`, original]]);
        });
      }
    }

    it('moves a header with its deeper body together when both were indented', () => {
      const original = 'def f(xs):\n    s = 0\n    for x in xs:\n        s += x\n    return s\n';
      const source = 'def f(xs):\n    s = 0\n        for x in xs:\n            s += x\n    return s\n';
      assert.deepStrictEqual(readings(source, unexpected(3)), [['Remove the unexpected indent', original]]);
    });

    for (const depth of [2, 3]) {
      it(`reads a tab as 8 columns where the lines around it stand ${depth * 4} deep`, () => {
        const heads = Array.from({ length: depth - 1 }, (_, i) => `${'    '.repeat(i + 1)}if x:\n`).join('');
        const pad = '    '.repeat(depth);
        const original = `def f(x):\n${heads}${pad}a = 1\n${pad}a += 1\n    return a\n`;
        const source = original.replace(`${pad}a += 1`, `${'\t'.repeat(Math.floor(depth * 4 / 8))}${' '.repeat((depth * 4) % 8)}a += 1`);
        const line = depth + 2;
        assert.strictEqual(first(source, tabs(line)), original);
      });
    }

    it('refuses a reading that moves a statement it does not name out of its block', () => {
      const edit = { file: 'main.py', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1, newText: '    ' };
      assert.strictEqual(reparentsOthers('if a:\n    x = 1\ny = 2\n', [edit]), true);
      assert.strictEqual(reparentsOthers('if a:\n    x = 1\ny = 2\n', [{ ...edit, startLine: 3, endLine: 3 }]), false);
    });
  });
});
