import * as assert from 'assert';
import { errorSignature, judge, type RunState } from '../../src/core/heal/progress';
import type { ErrorKind, PythonError } from '../../src/core/errors/pythonError';
import type { RunResult } from '../../src/core/run/runTypes';

function error(type: string, kind: ErrorKind, message: string, line: number, source = `line ${line}`): PythonError {
  return {
    type, kind, message, file: 'main.py', line, column: null, endLine: null, endColumn: null, suggestion: null, notes: [],
    frames: kind === 'syntax' || kind === 'indentation' ? [] : [{ file: 'main.py', line, function: '<module>', source, external: false }],
    cause: null, context: null, exceptions: [],
  };
}

function state(err: PythonError | null, stdoutBytes = 0): RunState {
  const result = {
    exitCode: err ? 1 : 0, reason: 'exited', stdout: '', stderr: '', stdoutBytes, stderrBytes: 0,
    truncated: { stdout: false, stderr: false }, durationMs: 1, engine: { runner: 'docker', sandboxed: true, engine: 'test' },
  } as RunResult;
  return { result, error: err };
}

describe('heal progress: is a fix kept?', () => {
  const nameError = error('NameError', 'name', "name 'json' is not defined", 4, 'print(json.dumps(x))');

  it('keeps a fix after which the program runs clean', () => {
    assert.strictEqual(judge(state(nameError), state(null)), 'clean');
  });

  it('calls the same error after a line shift the same', () => {
    const shifted = error('NameError', 'name', "name 'json' is not defined", 5, 'print(json.dumps(x))');
    assert.strictEqual(errorSignature(shifted), errorSignature(nameError));
    assert.strictEqual(judge(state(nameError), state(shifted)), 'same');
  });

  it('counts a different error after at least as much output as progress', () => {
    assert.strictEqual(judge(state(nameError, 10), state(error('KeyError', 'key', "'a'", 9), 10)), 'progress');
  });

  it('counts a different error after less output as worse', () => {
    assert.strictEqual(judge(state(nameError, 10), state(error('TypeError', 'type', 'bad', 2), 3)), 'worse');
  });

  it('counts a syntax error that replaces a runtime error as worse', () => {
    assert.strictEqual(judge(state(nameError), state(error('SyntaxError', 'syntax', 'invalid syntax', 9))), 'worse');
  });

  it('counts a runtime error that replaces a syntax error as progress', () => {
    assert.strictEqual(judge(state(error('SyntaxError', 'syntax', "'(' was never closed", 2)), state(nameError)), 'progress');
  });

  it('counts a syntax error further down as progress and one further up as worse', () => {
    const first = state(error('SyntaxError', 'syntax', "'(' was never closed", 5));
    assert.strictEqual(judge(first, state(error('SyntaxError', 'syntax', "expected ':'", 8))), 'progress');
    assert.strictEqual(judge(first, state(error('SyntaxError', 'syntax', "expected ':'", 3))), 'worse');
  });
});

describe('heal progress: where it fails', () => {
  const inFunction = (message: string, line: number): PythonError => ({
    ...error('TypeError', 'type', message, 5),
    frames: [
      { file: 'main.py', line: 5, function: '<module>', source: 'result = calculate(5, "10")', external: false },
      { file: 'main.py', line, function: 'calculate', source: 'return a + b', external: false },
    ],
  });

  it('calls the same line failing with another message no progress', () => {
    const before = inFunction("unsupported operand type(s) for +: 'int' and 'str'", 2);
    const after = inFunction("unsupported operand type(s) for -: 'int' and 'str'", 2);
    assert.strictEqual(judge(state(before), state(after)), 'same');
  });

  it('counts a failure further down the same function as progress, and one above it as worse', () => {
    const before = inFunction('first', 3);
    assert.strictEqual(judge(state(before), state(inFunction('second', 4))), 'progress');
    assert.strictEqual(judge(state(before), state(inFunction('second', 2))), 'worse');
  });

  it('counts another type of error on the same line as progress', () => {
    const before = inFunction('first', 3);
    const after = { ...inFunction('second', 3), type: 'ValueError', kind: 'value' as const };
    assert.strictEqual(judge(state(before), state(after)), 'progress');
  });

  it('allows for lines the fix added above', () => {
    const before = inFunction('first', 3);
    assert.strictEqual(judge(state(before), state(inFunction('second', 4)), () => 1), 'same');
  });
});
