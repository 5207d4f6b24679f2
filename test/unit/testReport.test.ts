// The pure half of a test run: the driver's events decoded and checked field by field, results with
// project-relative paths, a test cut short by a limit named, and the framework chosen from the files.
import * as assert from 'assert';
import { DEFAULT_LIMITS } from '../../src/core/run/limits';
import type { RunResult } from '../../src/core/run/runTypes';
import { decodeTestEvent } from '../../src/core/testing/testEvents';
import { chooseTestFramework, pytestReason } from '../../src/core/testing/testFramework';
import { PYTEST_MISSING_MESSAGE, testReportFrom } from '../../src/core/testing/testReport';
import { testLine, testRunPassed, totalsLine } from '../../src/core/testing/testSummary';
import { LauncherFrames } from '../../src/sandbox/launcher/launcherFrames';

const FILES = { 'calc.py': '', 'tests/test_calc.py': '' };
const limits = { ...DEFAULT_LIMITS, timeoutMs: 5000 };

function run(events: object[], extra: Partial<RunResult> = {}): RunResult {
  return {
    exitCode: 0, reason: 'exited', stdout: '', stderr: '', stdoutBytes: 0, stderrBytes: 0, truncated: { stdout: false, stderr: false },
    durationMs: 812, engine: { runner: 'docker', sandboxed: true, engine: 'Podman' }, workDir: '/app',
    testEvents: events.map((event) => JSON.stringify(event)), ...extra,
  };
}

const FAILED = {
  event: 'result', id: 'tests/test_calc.py::test_add[2-2-4]', outcome: 'failed', durationMs: 1.26, file: '/app/tests/test_calc.py', line: 4,
  message: 'AssertionError: assert 5 == 4', comparison: { op: '==', left: '5', right: '4' },
  frames: [{ file: '/app/tests/test_calc.py', line: 6, function: 'test_add' }, { file: '/usr/lib/python3/dist-packages/x.py', line: 1, function: 'f' }, { file: '/app/../etc/passwd', line: 1, function: 'g' }],
  stdout: '', stderr: '',
};

describe('test results: decoding and the report', () => {
  it('maps container paths to project files and drops frames outside them', () => {
    const report = testReportFrom(run([{ event: 'start', id: FAILED.id }, FAILED, { event: 'finished', status: 1 }]), { framework: 'pytest', files: FILES, limits });
    assert.deepStrictEqual(report.tests, [{
      id: 'tests/test_calc.py::test_add[2-2-4]', outcome: 'failed', durationMs: 1.3, file: 'tests/test_calc.py', line: 4,
      message: 'AssertionError: assert 5 == 4', comparison: { op: '==', left: '5', right: '4' },
      frames: [{ file: 'tests/test_calc.py', line: 6, function: 'test_add' }], stdout: '', stderr: '',
    }]);
    assert.deepStrictEqual(report.totals, { total: 1, passed: 0, failed: 1, error: 0, skipped: 0, xfailed: 0, xpassed: 0 });
    assert.strictEqual(report.problem, undefined);
  });

  it('drops malformed events and malformed fields', () => {
    assert.strictEqual(decodeTestEvent('not json'), undefined);
    assert.strictEqual(decodeTestEvent('{"event": "result", "id": "a", "outcome": "won"}'), undefined);
    assert.strictEqual(decodeTestEvent('[1]'), undefined);
    assert.deepStrictEqual(decodeTestEvent('{"event": "result", "id": "a", "outcome": "passed", "durationMs": -4, "line": 0, "frames": [{"file": 1}], "comparison": {"op": "=="}}'), {
      event: 'result', id: 'a', outcome: 'passed', durationMs: 0, frames: [], stdout: '', stderr: '',
    });
  });

  it('names the test that was running when the time limit stopped the run', () => {
    const report = testReportFrom(run([{ event: 'start', id: 't::a' }, { event: 'result', id: 't::a', outcome: 'passed', durationMs: 1 }, { event: 'start', id: 't::hang' }], { reason: 'timeout', exitCode: null }), { framework: 'pytest', files: FILES, limits });
    const message = 'the time limit (5 s) stopped the test run while t::hang was running';
    assert.deepStrictEqual(report.problem, { kind: 'timeout', message, test: 't::hang' });
    assert.deepStrictEqual(report.tests[1], { id: 't::hang', outcome: 'error', durationMs: 0, message, frames: [], stdout: '', stderr: '' });
    assert.strictEqual(testRunPassed(report), false);
  });

  it('says pytest is missing, an empty selection, and a framework that stopped with its last stderr line', () => {
    assert.deepStrictEqual(testReportFrom(run([{ event: 'problem', kind: 'pytest-missing', message: '' }]), { framework: 'pytest', files: FILES, limits }).problem, { kind: 'pytest-missing', message: PYTEST_MISSING_MESSAGE });
    assert.deepStrictEqual(testReportFrom(run([{ event: 'finished', status: 5 }]), { framework: 'pytest', files: FILES, limits, keyword: 'nothing' }).problem, { kind: 'no-tests', message: 'no tests matching -k nothing were found' });
    assert.deepStrictEqual(testReportFrom(run([{ event: 'finished', status: 4 }], { stderr: 'ERROR: Wrong expression passed to \'-k\': a b\n\n' }), { framework: 'pytest', files: FILES, limits }).problem, {
      kind: 'driver', message: 'pytest stopped with status 4: ERROR: Wrong expression passed to \'-k\': a b',
    });
  });

  it('tells the totals in a line and each test in a line', () => {
    const report = testReportFrom(run([FAILED, { event: 'result', id: 'x', outcome: 'skipped', message: 'later', durationMs: 0 }, { event: 'finished', status: 1 }]), { framework: 'pytest', files: FILES, limits });
    assert.strictEqual(totalsLine(report), '1 failed, 1 skipped in 0.8 s');
    assert.strictEqual(testLine(report.tests[0]), 'FAILED tests/test_calc.py::test_add[2-2-4] - AssertionError: assert 5 == 4 (tests/test_calc.py:6)');
    assert.strictEqual(testLine(report.tests[1]), 'SKIPPED x - later');
  });
});

describe('test results: the launcher frames that carry them', () => {
  it('keeps each t frame as an event, before and without a report', () => {
    const header = Buffer.from([0x1e, 0x74, 0, 0, 0, 2]);
    const frames = new LauncherFrames();
    frames.take(Buffer.concat([header, Buffer.from('{}'), header, Buffer.from('[]')]));
    assert.deepStrictEqual([frames.testEvents, frames.done, frames.broken], [['{}', '[]'], false, false]);
  });
});

describe('test framework: chosen from the project files', () => {
  it('needs pytest for conftest.py, its configuration, test functions or an import of pytest', () => {
    assert.strictEqual(pytestReason({ 'tests/conftest.py': '' }), 'tests/conftest.py');
    assert.strictEqual(pytestReason({ 'pyproject.toml': '[project]\nname = "x"\n\n[tool.pytest.ini_options]\n' }), 'pyproject.toml');
    assert.strictEqual(pytestReason({ 'setup.cfg': '[tool:pytest]\n' }), 'setup.cfg');
    assert.strictEqual(pytestReason({ 'test_x.py': 'def test_one():\n    pass\n' }), 'test_x.py (test functions)');
    assert.strictEqual(pytestReason({ 'helpers.py': 'import pytest\n' }), 'helpers.py (imports pytest)');
  });

  it('runs TestCase-only projects with unittest', () => {
    assert.strictEqual(chooseTestFramework({ 'pyproject.toml': '[project]\n', 'tests/test_x.py': 'import unittest\n\nclass T(unittest.TestCase):\n    def test_a(self):\n        pass\n' }), 'unittest');
  });
});
