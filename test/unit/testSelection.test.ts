import * as assert from 'assert';
import { exceptionTypeOf, failurePlacesOf } from '../../src/core/testing/testFailure';
import { caseParentOf, isSelected, nodeIdOfResult, selectionFor } from '../../src/core/testing/testSelection';
import type { TestResult } from '../../src/core/testing/testTypes';

describe('test selections and results in node-id form', () => {
  it('runs pytest by node ids and unittest by file and name', () => {
    assert.deepStrictEqual(selectionFor('pytest', ['tests/test_a.py::test_x', 'tests']), { paths: ['tests/test_a.py::test_x', 'tests'] });
    assert.deepStrictEqual(selectionFor('pytest', []), { paths: [] });
    assert.deepStrictEqual(selectionFor('unittest', ['tests/test_a.py::TestA::test_x']), { paths: ['tests/test_a.py'], keyword: 'TestA.test_x' });
    assert.deepStrictEqual(selectionFor('unittest', ['tests/test_a.py::TestA']), { paths: ['tests/test_a.py'], keyword: 'TestA.' });
    assert.deepStrictEqual(selectionFor('unittest', ['tests/test_a.py::TestA::test_x', 'tests/test_a.py::TestB']), { paths: ['tests/test_a.py'] });
  });

  it("maps unittest's dotted ids to the longest module that names a test file", () => {
    const files = ['tests/test_a.py', 'test_a.py'];
    assert.strictEqual(nodeIdOfResult('unittest', 'tests.test_a.TestA.test_x', files), 'tests/test_a.py::TestA::test_x');
    assert.strictEqual(nodeIdOfResult('unittest', 'test_a.TestA.test_x', files), 'test_a.py::TestA::test_x');
    assert.strictEqual(nodeIdOfResult('unittest', 'tests.test_a', files), 'tests/test_a.py');
    assert.strictEqual(nodeIdOfResult('pytest', 'test_a.py::test_x[1]', files), 'test_a.py::test_x[1]');
  });

  it('keeps results inside the selection, parametrized cases included', () => {
    assert.strictEqual(caseParentOf('a.py::test_x[2-3-5]'), 'a.py::test_x');
    assert.strictEqual(caseParentOf('a.py::test_x'), undefined);
    assert.strictEqual(isSelected('a.py::test_x[1]', ['a.py::test_x']), true);
    assert.strictEqual(isSelected('tests/a.py::test_x', ['tests']), true);
    assert.strictEqual(isSelected('a.py::test_xy', ['a.py::test_x']), false);
    assert.strictEqual(isSelected('b.py::test_x', []), true);
  });
});

describe('where a failed test points', () => {
  const base: TestResult = { id: 'test_calc.py::test_div', outcome: 'failed', durationMs: 1, file: 'test_calc.py', line: 4, frames: [], stdout: '', stderr: '' };

  it('names the exception type from its message', () => {
    assert.deepStrictEqual(['ZeroDivisionError: division by zero', 'pkg.errors.Custom: no', 'assert 1 == 2', 'KeyError', undefined].map(exceptionTypeOf), ['ZeroDivisionError', 'Custom', 'AssertionError', 'KeyError', 'error']);
  });

  it('points at the test line and, for an error deeper in the code, at that line with the others as related', () => {
    const frames = [
      { file: 'test_calc.py', line: 5, function: 'test_div' },
      { file: 'calc.py', line: 2, function: 'outer' },
      { file: 'calc.py', line: 7, function: 'divide' },
    ];
    assert.deepStrictEqual(failurePlacesOf({ ...base, message: 'ZeroDivisionError: division by zero', frames }), {
      exceptionType: 'ZeroDivisionError',
      inTest: { file: 'test_calc.py', line: 5, others: frames.slice(1) },
      inCode: { file: 'calc.py', line: 7, others: frames.slice(0, 2) },
    });
    assert.deepStrictEqual(failurePlacesOf({ ...base, message: 'AssertionError: assert 5 == 6', frames: [frames[0]] }), {
      exceptionType: 'AssertionError',
      inTest: { file: 'test_calc.py', line: 5, others: [] },
    });
  });
});
