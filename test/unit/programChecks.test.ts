import * as assert from 'assert';
import { failedCheckFromJson } from '../../src/core/errors/capturedChecks';
import { errorsOfRun } from '../../src/core/errors/runErrors';
import { DEFAULT_LIMITS } from '../../src/core/run/limits';
import { endingPhrase, succeeded } from '../../src/core/run/runEnding';
import type { RunResult } from '../../src/core/run/runTypes';
import type { FailedCheck } from '../../src/core/run/failedCheckTypes';
import { LauncherFrames } from '../../src/sandbox/launcher/launcherFrames';

function reportFrame(body: string): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  const header = Buffer.alloc(6);
  header[0] = 0x1e;
  header[1] = 'x'.charCodeAt(0);
  header.writeUInt32BE(bytes.length, 2);
  return Buffer.concat([header, bytes]);
}

const DOCTEST_LINE = { framework: 'doctest', name: '__main__.add', outcome: 'failure', file: '/app/main.py', line: 6, source: 'add(2, 2)\n', expected: '4\n', got: '5\n' };
const DOCTEST: FailedCheck = { ...DOCTEST_LINE, framework: 'doctest', outcome: 'failure', error: null };
const RECORD = { type: 'NameError', message: "name 'x' is not defined", notes: [], frames: [{ file: '/app/main.py', line: 9, function: '<module>', source: 'print(x)' }], cause: null, context: null, exceptions: [] };

function result(overrides: Partial<RunResult>): RunResult {
  return {
    exitCode: 0, reason: 'exited', stdout: '', stderr: '', stdoutBytes: 0, stderrBytes: 0, truncated: { stdout: false, stderr: false },
    durationMs: 120, engine: { runner: 'docker', sandboxed: true, engine: 'test' }, workDir: '/app', ...overrides,
  };
}

describe('failed checks: the launcher\'s report', () => {
  it('reads the check lines after the status, then the exception record of a failing status', () => {
    const frames = new LauncherFrames();
    frames.take(reportFrame(`1\nC${JSON.stringify(DOCTEST_LINE)}\nC${JSON.stringify({ ...DOCTEST_LINE, line: 8 })}\n${JSON.stringify(RECORD)}`));
    assert.deepStrictEqual([frames.exitCode, frames.failedChecks.map((c) => c.line), frames.captured?.type], [1, [6, 8], 'NameError']);
    assert.deepStrictEqual(frames.failedChecks[0], DOCTEST);
  });

  it('reads check lines at status 0, and still no exception record there', () => {
    const frames = new LauncherFrames();
    frames.take(reportFrame(`0\nC${JSON.stringify(DOCTEST_LINE)}\n`));
    assert.deepStrictEqual([frames.exitCode, frames.failedChecks, frames.captured], [0, [DOCTEST], undefined]);
  });

  it('reads an off-shape check line as a check that failed, without details', () => {
    for (const text of ['{', 'null', '[1]', '{"framework": "nose", "line": -3, "error": {"type": 1}}']) {
      assert.deepStrictEqual(failedCheckFromJson(text), { framework: 'doctest', name: '(unnamed check)', outcome: 'failure', file: null, line: null, source: null, expected: null, got: null, error: null }, text);
    }
  });
});

describe('failed checks: the run is not clean', () => {
  const run = { files: { 'main.py': 'x\n' }, entry: 'main.py' };

  it('exit 0 with a failed check has not succeeded, and says so', () => {
    const failed = result({ failedChecks: [DOCTEST, DOCTEST] });
    assert.deepStrictEqual([succeeded(failed), succeeded(result({}))], [false, true]);
    assert.strictEqual(endingPhrase(failed, DEFAULT_LIMITS), 'exited 0 in 0.12 s, but 2 of its own checks failed');
  });

  it('a wrong doctest output is a "doctest failure" on the example\'s line with what it printed and what was expected', () => {
    const [error] = errorsOfRun(result({ failedChecks: [DOCTEST] }), run, DEFAULT_LIMITS);
    assert.deepStrictEqual(
      [error.type, error.kind, error.message, error.file, error.line, error.notes, error.check],
      ['doctest failure', 'check', 'add(2, 2) printed 5, expected 4', 'main.py', 6, ['failed in the doctest of __main__.add at line 6: >>> add(2, 2)'], { framework: 'doctest', name: '__main__.add', failedInRun: 1 }],
    );
  });

  it('says "nothing" for an empty output and quotes one of several lines', () => {
    const [error] = errorsOfRun(result({ failedChecks: [{ ...DOCTEST, got: '', expected: '1\n2\n' }] }), run, DEFAULT_LIMITS);
    assert.strictEqual(error.message, 'add(2, 2) printed nothing, expected "1\\n2"');
  });

  it('puts the checks before the exception that ended the run, which stays last', () => {
    const errors = errorsOfRun(result({ exitCode: 1, failedChecks: [DOCTEST], captured: RECORD }), run, DEFAULT_LIMITS);
    assert.deepStrictEqual(errors.map((e) => [e.type, e.line, e.check !== undefined]), [['doctest failure', 6, true], ['NameError', 9, false]]);
  });
});
