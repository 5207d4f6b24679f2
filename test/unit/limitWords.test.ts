// Limits said in words on every surface, raised for "Run again with 2x the limit", and where a
// problem without a line of its own goes.
import * as assert from 'assert';
import { exitCallLine, firstStatementLine, parseArgsLine } from '../../src/core/errors/endingPlaces';
import { DEFAULT_LIMITS, describeSeconds, raisedLimits } from '../../src/core/run/limits';
import { discardedPhrase, endingPhrase, limitOf, limitPhrase } from '../../src/core/run/runEnding';

describe('limits in words', () => {
  it('says what stopped the program and which limit it was, never a type name', () => {
    const limits = { ...DEFAULT_LIMITS, timeoutMs: 2000 };
    assert.deepStrictEqual(
      (['timeout', 'output-limit', 'oom'] as const).map((reason) => endingPhrase({ reason, exitCode: null, durationMs: 2004 }, limits)),
      ['stopped after 2 s (time limit)', 'stopped after 1 MiB of output (output limit)', 'stopped at 512 MiB of memory (memory limit)'],
    );
    assert.strictEqual(limitPhrase('time', { ...DEFAULT_LIMITS, timeoutMs: 30_000 }), 'stopped after 30 s (time limit)');
    assert.deepStrictEqual([describeSeconds(2500), describeSeconds(100), describeSeconds(90_000)], ['2.5 s', '0.1 s', '90 s']);
    assert.deepStrictEqual([limitOf('timeout'), limitOf('output-limit'), limitOf('oom'), limitOf('exited'), limitOf('cancelled')], ['time', 'output', 'memory', undefined, undefined]);
  });

  it('doubles exactly the limit that was hit', () => {
    assert.deepStrictEqual(raisedLimits(DEFAULT_LIMITS, 'time', 2), { ...DEFAULT_LIMITS, timeoutMs: 60_000 });
    assert.deepStrictEqual(raisedLimits(DEFAULT_LIMITS, 'output', 2), { ...DEFAULT_LIMITS, outputLimitBytes: 2 * 1024 * 1024 });
    assert.deepStrictEqual(raisedLimits(DEFAULT_LIMITS, 'memory', 2), { ...DEFAULT_LIMITS, memoryBytes: 1024 * 1024 * 1024 });
  });

  it('says what was discarded when a program ran on past the output cap', () => {
    const truncated = { reason: 'exited' as const, truncated: { stdout: true, stderr: false }, stdoutBytes: 3 * 1024 * 1024, stderrBytes: 0 };
    assert.strictEqual(discardedPhrase(truncated, DEFAULT_LIMITS), 'output past 1 MiB per stream was discarded (3 MiB written)');
    assert.strictEqual(discardedPhrase({ ...truncated, truncated: { stdout: false, stderr: false } }, DEFAULT_LIMITS), '');
    assert.strictEqual(discardedPhrase({ ...truncated, reason: 'output-limit' }, DEFAULT_LIMITS), '');
  });
});

describe('where an ending without a line of its own goes', () => {
  it('on the first statement after the docstring and the imports', () => {
    assert.strictEqual(firstStatementLine('#!/usr/bin/env python3\n"""Tool.\n\nMore."""\nimport sys\nfrom os import (\n    path,\n)\n\nCOUNT = 3\n'), 10);
    assert.strictEqual(firstStatementLine('import time\nimport sys\n'), 1);
    assert.strictEqual(firstStatementLine(''), 1);
    assert.strictEqual(firstStatementLine('x = "import y"\n'), 1);
  });

  it('on the line that parses the arguments, or the exit call that printed the message', () => {
    const source = 'import argparse, sys\n# parser.parse_args() in a comment\nparser = argparse.ArgumentParser()\nargs = parser.parse_args()\nif not args:\n    sys.exit("no arguments given")\nsys.exit(f"bad {args}")\n';
    assert.strictEqual(parseArgsLine(source), 4);
    assert.strictEqual(exitCallLine(source, 'no arguments given'), 6);
    assert.strictEqual(exitCallLine(source, 'something else'), undefined);
    assert.strictEqual(exitCallLine('import sys\nif True:\n    raise SystemExit(message)\n', 'anything'), 3);
    assert.strictEqual(parseArgsLine('print("parse_args(")\n'), undefined);
  });
});
