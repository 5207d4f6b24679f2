import * as assert from 'assert';
import { compoundHeader, logicalLines, simpleStatements, statementTree } from '../../src/core/program/pythonStatements';

describe('python statements', () => {
  it('joins brackets, continuations and triple-quoted strings into logical lines', () => {
    const source = 'x = "a#b"  # comment\nif (a and\n    b): pass\ny = \\\n  2\ns = """one\ntwo"""\n\n   \n# only a comment\nz = 3\n';
    assert.deepStrictEqual(logicalLines(source).map(({ line, indent, code }) => [line, indent, code]), [
      [1, 0, 'x = ""'],
      [2, 0, 'if (a and     b): pass'],
      [4, 0, 'y =    2'],
      [6, 0, 's = ""'],
      [11, 0, 'z = 3'],
    ]);
    assert.deepStrictEqual(logicalLines('x = "a#b"\n')[0].text, 'x = "a#b"');
  });

  it('counts indentation as CPython does, tabs to the next multiple of 8', () => {
    assert.deepStrictEqual(logicalLines('if x:\n\ty = 1\n  \tz = 2\n    w = 3\n').map((l) => l.indent), [0, 8, 8, 4]);
  });

  it('keeps escaped quotes and CRLF line ends straight', () => {
    assert.deepStrictEqual(logicalLines('a = "say \\"hi\\""\r\nb = \'it\\\'s\'\r\ncall()\r\n').map(({ line, code }) => [line, code]), [
      [1, 'a = ""'],
      [2, "b = ''"],
      [3, 'call()'],
    ]);
  });

  it('nests each block under its header', () => {
    const tree = statementTree('try:\n    import a\nexcept ImportError:\n    a = None\n\nclass C:\n    def m(self):\n        go()\nprint(1)\n');
    const shape = (nodes: typeof tree): unknown => nodes.map((n) => (n.body.length > 0 ? [n.code, shape(n.body)] : n.code));
    assert.deepStrictEqual(shape(tree), [
      ['try:', ['import a']],
      ['except ImportError:', ['a = None']],
      ['class C:', [['def m(self):', ['go()']]]],
      'print(1)',
    ]);
  });

  it('splits simple statements at semicolons outside brackets', () => {
    assert.deepStrictEqual(simpleStatements('import os; f(a; b); x = 1;'), ['import os', 'f(a; b)', 'x = 1']);
  });

  it('finds a compound header and what follows its colon', () => {
    assert.deepStrictEqual(compoundHeader('if x: run(); stop()'), { keyword: 'if', inline: 'run(); stop()' });
    assert.deepStrictEqual(compoundHeader('if d[1:2] and (lambda: 1)(): go()'), { keyword: 'if', inline: 'go()' });
    assert.deepStrictEqual(compoundHeader('if (n := f()) > 1: go()'), { keyword: 'if', inline: 'go()' });
    assert.deepStrictEqual(compoundHeader('async with lock:'), { keyword: 'with', inline: '' });
    assert.deepStrictEqual(compoundHeader('except* ValueError:'), { keyword: 'except', inline: '' });
    assert.strictEqual(compoundHeader('iffy = 1'), undefined);
    assert.strictEqual(compoundHeader('print(x)'), undefined);
  });
});
