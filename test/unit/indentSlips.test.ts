// Indentation slips seen on real code, with CPython 3.11's own messages and lines: a tab standing for
// a step of an odd width, a statement after a return, a comment after a half-level dedent.
import * as assert from 'assert';
import { applyEdits } from '../../src/core/fixes/fixTypes';
import { ruleFixesFor } from '../../src/core/fixes/ruleFixers';
import type { PythonError } from '../../src/core/errors/pythonError';

function error(message: string, line: number, column: number, type: string): PythonError {
  return { type, message, kind: 'indentation', file: 'main.py', line, column, endLine: null, endColumn: null, suggestion: null, notes: [], frames: [], cause: null, context: null, exceptions: [] };
}

const TABS = 'inconsistent use of tabs and spaces in indentation';
const UNINDENT = 'unindent does not match any outer indentation level';
const healings = (source: string, e: PythonError) => ruleFixesFor(e, { 'main.py': source }).map((fix) => [fix.description, applyEdits(source, fix.edits), fix.confident]);

describe('indentation slips on real code', () => {
  it('reads a tab as the width that lines the statement up with the one before it (a file stepping by 5)', () => {
    const original = 'class A:\n     def f(self):\n          info = 1\n          return info\n';
    const source = 'class A:\n     def f(self):\n          info = 1\n\t     return info\n';
    assert.deepStrictEqual(healings(source, error(TABS, 4, 1, 'TabError')), [['Replace tabs with spaces (a tab as 5 columns)', original, true]]);
  });

  it('does not keep a statement in the block of a return before it: the tab is one step of the file', () => {
    const original = 'def f(s):\n    if not s:\n        return []\n\n    s_list = []\n    return s_list\n';
    const source = original.replace('    s_list = []', '\ts_list = []');
    assert.deepStrictEqual(healings(source, error(TABS, 5, 1, 'TabError')).map(([description, text]) => [description, text]), [
      ['Replace tabs with spaces (a tab as 4 columns)', original],
      ['Replace tabs with spaces (a tab as 8 columns)', original.replace('    s_list = []', '        s_list = []')],
    ]);
  });

  it('still reads the tab as 8 columns where the statement before it is no return (near miss)', () => {
    const source = 'def f(s):\n    if not s:\n        s = 1\n\tt = 2\n    return s\n';
    assert.strictEqual(healings(source, error(TABS, 4, 1, 'TabError'))[0][1], 'def f(s):\n    if not s:\n        s = 1\n        t = 2\n    return s\n');
  });

  it('moves a line dedented half a level back, and leaves a comment a whole step under the target where it is', () => {
    const original = 'def check(c):\n    assert c(1) == 1\n    assert c(2) == 2\n\n    # edge cases\n    assert c(3) == 3\n';
    const source = original.replace('    assert c(2)', '  assert c(2)');
    assert.deepStrictEqual(healings(source, error(UNINDENT, 3, 19, 'IndentationError')), [['Align with line 2', original, true]]);
  });
});
