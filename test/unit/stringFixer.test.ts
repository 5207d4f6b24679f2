import * as assert from 'assert';
import { applyEdits } from '../../src/core/fixes/fixTypes';
import { lexesCleanly } from '../../src/core/fixes/lineTokens';
import { ruleFixesFor } from '../../src/core/fixes/ruleFixers';
import type { PythonError } from '../../src/core/errors/pythonError';

// Columns as CPython 3.11 reports them: the quote left over after the line's quotes were paired.
function unterminated(line: number, column: number): PythonError {
  return {
    type: 'SyntaxError', message: `unterminated string literal (detected at line ${line})`, kind: 'syntax', file: 'main.py', line, column,
    endLine: null, endColumn: null, suggestion: null, notes: [], frames: [], cause: null, context: null, exceptions: [],
  };
}

/** Every proposal as [description, healed text, confident], in the order offered. */
const healings = (source: string, e: PythonError) =>
  ruleFixesFor(e, { 'main.py': source }).map((fix) => [fix.description, applyEdits(source, fix.edits), fix.confident]);

describe('unterminated string fixer', () => {
  it('closes the string at the end of its line, before the brackets it swallowed', () => {
    assert.deepStrictEqual(healings('print("hello)\n', unterminated(1, 7)), [['Close the string', 'print("hello")\n', true]]);
    assert.deepStrictEqual(healings('print("x" if ok else "y)\n', unterminated(1, 22)), [['Close the string', 'print("x" if ok else "y")\n', true]]);
  });

  it('closes the string after the word where a quote is missing mid-line, when closing at the end would not lex', () => {
    const person = 'person = {"name": "Grace", "role: "admiral", "born": 1906}\n';
    assert.deepStrictEqual(healings(person, unterminated(1, 51)), [
      ["Close the string after 'role'", 'person = {"name": "Grace", "role": "admiral", "born": 1906}\n', true],
    ]);
    assert.deepStrictEqual(healings("words = ['alpha', 'beta', 'gamma, 'delta']\n", unterminated(1, 41)), [
      ["Close the string after 'gamma'", "words = ['alpha', 'beta', 'gamma', 'delta']\n", true],
    ]);
  });

  it('offers every word after which the line lexes, leftmost first, when there are several', () => {
    assert.deepStrictEqual(healings('x = {"a: 1, "b": 2}\n', unterminated(1, 14)), [
      ["Close the string after 'a'", 'x = {"a": 1, "b": 2}\n', false],
      ["Close the string after '1'", 'x = {"a: 1", "b": 2}\n', false],
    ]);
  });

  it('delimits a string holding an apostrophe with double quotes', () => {
    assert.deepStrictEqual(healings("def stock():\n        return 'It's sold out'\n", unterminated(2, 30)), [
      ['Quote the string with " around its apostrophe', 'def stock():\n        return "It\'s sold out"\n', true],
    ]);
    assert.deepStrictEqual(healings("print('Don't stop', 1)\n", unterminated(1, 18)), [
      ['Quote the string with " around its apostrophe', 'print("Don\'t stop", 1)\n', true],
    ]);
    assert.deepStrictEqual(healings("x = f'It's {n}'\n", unterminated(1, 15)), [['Quote the string with " around its apostrophe', 'x = f"It\'s {n}"\n', true]]);
  });

  it('doubles a backslash that escapes the closing quote, offering the plain closing after it', () => {
    assert.deepStrictEqual(healings('folder = "C:\\\\Users\\\\ada\\"\n', unterminated(1, 10)), [
      ['Double the backslash before the closing quote', 'folder = "C:\\\\Users\\\\ada\\\\"\n', true],
      ['Close the string', 'folder = "C:\\\\Users\\\\ada\\""\n', false],
    ]);
    assert.deepStrictEqual(healings('open("C:\\\\data\\")\n', unterminated(1, 6))[0], ['Double the backslash before the closing quote', 'open("C:\\\\data\\\\")\n', true]);
  });

  it('does not double the backslash where the string escapes quotes on purpose, or in a raw string', () => {
    assert.deepStrictEqual(healings('print("He said \\"hi\\")\n', unterminated(1, 7)), [['Close the string', 'print("He said \\"hi\\"")\n', true]]);
    assert.deepStrictEqual(healings('x = r"C:\\Users\\"\n', unterminated(1, 5)), [['Close the string', 'x = r"C:\\Users\\""\n', true]]);
  });

  it('does not claim a string that swallowed a call is surely right, and first offers the reading that keeps the call as code', () => {
    assert.deepStrictEqual(healings("def banner(title):\n    print('- * len(title))\n", unterminated(2, 11)), [
      ["Close the string before '*'", "def banner(title):\n    print('-' * len(title))\n", false],
      ['Close the string', "def banner(title):\n    print('- * len(title)')\n", false],
    ]);
  });

  // Columns as CPython 3.11 reports them for these lines: the last quote, once the others paired the wrong way.
  it('puts back an opening quote dropped before a word, wherever CPython points', () => {
    assert.deepStrictEqual(healings("assert longest([x', 'y', 'z']) == 'x'\n", unterminated(1, 37)), [
      ["Open the string before 'x'", "assert longest(['x', 'y', 'z']) == 'x'\n", false],
    ]);
    assert.deepStrictEqual(healings("month, day, year = date.split(-')\n", unterminated(1, 32)), [
      ["Open the string before '-'", "month, day, year = date.split('-')\n", false],
    ]);
  });

  it('puts an opening quote back after a string prefix first where the file writes that prefix elsewhere, and after it otherwise', () => {
    const texts = (source: string, line: number, column: number) => healings(source, unterminated(line, column)).map(([, text]) => String(text).split('\n')[line - 1]);
    // A file of bytes literals (CPython 3.11: column 19 for the line below).
    assert.deepStrictEqual(texts("header = b'FORM'\nif header == bAIFF':\n    pass\n", 2, 19).slice(0, 2), ["if header == b'AIFF':", "if header == 'bAIFF':"]);
    // No bytes literal anywhere else: the word as a plain string stays first; the prefix is offered next.
    assert.deepStrictEqual(texts("header = 'FORM'\nif header == bAIFF':\n    pass\n", 2, 19).slice(0, 2), ["if header == 'bAIFF':", "if header == b'AIFF':"]);
    // f-strings and raw strings alike (columns 10 and 19).
    assert.deepStrictEqual(texts("x = 1\nprint(f'{x}')\ny = f{x}!'\n", 3, 10)[0], "y = f'{x}!'");
    assert.deepStrictEqual(texts("import re\nA = re.compile(r'a\\d')\nB = re.compile(rx+')\n", 3, 19)[0], "B = re.compile(r'x+')");
  });

  it('reads a lone quote as an empty string that lost one of its quotes', () => {
    assert.deepStrictEqual(healings("assert all_prefixes(') == []\n", unterminated(1, 21)), [
      ["Put back the quote of ''", "assert all_prefixes('') == []\n", false],
    ]);
  });

  it('never puts a quote inside a word, nor beside another string', () => {
    const words = healings("words = ['alpha', 'beta', 'gamma, 'delta']\n", unterminated(1, 41)).map(([, text]) => text);
    assert.deepStrictEqual(words, ["words = ['alpha', 'beta', 'gamma', 'delta']\n"]);
  });

  // CPython 3.11: `unterminated string literal (detected at line 3)` at column 25 for this text.
  it('keeps the blanks a string ran to at the end of its line only where a string on the next line continues it', () => {
    const source = 'def fail(n):\n    if n:\n        raise TypeError("both arguments should be  \n                        "integers")\n';
    assert.deepStrictEqual(healings(source, unterminated(3, 25))[0].slice(0, 2), ['Close the string', source.replace('be  \n', 'be  "\n')]);
    // Near miss: no string on the next line, so the blanks are the code's own (trailing blanks after `"lower"`).
    const alone = 'def f(state):\n    if state:\n        return state == "lower  \n    return 0\n';
    assert.deepStrictEqual(healings(alone, unterminated(3, 25))[0].slice(0, 2), ['Close the string', alone.replace('lower  \n', 'lower"  \n')]);
  });

  // Columns as CPython 3.11 reports them: the quote of `' '` after `split(`, the last one left over.
  it("reads `return  '.join(` as a blank joined and `return \".join(` as an empty string, never a string glued to `return`", () => {
    const blank = "def f(numbers):\n    return  '.join(sorted(numbers.split(' ')))\n";
    assert.deepStrictEqual(healings(blank, unterminated(2, 43))[0].slice(0, 2), ["Put back the quote of ' '", blank.replace("  '.join", " ' '.join")]);
    const empty = 'def f(s):\n    return ".join([c for c in s if c != "a"])\n';
    const texts = healings(empty, unterminated(2, 43)).map(([, text]) => text);
    assert.deepStrictEqual(texts[0], empty.replace(' ".join', ' "".join'));
    assert.ok(!texts.some((text) => String(text).includes('return"')));
  });

  describe('whether a line lexes cleanly', () => {
    const cases: Array<[string, boolean]> = [
      ['x = {"a": 1, "b": 2}', true],
      ['s = "ab" "cd"', true],
      ['y = "a" if ok else f"{b}"', true],
      ['s = "open', false],
      ['p = {"role: "admiral"}', false],
      ['q = "a: 1, "b": 2"', false],
      ['return \'It\'s\'', false],
      ['n = 1 2', false],
    ];
    for (const [line, clean] of cases) it(line, () => assert.strictEqual(lexesCleanly(line), clean));
  });
});
