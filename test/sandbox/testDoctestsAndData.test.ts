// Doctests as tests on both drivers (pytest's --doctest-modules in the test image, the standard
// library's doctest under unittest in the default image), and a test that reads a JSON fixture file
// of the project, sent beside the Python files.
import * as assert from 'assert';
import { runTests } from '../../src/core/testing/runTests';
import { collectTestProject } from '../../src/core/testing/testProject';
import type { TestRunReport } from '../../src/core/testing/testTypes';
import type { DockerSandbox } from '../../src/sandbox/dockerSandbox';
import { makeTree, removeTree } from '../support/tempDir';
import { limits, newSandbox, shared } from './sandboxHelper';
import { PYTEST_IMAGE } from './testSuiteProjects';

/** pkg/mathx.py: add()'s doctest passes; double()'s says 5 where 2 * 2 gives 4, at line 10. other/ is not opted in. */
const DOCTEST_PROJECT: Record<string, string> = {
  'pkg/__init__.py': '',
  'pkg/mathx.py': [
    'def add(a, b):',
    '    """',
    '    >>> add(1, 2)',
    '    3',
    '    """',
    '    return a + b',
    '',
    'def double(x):',
    '    """',
    '    >>> double(2)',
    '    5',
    '    """',
    '    return 2 * x',
    '',
  ].join('\n'),
  'other/notes.py': 'def never():\n    """\n    >>> 1 / 0\n    0\n    """\n',
};

const UNITTEST_CASE = 'import unittest\n\n\nclass TestTruth(unittest.TestCase):\n    def test_true(self):\n        self.assertTrue(True)\n';

const WITH_UNITTEST_CASE = { ...DOCTEST_PROJECT, 'tests/__init__.py': '', 'tests/test_truth.py': UNITTEST_CASE };

/** A test that compares its code's answer with a JSON fixture beside it, and a binary file that is not sent. */
const JSON_FIXTURE_PROJECT: Record<string, string | Buffer> = {
  'shop.py': 'def total(prices):\n    return sum(prices)\n',
  'tests/__init__.py': '',
  'tests/data/order.json': '{"prices": [2, 3, 5], "total": 10}\n',
  'tests/data/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
  'tests/test_order.py': [
    'import json, os, unittest',
    'from shop import total',
    '',
    'HERE = os.path.dirname(__file__)',
    '',
    'class TestOrder(unittest.TestCase):',
    '    def test_total_matches_fixture(self):',
    '        with open(os.path.join(HERE, "data", "order.json"), encoding="utf-8") as f:',
    '            order = json.load(f)',
    '        self.assertEqual(total(order["prices"]), order["total"])',
    '',
  ].join('\n'),
};

async function testsOf(files: Record<string, string>, sandbox: DockerSandbox, doctests?: string[]): Promise<TestRunReport> {
  const root = makeTree(files);
  try {
    const project = await collectTestProject(root);
    return await runTests(project, { runner: sandbox, limits: limits({ timeoutMs: 30_000 }), doctests });
  } finally {
    removeTree(root);
  }
}

function outcomes(report: TestRunReport): Array<[string, string, string | undefined, number | undefined]> {
  return report.tests.map((t) => [t.id, t.outcome, t.file, t.line]);
}

describe('doctests and data files in test runs', function () {
  this.timeout(120_000);
  let pytestSandbox: DockerSandbox;
  before(() => (pytestSandbox = newSandbox({ image: PYTEST_IMAGE, warmContainers: 0 })));
  after(() => pytestSandbox.dispose());

  it('runs the doctests of the opted-in folder through pytest, one result per docstring', async () => {
    const report = await testsOf({ ...DOCTEST_PROJECT, 'conftest.py': '' }, pytestSandbox, ['pkg']);
    assert.strictEqual(report.framework, 'pytest');
    assert.deepStrictEqual(outcomes(report), [
      ['pkg/mathx.py::pkg.mathx.add', 'passed', 'pkg/mathx.py', 2],
      ['pkg/mathx.py::pkg.mathx.double', 'failed', 'pkg/mathx.py', 9],
    ]);
    const failed = report.tests[1];
    assert.strictEqual(failed.message, '>>> double(2): expected 5, got 4');
    assert.deepStrictEqual(failed.comparison, { op: '==', left: '4', right: '5' });
    assert.deepStrictEqual(failed.frames, [{ file: 'pkg/mathx.py', line: 10, function: 'pkg.mathx.double' }]);
    assert.strictEqual(report.problem, undefined);
  });

  it('runs them through the standard library doctest under unittest, beside the TestCase tests', async () => {
    const report = await testsOf(WITH_UNITTEST_CASE, shared, ['pkg']);
    assert.strictEqual(report.framework, 'unittest');
    assert.deepStrictEqual(outcomes(report), [
      ['tests.test_truth.TestTruth.test_true', 'passed', 'tests/test_truth.py', 5],
      ['pkg/mathx.py::pkg.mathx.add', 'passed', 'pkg/mathx.py', 2],
      ['pkg/mathx.py::pkg.mathx.double', 'failed', 'pkg/mathx.py', 9],
    ]);
    const failed = report.tests[2];
    assert.strictEqual(failed.message, '>>> double(2): expected 5, got 4');
    assert.deepStrictEqual(failed.comparison, { op: '==', left: '4', right: '5' });
    assert.deepStrictEqual(failed.frames, [{ file: 'pkg/mathx.py', line: 10, function: 'pkg.mathx.double' }]);
    assert.match(failed.details ?? '', /Failed example:\n {4}double\(2\)\nExpected:\n {4}5\nGot:\n {4}4/);
    assert.deepStrictEqual(report.totals, { total: 3, passed: 2, failed: 1, error: 0, skipped: 0, xfailed: 0, xpassed: 0 });
  });

  it('reports an example that raises with its exception, at the example\'s line, under unittest', async () => {
    const report = await testsOf(WITH_UNITTEST_CASE, shared, ['other/notes.py']);
    const raised = report.tests.find((t) => t.id === 'other/notes.py::notes.never');
    assert.deepStrictEqual(raised && [raised.outcome, raised.message, raised.frames], [
      'failed', 'ZeroDivisionError: division by zero (>>> 1 / 0)', [{ file: 'other/notes.py', line: 3, function: 'notes.never' }],
    ]);
  });

  it('runs no doctests unless asked', async () => {
    const report = await testsOf(WITH_UNITTEST_CASE, shared);
    assert.deepStrictEqual(outcomes(report), [['tests.test_truth.TestTruth.test_true', 'passed', 'tests/test_truth.py', 5]]);
  });

  it('sends a JSON fixture the test reads, and leaves a binary file out', async () => {
    const root = makeTree(JSON_FIXTURE_PROJECT);
    try {
      const project = await collectTestProject(root);
      assert.deepStrictEqual(Object.keys(project.files).sort(), ['shop.py', 'tests/__init__.py', 'tests/data/order.json', 'tests/test_order.py']);
      assert.deepStrictEqual(project.leftOut, ['tests/data/logo.png']);
      const report = await runTests(project, { runner: shared, limits: limits({ timeoutMs: 30_000 }) });
      assert.deepStrictEqual(outcomes(report), [['tests.test_order.TestOrder.test_total_matches_fixture', 'passed', 'tests/test_order.py', 7]]);
    } finally {
      removeTree(root);
    }
  });
});
