import * as assert from 'assert';
import { changedLinesOf, changedLinesOfText } from '../../src/core/heal/changedLines';
import { judge, type RunState } from '../../src/core/heal/progress';
import type { ErrorKind, PythonError } from '../../src/core/errors/pythonError';
import type { RunResult } from '../../src/core/run/runTypes';

function error(type: string, kind: ErrorKind, message: string, line: number, source = `line ${line}`): PythonError {
  return {
    type, kind, message, file: 'main.py', line, column: null, endLine: null, endColumn: null, suggestion: null, notes: [],
    frames: kind === 'syntax' || kind === 'indentation' || kind === 'check' ? [] : [{ file: 'main.py', line, function: '<module>', source, external: false }],
    cause: null, context: null, exceptions: [],
  };
}

/** A doctest failure at `line`, one of `failedInRun` in its run. */
function doctestFailure(line: number, failedInRun: number, message = `f(${line}) printed 5, expected 4`): PythonError {
  return { ...error('doctest failure', 'check', message, line), check: { framework: 'doctest', name: '__main__.f', failedInRun } };
}

function state(err: PythonError | null, stdoutBytes = 0): RunState {
  const crashed = err !== null && !err.check;
  const result = {
    exitCode: crashed ? 1 : 0, reason: 'exited', stdout: '', stderr: '', stdoutBytes, stderrBytes: 0,
    truncated: { stdout: false, stderr: false }, durationMs: 1, engine: { runner: 'docker', sandboxed: true, engine: 'test' },
    ...(err?.check ? { failedChecks: new Array(err.check.failedInRun).fill({}) } : {}),
  } as RunResult;
  return { result, error: err };
}

const lines = (...numbers: number[]) => () => new Set(numbers);

describe('heal progress: the program\'s own checks', () => {
  it('a run at exit 0 whose checks fail is not clean', () => {
    assert.strictEqual(judge(state(error('NameError', 'name', "name 'x' is not defined", 3)), state(doctestFailure(7, 1))), 'progress');
    assert.notStrictEqual(judge(state(doctestFailure(7, 1)), state(doctestFailure(7, 1))), 'clean');
  });

  it('fewer failing checks is progress, even when the last one is the same', () => {
    assert.strictEqual(judge(state(doctestFailure(9, 2)), state(doctestFailure(9, 1))), 'progress');
  });

  it('more failing checks is worse', () => {
    assert.strictEqual(judge(state(doctestFailure(9, 1)), state(doctestFailure(9, 2))), 'worse');
  });

  it('as many failing checks is the same when the failure is, and worse when another one fails instead', () => {
    assert.strictEqual(judge(state(doctestFailure(9, 1)), state(doctestFailure(9, 1))), 'same');
    assert.strictEqual(judge(state(doctestFailure(9, 1)), state(doctestFailure(12, 1))), 'worse');
  });

  it('crashing where the program ran to its end before (with failing checks) is worse', () => {
    assert.strictEqual(judge(state(doctestFailure(9, 1), 100), state(error('KeyError', 'key', "'a'", 20), 500)), 'worse');
  });
});

describe('heal progress: an error on a line the fix wrote', () => {
  const syntax = error('SyntaxError', 'syntax', "'[' was never closed", 4);

  it('a syntax fix whose re-run fails with a NameError on the edited line is no progress', () => {
    const after = error('NameError', 'name', "name 'n' is not defined", 4, 'def f(xs: list[int, n]):');
    assert.strictEqual(judge(state(syntax), state(after), () => 0, lines(4)), 'own-error');
  });

  it('the same NameError on a line the fix did not touch is progress', () => {
    const after = error('NameError', 'name', "name 'n' is not defined", 9, 'print(n)');
    assert.strictEqual(judge(state(syntax), state(after), () => 0, lines(4)), 'progress');
  });

  it('an import the fix added whose package is missing is judged as before, not refused as the fix\'s own error', () => {
    const after = error('ModuleNotFoundError', 'module-not-found', "No module named 'numpy'", 1, 'import numpy as np');
    assert.strictEqual(judge(state(syntax), state(after), () => 1, lines(1)), 'progress');
    const notAnImport = error('ModuleNotFoundError', 'module-not-found', "No module named 'numpy'", 1, "__import__('numpy')");
    assert.strictEqual(judge(state(syntax), state(notAnImport), () => 1, lines(1)), 'own-error');
  });

  it('a doctest example the fix edited that now fails is no progress either', () => {
    const before = error('NameError', 'name', "name 'x' is not defined", 3);
    assert.strictEqual(judge(state(before), state(doctestFailure(7, 1)), () => 0, lines(7)), 'own-error');
  });
});

describe('changed lines: what a fix wrote', () => {
  it('names the added and the edited lines of the fixed text, not the ones that only moved', () => {
    const before = ['a = 1', 'b = 2', 'c = 3', 'print(a, b, c)'].join('\n');
    const after = ['import math', 'a = 1', 'b = 20', 'c = 3', 'print(a, b, c)'].join('\n');
    assert.deepStrictEqual([...changedLinesOfText(before, after)], [1, 3]);
  });

  it('names nothing for an unchanged file, and every line of a new one', () => {
    const changed = changedLinesOf({ 'main.py': 'x = 1\n' }, { 'main.py': 'x = 1\n', 'util.py': 'y = 2\nz = 3' });
    assert.deepStrictEqual([[...changed('main.py')], [...changed('util.py')]], [[], [1, 2]]);
  });

  it('counts a line removed before it as no change to the lines that follow', () => {
    assert.deepStrictEqual([...changedLinesOfText('a\nb\nc\nd', 'a\nc\nd')], []);
  });
});
