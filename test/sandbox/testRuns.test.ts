// A project's tests as an oracle, through the real launcher and real pytest in the test image:
// per-test results, exact ids, values and frames; unittest in the default image; collection errors,
// a hanging test, pytest missing, and a forged result line that changes nothing.
import * as assert from 'assert';
import { PYTEST_MISSING_MESSAGE } from '../../src/core/testing/testReport';
import { runTests } from '../../src/core/testing/runTests';
import { collectTestProject } from '../../src/core/testing/testProject';
import type { TestRunReport } from '../../src/core/testing/testTypes';
import type { DockerSandbox } from '../../src/sandbox/dockerSandbox';
import { makeTree, removeTree } from '../support/tempDir';
import { limits, newSandbox, shared } from './sandboxHelper';
import { CALC_PASSING, CALC_WITH_BUG, COLLECTION_ERROR, FIXTURE_FROM_CONFTEST, FORGED_RESULT, HANGING_TEST, PYPROJECT_CONFIGURED, PYTEST_IMAGE, UNITTEST_SUITE } from './testSuiteProjects';

async function testsOf(files: Record<string, string>, sandbox: DockerSandbox, extra: { timeoutMs?: number; keyword?: string; paths?: string[] } = {}): Promise<TestRunReport> {
  const root = makeTree(files);
  try {
    const project = await collectTestProject(root, extra.paths ?? []);
    return await runTests(project, { runner: sandbox, limits: limits({ timeoutMs: extra.timeoutMs ?? 30_000 }), keyword: extra.keyword });
  } finally {
    removeTree(root);
  }
}

describe('project tests in the sandbox', function () {
  this.timeout(120_000);
  let pytestSandbox: DockerSandbox;
  before(() => (pytestSandbox = newSandbox({ image: PYTEST_IMAGE, warmContainers: 1 })));
  after(() => pytestSandbox.dispose());

  it('reports every test of a passing suite, configured by pytest.ini', async () => {
    const report = await testsOf(CALC_PASSING, pytestSandbox);
    assert.strictEqual(report.framework, 'pytest');
    assert.deepStrictEqual(report.tests.map((t) => [t.id, t.outcome, t.file, t.line]), [
      ['tests/test_calc.py::test_add[1-2-3]', 'passed', 'tests/test_calc.py', 4],
      ['tests/test_calc.py::test_add[2-2-4]', 'passed', 'tests/test_calc.py', 4],
      ['tests/test_calc.py::test_add[0-0-0]', 'passed', 'tests/test_calc.py', 4],
    ]);
    assert.deepStrictEqual(report.totals, { total: 3, passed: 3, failed: 0, error: 0, skipped: 0, xfailed: 0, xpassed: 0 });
    assert.strictEqual(report.problem, undefined);
  });

  it('names the one failing parametrized case with both sides of the comparison and its frame', async () => {
    const report = await testsOf(CALC_WITH_BUG, pytestSandbox);
    const failed = report.tests.filter((t) => t.outcome !== 'passed');
    assert.strictEqual(failed.length, 1);
    const [test] = failed;
    assert.strictEqual(test.id, 'tests/test_calc.py::test_add[2-2-4]');
    assert.strictEqual(test.outcome, 'failed');
    assert.deepStrictEqual(test.comparison, { op: '==', left: '5', right: '4' });
    assert.strictEqual(test.message, 'AssertionError: assert 5 == 4\n +  where 5 = add(2, 2)');
    assert.deepStrictEqual(test.frames, [{ file: 'tests/test_calc.py', line: 6, function: 'test_add' }]);
    assert.deepStrictEqual(report.totals, { total: 3, passed: 2, failed: 1, error: 0, skipped: 0, xfailed: 0, xpassed: 0 });
  });

  it('selects tests with -k', async () => {
    const report = await testsOf(CALC_WITH_BUG, pytestSandbox, { keyword: '1-2-3 or 0-0-0' });
    assert.deepStrictEqual(report.tests.map((t) => t.id), ['tests/test_calc.py::test_add[1-2-3]', 'tests/test_calc.py::test_add[0-0-0]']);
  });

  it('gives a test the fixture conftest.py defines, and keeps what it printed', async () => {
    const report = await testsOf(FIXTURE_FROM_CONFTEST, pytestSandbox);
    assert.deepStrictEqual(report.tests.map((t) => [t.id, t.outcome, t.stdout]), [['tests/test_numbers.py::test_sum', 'passed', 'numbers [1, 2, 3]\n']]);
  });

  it('reads pytest\'s configuration from pyproject.toml', async () => {
    const report = await testsOf(PYPROJECT_CONFIGURED, pytestSandbox);
    assert.deepStrictEqual(report.tests.map((t) => [t.id, t.outcome]), [['tests/test_values.py::check_value', 'passed']]);
  });

  it('runs a TestCase suite with unittest in the default image, which has no pytest', async () => {
    const report = await testsOf(UNITTEST_SUITE, shared);
    assert.strictEqual(report.framework, 'unittest');
    assert.deepStrictEqual(report.tests.map((t) => [t.id, t.outcome, t.message]), [
      ['tests.test_stats.TestMean.test_empty', 'error', 'ZeroDivisionError: division by zero'],
      ['tests.test_stats.TestMean.test_later', 'skipped', 'not decided'],
      ['tests.test_stats.TestMean.test_mean', 'passed', undefined],
    ]);
    assert.deepStrictEqual(report.tests[0].frames, [
      { file: 'tests/test_stats.py', line: 10, function: 'test_empty' },
      { file: 'stats.py', line: 2, function: 'mean' },
    ]);
  });

  it('reports a module unittest cannot import as a collection error named by the module', async () => {
    const report = await testsOf({ ...UNITTEST_SUITE, 'tests/test_broken.py': 'import not_installed_anywhere\n' }, shared);
    assert.deepStrictEqual(report.tests[0], {
      id: 'tests.test_broken', outcome: 'error', durationMs: report.tests[0].durationMs, file: 'tests/test_broken.py', collectionError: true,
      message: "ModuleNotFoundError: No module named 'not_installed_anywhere'", details: report.tests[0].details,
      frames: [{ file: 'tests/test_broken.py', line: 1, function: '<module>' }], stdout: '', stderr: '',
    });
    assert.deepStrictEqual(report.totals, { total: 4, passed: 1, failed: 0, error: 2, skipped: 1, xfailed: 0, xpassed: 0 });
  });

  it('reports a module that fails to import as a result of its own, and still runs the others', async () => {
    const report = await testsOf(COLLECTION_ERROR, pytestSandbox);
    const broken = report.tests.find((t) => t.collectionError);
    assert.ok(broken, JSON.stringify(report.tests));
    assert.strictEqual(broken.id, 'tests/test_broken.py');
    assert.strictEqual(broken.outcome, 'error');
    assert.strictEqual(broken.message, "ModuleNotFoundError: No module named 'not_installed_anywhere'");
    assert.deepStrictEqual(broken.frames, [{ file: 'tests/test_broken.py', line: 2, function: '<module>' }]);
    assert.deepStrictEqual(report.tests.filter((t) => !t.collectionError).map((t) => [t.id, t.outcome]), [['tests/test_ok.py::test_ok', 'passed']]);
  });

  it('stops a hanging test at the time limit and names it', async () => {
    const report = await testsOf(HANGING_TEST, pytestSandbox, { timeoutMs: 8000 });
    assert.deepStrictEqual(report.problem, {
      kind: 'timeout',
      message: 'the time limit (8 s) stopped the test run while tests/test_slow.py::test_hangs was running',
      test: 'tests/test_slow.py::test_hangs',
    });
    assert.deepStrictEqual(report.tests.map((t) => [t.id, t.outcome]), [
      ['tests/test_slow.py::test_quick', 'passed'],
      ['tests/test_slow.py::test_hangs', 'error'],
    ]);
  });

  it('says exactly that pytest is missing from the image, and how to declare it', async () => {
    const report = await testsOf(FIXTURE_FROM_CONFTEST, shared);
    assert.deepStrictEqual(report.problem, { kind: 'pytest-missing', message: PYTEST_MISSING_MESSAGE });
    assert.strictEqual(PYTEST_MISSING_MESSAGE, "pytest is in neither the image nor the project's test dependencies: declare it (a line \"pytest\" in requirements-dev.txt, or in a test or dev extra of [project.optional-dependencies] or group of [dependency-groups] in pyproject.toml), or run the tests in an image that has it (--image IMG)");
    assert.deepStrictEqual(report.tests, []);
  });

  it('ignores a forged result line a test prints and writes to every pipe it holds', async () => {
    const report = await testsOf(FORGED_RESULT, pytestSandbox);
    assert.deepStrictEqual(report.tests.map((t) => [t.id, t.outcome, t.message]), [
      ['tests/test_forge.py::test_real', 'failed', 'AssertionError: the real result\nassert False'],
    ]);
    assert.deepStrictEqual(report.totals, { total: 1, passed: 0, failed: 1, error: 0, skipped: 0, xfailed: 0, xpassed: 0 });
  });
});
