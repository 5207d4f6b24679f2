import * as assert from 'assert';
import { applyEdits } from '../../src/core/fixes/fixTypes';
import { indentationFixer } from '../../src/core/fixes/indentationFixer';
import { ruleFixesFor } from '../../src/core/fixes/ruleFixers';
import { indentationHolds, layoutOf } from '../../src/core/fixes/statementLayout';
import type { PythonError } from '../../src/core/errors/pythonError';

function error(message: string, line: number, type = 'IndentationError'): PythonError {
  return {
    type, message, kind: 'indentation', file: 'main.py', line, column: 1, endLine: null, endColumn: null,
    suggestion: null, notes: [], frames: [], cause: null, context: null, exceptions: [],
  };
}

/** Every proposal as [description, healed text, confident], in the order offered. */
const healings = (source: string, e: PythonError) =>
  ruleFixesFor(e, { 'main.py': source }).map((fix) => [fix.description, applyEdits(source, fix.edits), fix.confident]);

const healed = (source: string, e: PythonError) => healings(source, e)[0]?.[1];

const UNEXPECTED = 'unexpected indent';
const UNINDENT = 'unindent does not match any outer indentation level';
const TABS = 'inconsistent use of tabs and spaces in indentation';

describe('indentation fixer', () => {
  describe('unexpected indent', () => {
    it('moves the line back to the level of the statement before it, with its siblings at the same depth', () => {
      const source = 'def f():\n    x = 1\n      y = 2\n      z = 3\n    return x + y + z\nprint(f())\n';
      assert.deepStrictEqual(healings(source, error(UNEXPECTED, 3)), [
        ['Remove the unexpected indent', 'def f():\n    x = 1\n    y = 2\n    z = 3\n    return x + y + z\nprint(f())\n', true],
      ]);
    });

    it('dedents a block pasted with extra indentation at the top of the file', () => {
      assert.strictEqual(healed('    import os\n    print(os.sep)\n', error(UNEXPECTED, 1)), 'import os\nprint(os.sep)\n');
    });

    it('moves a header with its body and continuation lines, and leaves a string\'s own lines alone', () => {
      const source = 'def f():\n    s = """\n  text\n"""\n      if s:\n          y = [1,\n               2]\n      return y\n';
      assert.strictEqual(healed(source, error(UNEXPECTED, 5)), 'def f():\n    s = """\n  text\n"""\n    if s:\n        y = [1,\n             2]\n    return y\n');
    });

    it('keeps the indentation of a tab-indented file', () => {
      assert.strictEqual(healed('def f():\n\tx = 1\n\t\ty = 2\n\treturn x + y\n', error(UNEXPECTED, 3)), 'def f():\n\tx = 1\n\ty = 2\n\treturn x + y\n');
    });
  });

  describe('unindent that matches no open level', () => {
    it('puts a line dedented half a level back in its loop, leaving the sibling after it where it is', () => {
      const source = 'def f(xs):\n    for x in xs:\n        a = x\n      b = a\n        print(b)\n    return xs\n';
      assert.strictEqual(healed(source, error(UNINDENT, 4)), 'def f(xs):\n    for x in xs:\n        a = x\n        b = a\n        print(b)\n    return xs\n');
    });

    it('puts a header dedented half a level back alone when its body stayed one step under its place', () => {
      const source = 'while True:\n    f.append(1)\n  if p(f):\n        n -= 1\n    if n == 0:\n        break\n';
      assert.strictEqual(healed(source, error(UNINDENT, 3)), 'while True:\n    f.append(1)\n    if p(f):\n        n -= 1\n    if n == 0:\n        break\n');
    });

    it('takes the nearest level, then offers the other', () => {
      const source = 'def f(x):\n    if x:\n        y = 1\n       z = 2\n    return z\n';
      assert.deepStrictEqual(healings(source, error(UNINDENT, 4)), [
        ['Align with line 3', 'def f(x):\n    if x:\n        y = 1\n        z = 2\n    return z\n', false],
        ['Align with line 2', 'def f(x):\n    if x:\n        y = 1\n    z = 2\n    return z\n', false],
      ]);
    });

    it('on a tie, stays in the block, unless a blank line above says the block was left', () => {
      assert.strictEqual(healed('def f():\n    x = 1\n  return x\nprint(f())\n', error(UNINDENT, 3)), 'def f():\n    x = 1\n    return x\nprint(f())\n');
      assert.deepStrictEqual(healings('for t in "ab":\n    print(t)\n\n  print("done")\n', error(UNINDENT, 4))[0], [
        'Move to the top level', 'for t in "ab":\n    print(t)\n\nprint("done")\n', false,
      ]);
    });

    it('puts a clause beside the statement it can follow', () => {
      const source = 'def f(n):\n    if n:\n        k = 1\n      else:\n        k = 2\n    return k\n';
      assert.deepStrictEqual(healings(source, error(UNINDENT, 4)), [['Align with line 2', 'def f(n):\n    if n:\n        k = 1\n    else:\n        k = 2\n    return k\n', true]]);
    });

    it('moves a misaligned method and keeps the body that was right all along', () => {
      const source = 'class A:\n    def f(self):\n        return 1\n\n   def g(self):\n        return 2\n';
      assert.strictEqual(healed(source, error(UNINDENT, 5)), 'class A:\n    def f(self):\n        return 1\n\n    def g(self):\n        return 2\n');
    });

    it('aligns a space-indented line in a tab-indented file with the tabs', () => {
      const source = 'def total(items):\n\tresult = 0\n\tfor item in items:\n\t\tresult += item\n    return result\n';
      assert.strictEqual(healed(source, error(UNINDENT, 5)), 'def total(items):\n\tresult = 0\n\tfor item in items:\n\t\tresult += item\n\treturn result\n');
    });
  });

  describe('tabs mixed with spaces', () => {
    it('indents with the file\'s spaces, a tab read as one unit first and as 8 columns second', () => {
      const source = 'def squares(limit):\n    result = []\n    for n in range(limit):\n\t\tresult.append(n * n)\n    return result\n';
      assert.deepStrictEqual(healings(source, error(TABS, 4, 'TabError')), [
        ['Replace tabs with spaces (a tab as 4 columns)', 'def squares(limit):\n    result = []\n    for n in range(limit):\n        result.append(n * n)\n    return result\n', true],
        ['Replace tabs with spaces (a tab as 8 columns)', 'def squares(limit):\n    result = []\n    for n in range(limit):\n                result.append(n * n)\n    return result\n', false],
      ]);
    });

    it('detects a two-space unit, and reads a tab as 4 columns where one step would not nest the line', () => {
      assert.strictEqual(healed('if True:\n  x = 1\n\ty = 2\n  if x:\n    z = 3\n', error(TABS, 3, 'TabError')), 'if True:\n  x = 1\n  y = 2\n  if x:\n    z = 3\n');
      assert.deepStrictEqual(healings('if True:\n  x = 1\n  if x:\n\ty = 2\nprint(1)\n', error(TABS, 4, 'TabError')), [
        ['Replace tabs with spaces (a tab as 4 columns)', 'if True:\n  x = 1\n  if x:\n    y = 2\nprint(1)\n', false],
        ['Replace tabs with spaces (a tab as 8 columns)', 'if True:\n  x = 1\n  if x:\n        y = 2\nprint(1)\n', false],
      ]);
    });

    it('indents a mostly tab-indented file with tabs only', () => {
      assert.strictEqual(healed('def f():\n\tx = 1\n\tif x:\n\t\ty = 2\n        return y\n', error(TABS, 5, 'TabError')), 'def f():\n\tx = 1\n\tif x:\n\t\ty = 2\n\t\treturn y\n');
    });
  });

  describe('expected an indented block', () => {
    const after = (what: string, line: number) => `expected an indented block after ${what} on line ${line}`;

    it('indents a function body up to the blank line, then offers the first statement alone, then pass', () => {
      const source = 'def main():\nx = 1\nprint(x)\n\nmain()\n';
      assert.deepStrictEqual(healings(source, error(after('function definition', 1), 2)), [
        ['Indent lines 2-3 under line 1', 'def main():\n    x = 1\n    print(x)\n\nmain()\n', false],
        ['Indent line 2 under line 1', 'def main():\n    x = 1\nprint(x)\n\nmain()\n', false],
        ["Add 'pass' under line 1", 'def main():\n    pass\nx = 1\nprint(x)\n\nmain()\n', false],
      ]);
    });

    it('indents under a loop the statements that use its variables, not the ones after it', () => {
      const loop = 'ages = {}\nfor line in ["a:1"]:\nname, age = line.split(":")\nages[name] = int(age)\nprint(ages)\n';
      assert.strictEqual(healed(loop, error(after("'for' statement", 2), 3)), 'ages = {}\nfor line in ["a:1"]:\n    name, age = line.split(":")\n    ages[name] = int(age)\nprint(ages)\n');
      const total = 'def total(xs):\n    s = 0\n    for x in xs:\n    s += x\n    return s\n';
      assert.strictEqual(healed(total, error(after("'for' statement", 3), 4)), 'def total(xs):\n    s = 0\n    for x in xs:\n        s += x\n    return s\n');
    });

    it('indents everything up to the clause that closes the block, and nothing else', () => {
      const source = 'if n > 0:\nprint("pos")\ncount += 1\nelse:\n    print("neg")\n';
      assert.deepStrictEqual(healings(source, error(after("'if' statement", 1), 2)), [
        ['Indent lines 2-3 under line 1', 'if n > 0:\n    print("pos")\n    count += 1\nelse:\n    print("neg")\n', true],
      ]);
    });

    it('adds pass where the body is a placeholder comment, or missing before a clause or the end of the file', () => {
      assert.strictEqual(healed('def later():\n    # TODO\n\nprint(1)\n', error(after('function definition', 1), 4)), 'def later():\n    # TODO\n    pass\n\nprint(1)\n');
      assert.deepStrictEqual(healings('try:\nexcept ValueError:\n    pass\n', error(after("'try' statement", 1), 2)), [
        ["Add 'pass' under line 1", 'try:\n    pass\nexcept ValueError:\n    pass\n', true],
      ]);
      assert.strictEqual(healed('class Empty:', error(after('class definition', 1), 1)), 'class Empty:\n    pass');
    });

    it('indents under a header continued over lines, with the file\'s unit or a tab', () => {
      assert.strictEqual(healed('def f(a,\n      b):\nreturn a\n\nprint(f(1, 2))\n', error(after('function definition', 1), 3)), 'def f(a,\n      b):\n    return a\n\nprint(f(1, 2))\n');
      assert.strictEqual(healed('if True:\n  pass\nfor i in "ab":\nprint(i)\n', error(after("'for' statement", 3), 4)), 'if True:\n  pass\nfor i in "ab":\n  print(i)\n');
      assert.strictEqual(healed('def f():\n\tif True:\n\treturn 1\n', error(after("'if' statement", 2), 3)), 'def f():\n\tif True:\n\t\treturn 1\n');
    });
  });

  it('proposes nothing for other errors or without a position', () => {
    assert.deepStrictEqual(indentationFixer.propose(error('too many levels of indentation', 1), { 'main.py': 'x = 1\n' }), []);
    assert.deepStrictEqual(indentationFixer.propose({ ...error(UNEXPECTED, 1), line: null }, { 'main.py': '  x = 1\n' }), []);
    assert.deepStrictEqual(indentationFixer.propose(error(UNEXPECTED, 1), {}), []);
  });

  describe('statement layout', () => {
    it('finds statements over brackets, backslashes and triple-quoted strings, and which open a block', () => {
      const layout = layoutOf('x = {"a": 1,  # not a header:\n     "b": 2}\ns = """if x:\n    y"""\nif x \\\n   and y:  # a header\n    pass\n');
      assert.deepStrictEqual(
        { starts: layout.starts, ends: [...layout.endOf], headers: [...layout.headers], inString: layout.inString },
        { starts: [0, 2, 4, 6], ends: [[0, 1], [2, 3], [4, 5], [6, 6]], headers: [4], inString: [false, false, false, true, false, false, false, false] },
      );
    });

    it('tells indentation CPython accepts from indentation it refuses', () => {
      const verdicts = ['if x:\n    y = 1\nz = 2\n', 'if x:\ny = 1\n', 'x = 1\n  y = 2\n', 'if x:\n    y = 1\n  z = 2\n', 'if x:\n\ty = 1\n        z = 2\n', 'if x:\n']
        .map((source) => indentationHolds(layoutOf(source)));
      assert.deepStrictEqual(verdicts, [true, false, false, false, false, false]);
    });
  });
});
