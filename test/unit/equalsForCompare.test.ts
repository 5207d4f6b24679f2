import * as assert from 'assert';
import { comparisonEquals, equalsForCompare } from '../../src/core/fixes/equalsForCompare';
import { applyEdits } from '../../src/core/fixes/fixTypes';
import { blankStringsAndComments } from '../../src/core/fixes/nameScope';
import { ruleFixesFor } from '../../src/core/fixes/ruleFixers';
import type { PythonError } from '../../src/core/errors/pythonError';

const MEANT = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";

/** A syntax error as CPython reports it (message, line, 1-based column). */
function syntaxError(message: string, line: number, column: number): PythonError {
  return {
    type: 'SyntaxError', message, kind: 'syntax', file: 'main.py', line, column, endLine: null, endColumn: null,
    suggestion: null, notes: [], frames: [], cause: null, context: null, exceptions: [],
  };
}

const fixes = (source: string, e: PythonError) => ruleFixesFor(e, { 'main.py': source }).map((fix) => [fix.description, applyEdits(source, fix.edits), fix.confident]);
const change = (source: string, healed: string, confident = true) => [["Change '=' to '=='", healed, confident]];

describe("'=' written for '==' in a condition", () => {
  it('heals if, elif, while and an attribute or subscript on the left, at the place 3.11 reports', () => {
    assert.deepStrictEqual(fixes('x = 1\nif x = 1:\n    pass\n', syntaxError(MEANT, 2, 4)), change('', 'x = 1\nif x == 1:\n    pass\n'));
    assert.deepStrictEqual(fixes('while n = 0:\n    pass\n', syntaxError(MEANT, 1, 7)), change('', 'while n == 0:\n    pass\n'));
    const elif = 'if a:\n    pass\nelif a.b = c:\n    pass\n';
    assert.deepStrictEqual(fixes(elif, syntaxError("cannot assign to attribute here. Maybe you meant '==' instead of '='?", 3, 6)), change('', elif.replace('a.b = c', 'a.b == c')));
    const subscript = "if row[0] = 'x':  # a = b here is a comment\n    pass\n";
    assert.deepStrictEqual(fixes(subscript, syntaxError("cannot assign to subscript here. Maybe you meant '==' instead of '='?", 1, 4)), change('', subscript.replace("row[0] = 'x'", "row[0] == 'x'")));
  });

  it('heals assert, a comprehension and a conditional expression, 3.9 pointing at the = itself', () => {
    assert.deepStrictEqual(fixes('assert x = y, "x = y"\n', syntaxError('invalid syntax', 1, 10)), change('', 'assert x == y, "x = y"\n'));
    assert.deepStrictEqual(fixes('print([a for a in range(3) if a = 1])\n', syntaxError('invalid syntax', 1, 33)), change('', 'print([a for a in range(3) if a == 1])\n'));
    assert.deepStrictEqual(fixes('y = 1 if x = 1 else 2\n', syntaxError("expected 'else' after 'if' expression", 1, 5)), change('', 'y = 1 if x == 1 else 2\n'));
    assert.deepStrictEqual(fixes('if f(a=1) = 2:\n    pass\n', syntaxError('invalid syntax', 1, 11)), change('', 'if f(a=1) == 2:\n    pass\n'));
    assert.deepStrictEqual(fixes('x = 1\nif x = 1:\n    pass\n', syntaxError('invalid syntax', 2, 6)), change('', 'x = 1\nif x == 1:\n    pass\n'));
  });

  it('heals a condition in grouping brackets, but not a call\'s keyword argument inside it', () => {
    assert.deepStrictEqual(fixes('if(len(arr) = 0): pass\n', syntaxError(MEANT, 1, 4)), change('', 'if(len(arr) == 0): pass\n'));
    assert.deepStrictEqual(fixes('if (x+y=z) or (x+z==y):\n    pass\n', syntaxError("cannot assign to expression here. Maybe you meant '==' instead of '='?", 1, 5)), change('', 'if (x+y==z) or (x+z==y):\n    pass\n'));
    assert.deepStrictEqual(comparisonEquals('if (f(a=1) and not (b = 2)):'), [22]);
    const argument = 'if all (int(c) % 2 = 1 for c in s): pass\n';
    assert.deepStrictEqual(fixes(argument, syntaxError('expression cannot contain assignment, perhaps you meant "=="?', 1, 9)), change('', argument.replace('2 = 1', '2 == 1')));
  });

  it('offers two = in one condition the first from the column on, not confidently', () => {
    assert.deepStrictEqual(fixes('if a = 1 and b = 2:\n    pass\n', syntaxError('invalid syntax', 1, 6)), change('', 'if a == 1 and b = 2:\n    pass\n', false));
  });

  it('finds no comparison in keyword arguments, annotations, defaults, walrus, augmented or plain assignments', () => {
    const none = ['f(a=1)', 'x: int = 1', 'def f(a: int = 1): pass', 'if (n := 3) > 2: pass', 'x += 1', 'x = y = 2', 'if x == 1 or x != 2 or x <= 3 or x >= 4: pass',
      'print(f(key=1) if x else 2)', 'y = [f(k=v) for v in z if g(k=v)]', 'if x: y = 1', 'if s == "a = b": pass', 'lambda a=1: a', 'f(x if c else d, key=1)'];
    assert.deepStrictEqual(none.map((code) => comparisonEquals(blankStringsAndComments(code))), none.map(() => []));
    assert.deepStrictEqual(equalsForCompare.propose(syntaxError('invalid syntax', 1, 2), { 'main.py': 'f(a=1 2)\n' }), []);
    assert.deepStrictEqual(equalsForCompare.propose(syntaxError("expected ':'", 1, 8), { 'main.py': 'if x = 1\n' }), []);
  });
});
