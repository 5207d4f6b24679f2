import * as assert from 'assert';
import { applyEdits } from '../../src/core/fixes/fixTypes';
import { missingImport } from '../../src/core/fixes/ruleFixers';
import type { PythonError } from '../../src/core/errors/pythonError';

/** CPython 3.11's NameError for `name` at a line and column. */
function undefinedName(name: string, line: number, column: number, suggestion: string | null = null): PythonError {
  return {
    type: 'NameError', message: `name '${name}' is not defined${suggestion ? `. Did you mean: '${suggestion}'?` : ''}`, kind: 'name', file: 'main.py', line, column,
    endLine: line, endColumn: column + name.length, suggestion, notes: [], frames: [], cause: null, context: null, exceptions: [], python: '3.11',
  };
}

const fixes = (source: string, e: PythonError) => missingImport.propose(e, { 'main.py': source }).map((fix) => [fix.description, applyEdits(source, fix.edits), fix.confident]);

describe('imports for the other missing names of the failing line', () => {
  it('brings every name a deleted typing import took from a header, in one statement', () => {
    // CPython 3.11: NameError: name 'List' is not defined. Did you mean: 'list'? (line 3, column 29)
    const source = '\n\ndef filter_integers(values: List[Any]) -> List[int]:\n    return [x for x in values if isinstance(x, int)]\n';
    assert.deepStrictEqual(fixes(source, undefinedName('List', 3, 29, 'list')), [
      ["Add 'from typing import List, Any'", `\n\nfrom typing import List, Any\n${source.slice(2)}`, true],
    ]);
  });

  it('adds one statement per module, for names with one sure import each', () => {
    // CPython 3.11: NameError: name 'math' is not defined (line 1, column 7)
    const source = 'print(math.sqrt(deque([4]).pop()), Counter("ab"))\n';
    assert.deepStrictEqual(fixes(source, undefinedName('math', 1, 7)).map(([description]) => description), [
      "Add 'import math' and 'from collections import deque, Counter'",
    ]);
  });

  it('leaves out names the file binds, builtins, attributes, keyword names, other lines and guesses', () => {
    const source = [
      'from helpers import Any',
      'def f(values: List[Any], deque=None) -> List[int]:',
      '    return sorted(values, key=abs) + values.Counter + [exp(1)]',
      'print(Counter)',
    ].join('\n');
    assert.deepStrictEqual(fixes(source, undefinedName('List', 2, 15)).map(([description]) => description), ["Add 'from typing import List'"]);
    // `exp` is math's or cmath's: no sure import, so it waits for its own error.
    const guessed = 'def g(v: Dict = exp(1)) -> float:\n    return v\n';
    assert.deepStrictEqual(fixes(guessed, undefinedName('Dict', 1, 10)).map(([description]) => description), ["Add 'from typing import Dict'"]);
  });

  it('adds nothing beside a star import, which may bind any name', () => {
    const source = 'from shapes import *\ndef f(values: List[Any]) -> None:\n    pass\n';
    assert.deepStrictEqual(fixes(source, undefinedName('List', 2, 15)).map(([description]) => description), ["Add 'from typing import List'"]);
  });
});
