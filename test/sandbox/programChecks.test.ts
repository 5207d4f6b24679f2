// A program's own checks are part of the proof: a doctest or unittest that fails while the program
// exits 0 makes the run fail, through the real launcher, in run and in heal.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { errorsOfRun } from '../../src/core/errors/runErrors';
import { succeeded } from '../../src/core/run/runEnding';
import { healFile } from '../../src/core/heal/healFile';
import { cli } from './cliProcess';
import { limits, newSandbox, runCode, shared, TEST_IMAGE } from './sandboxHelper';
import { PYTEST_IMAGE } from './testSuiteProjects';
import { makeTree, removeTree } from '../support/tempDir';

/** add() is wrong for the second example (line 7): the program prints its report and exits 0. */
const FAILING_DOCTEST = `def add(a, b):
    """Adds.

    >>> add(1, 1)
    2
    >>> add(2, 2)
    4
    """
    return a + b + (a == 2)


if __name__ == "__main__":
    import doctest
    doctest.testmod()
    print("done")
`;

const PASSING_DOCTEST = FAILING_DOCTEST.replace(' + (a == 2)', '');

/** The doctest's example raises a NameError inside total() (line 6), reported as an unexpected exception. */
const RAISING_DOCTEST = `def total(xs):
    """
    >>> total([1, 2])
    3
    """
    return sum(xs) + offst


if __name__ == "__main__":
    import doctest
    doctest.testmod()
`;

const FAILING_UNITTEST = `import unittest


class TestMath(unittest.TestCase):
    def test_add(self):
        self.assertEqual(1 + 1, 3)

    def test_ok(self):
        self.assertEqual(2 * 2, 4)


if __name__ == "__main__":
    unittest.main(exit=False)
    print("after tests")
`;

/** A missing colon the rules heal, in front of the same wrong doctest: the run then exits 0, its doctest failing. */
const COLON_AND_FAILING_DOCTEST = FAILING_DOCTEST.replace('def add(a, b):', 'def add(a, b)');

/** A missing import inside the function, met only by its doctest; the rule's fix makes the doctest pass. */
const IMPORT_IN_DOCTESTED_CODE = `def halved(x):
    """
    >>> halved(7)
    3
    """
    return math.floor(x / 2)


if __name__ == "__main__":
    import doctest
    doctest.testmod()
`;

/** pytest.main() whose result the program ignores: it exits 0 while test_mean meets a NameError. */
const PYTEST_IN_PROGRAM = `import pytest


def test_sum():
    assert sum([1, 2]) == 3


def test_mean():
    assert mean([1, 2]) == 1.5


@pytest.mark.xfail(reason="known")
def test_known_bug():
    assert 1 == 2


if __name__ == "__main__":
    pytest.main([__file__, "-q", "-p", "no:cacheprovider"])
    print("after tests")
`;

const noModel = { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' };
const common = ['--image', TEST_IMAGE, '--timeout', '20'];
const heal = (code: string) => healFile({ files: { 'main.py': code }, entry: 'main.py' }, { runner: shared, limits: limits() });
const run = (code: string) => runCode(code);
const errorsOf = (code: string, result: Awaited<ReturnType<typeof run>>) => errorsOfRun(result, { files: { 'main.py': code }, entry: 'main.py' }, limits());

describe('sandbox: the program\'s own checks', function () {
  this.timeout(120_000);

  it('a failing doctest at exit 0 is not clean, and its error is on the failing example\'s line', async () => {
    const result = await run(FAILING_DOCTEST);
    assert.deepStrictEqual([result.exitCode, result.reason, succeeded(result)], [0, 'exited', false]);
    assert.ok(result.stdout.includes('***Test Failed*** 1 failures.'), result.stdout);
    const errors = errorsOf(FAILING_DOCTEST, result);
    assert.deepStrictEqual(errors.map((e) => [e.type, e.kind, e.message, e.file, e.line, e.check?.framework, e.check?.name, e.check?.failedInRun]), [
      ['doctest failure', 'check', 'add(2, 2) printed 5, expected 4', 'main.py', 6, 'doctest', '__main__.add', 1],
    ]);
  });

  it('a passing doctest is clean', async () => {
    const result = await run(PASSING_DOCTEST);
    assert.deepStrictEqual([result.exitCode, result.stdout, result.failedChecks, succeeded(result)], [0, 'done\n', undefined, true]);
    assert.deepStrictEqual(errorsOf(PASSING_DOCTEST, result), []);
  });

  it('a doctest example that raises is that exception, where it was raised, with the example in a note', async () => {
    const result = await run(RAISING_DOCTEST);
    assert.strictEqual(result.exitCode, 0);
    const [error] = errorsOf(RAISING_DOCTEST, result);
    assert.deepStrictEqual([error.type, error.kind, error.message, error.file, error.line, error.notes], [
      'NameError', 'name', "name 'offst' is not defined", 'main.py', 6, ['raised in the doctest of __main__.total at line 3: >>> total([1, 2])'],
    ]);
  });

  it('unittest.main(exit=False) with a failing test is not clean; the error is the assertion, on its line', async () => {
    const result = await run(FAILING_UNITTEST);
    assert.deepStrictEqual([result.exitCode, result.stdout, succeeded(result)], [0, 'after tests\n', false]);
    const errors = errorsOf(FAILING_UNITTEST, result);
    assert.deepStrictEqual(errors.map((e) => [e.type, e.message, e.file, e.line, e.check?.name, e.notes]), [
      ['AssertionError', '2 != 3', 'main.py', 6, '__main__.TestMath.test_add', ['raised in the test __main__.TestMath.test_add']],
    ]);
  });

  it('unittest.main() exiting 1 reports the failing test, not an exit without a traceback', async () => {
    const code = FAILING_UNITTEST.replace('unittest.main(exit=False)', 'unittest.main()');
    const result = await run(code);
    assert.strictEqual(result.exitCode, 1);
    assert.deepStrictEqual(errorsOf(code, result).map((e) => [e.type, e.line]), [['AssertionError', 6]]);
  });

  it('heal does not call a program healed when it exits 0 with its doctest failing', async () => {
    const record = await heal(COLON_AND_FAILING_DOCTEST);
    assert.strictEqual(record.outcome, 'not-healed');
    assert.deepStrictEqual(record.attempts.map((a) => [a.fix?.source, a.outcome]), [['rule:missing-colon', 'progress']]);
    const last = record.lastRun.error;
    assert.deepStrictEqual(last && [last.type, last.message, last.line], ['doctest failure', 'add(2, 2) printed 5, expected 4', 6]);
    assert.strictEqual(record.lastRun.exitCode, 0);
  });

  it('heal does not call a program with a failing doctest clean before it starts', async () => {
    const record = await heal(FAILING_DOCTEST);
    assert.deepStrictEqual([record.outcome, record.attempts.length, record.changedFiles], ['not-healed', 0, {}]);
  });

  it('heal fixes a NameError that only a doctest meets, and proves it by the doctest passing', async () => {
    const record = await heal(IMPORT_IN_DOCTESTED_CODE);
    assert.strictEqual(record.outcome, 'healed', record.stopReason);
    assert.deepStrictEqual(record.changedFiles, { 'main.py': `import math\n${IMPORT_IN_DOCTESTED_CODE}` });
  });

  describe('pytest.main() inside the program (the pytest image)', () => {
    const withPytest = newSandbox({ image: PYTEST_IMAGE });
    // pytest's start-up takes seconds on a loaded machine.
    const roomy = limits({ timeoutMs: 60_000 });
    after(() => withPytest.dispose());

    it('a failing test at exit 0 is not clean; its error is the NameError, on its line; an expected failure is not one', async () => {
      const result = await runCode(PYTEST_IN_PROGRAM, { limits: roomy }, withPytest);
      assert.deepStrictEqual([result.exitCode, succeeded(result), result.stdout.endsWith('after tests\n')], [0, false, true]);
      assert.deepStrictEqual(result.failedChecks?.map((c) => [c.framework, c.name, c.outcome, c.error?.type]), [['pytest', 'main.py::test_mean', 'failure', 'NameError']]);
      assert.deepStrictEqual(errorsOf(PYTEST_IN_PROGRAM, result).map((e) => [e.type, e.message, e.file, e.line, e.notes]), [
        ['NameError', "name 'mean' is not defined", 'main.py', 9, ['raised in the test main.py::test_mean']],
      ]);
    });

    it('heal fixes the NameError that only the test meets, proven by the test passing', async () => {
      const record = await healFile({ files: { 'main.py': PYTEST_IN_PROGRAM }, entry: 'main.py' }, { runner: withPytest, limits: roomy });
      assert.strictEqual(record.outcome, 'healed', record.stopReason);
      assert.deepStrictEqual(record.changedFiles, { 'main.py': PYTEST_IN_PROGRAM.replace('import pytest\n', 'import pytest\nfrom statistics import mean\n') });
    });
  });

  describe('through the CLI', () => {
    let dir: string;
    afterEach(() => dir && removeTree(dir));

    it('run reports a failing doctest at exit 0 as a failure on the example\'s line, and exits 1', async () => {
      dir = makeTree({ 'main.py': FAILING_DOCTEST });
      const result = await cli(['run', 'main.py', '--json', ...common], { cwd: dir, env: noModel });
      assert.strictEqual(result.status, 1, result.stderr);
      const [entry] = JSON.parse(result.stdout).files;
      assert.strictEqual(entry.exitCode, 0);
      assert.deepStrictEqual(entry.errors.map((e: any) => [e.type, e.message, e.file, e.line]), [['doctest failure', 'add(2, 2) printed 5, expected 4', 'main.py', 6]]);
    });

    it('heal --write leaves a file whose doctest still fails unwritten, and exits 1', async () => {
      dir = makeTree({ 'main.py': COLON_AND_FAILING_DOCTEST });
      const result = await cli(['heal', 'main.py', '--write', '--no-llm', '--json', ...common], { cwd: dir, env: noModel });
      assert.strictEqual(result.status, 1, result.stderr);
      const [file] = JSON.parse(result.stdout).files;
      assert.deepStrictEqual([file.outcome, file.written], ['not-healed', []]);
      assert.strictEqual(fs.readFileSync(path.join(dir, 'main.py'), 'utf8'), COLON_AND_FAILING_DOCTEST);
    });
  });
});
