// A test run's requirements on the real engine: a suite whose test imports a package that only a
// loopback PEP 503 index serves passes once requirements-dev.txt declares it (built on the pytest
// image with the same builder as a program's environment), and declared nowhere its collection
// error names the missing module.
import * as assert from 'assert';
import { runTests } from '../../src/core/testing/runTests';
import { collectTestProject } from '../../src/core/testing/testProject';
import type { TestRunReport } from '../../src/core/testing/testTypes';
import { makeTree, removeTree } from '../support/tempDir';
import { environmentFixture } from './environmentFixture';
import { limits, SESSION } from './sandboxHelper';
import { PYTEST_IMAGE } from './testSuiteProjects';

const WHEEL = { name: 'greeting-kit', version: '1.2', files: { 'greeting_kit/__init__.py': 'def greet(name):\n    return "hello " + name\n' } };

const SUITE: Record<string, string> = {
  'app.py': 'from greeting_kit import greet\n\n\ndef welcome(user):\n    return greet(user) + "!"\n',
  'tests/test_app.py': 'from app import welcome\n\n\ndef test_welcome():\n    assert welcome("ada") == "hello ada!"\n',
};

describe('sandbox: test dependencies', function () {
  this.timeout(300_000);
  const env = environmentFixture(`${SESSION}-testdeps`, [WHEEL]);

  async function testsOf(files: Record<string, string>, installs: string[][]): Promise<TestRunReport> {
    const root = makeTree(files);
    try {
      const project = await collectTestProject(root);
      const made = env.builder({ baseImage: PYTEST_IMAGE });
      const provider = { imageFor: (requirements: readonly string[], options?: Parameters<typeof made.imageFor>[1]) => env.imageFor(made, requirements, options) };
      return await runTests(project, {
        runner: env.sandbox, limits: limits({ timeoutMs: 30_000 }), image: PYTEST_IMAGE,
        environment: { provider, onInstall: (requirements) => installs.push([...requirements]) },
      });
    } finally {
      removeTree(root);
    }
  }

  it('installs what requirements-dev.txt declares (with the -r of requirements.txt), and the suite passes', async () => {
    const installs: string[][] = [];
    const before = env.index.requests.length;
    const report = await testsOf({ ...SUITE, 'requirements.txt': '', 'requirements-dev.txt': '-r requirements.txt\ngreeting-kit==1.2  # the app\'s helper\n' }, installs);
    assert.deepStrictEqual(installs, [['greeting-kit==1.2']]);
    const prefix = new URL(env.index.url).pathname.replace(/simple\/$/, '');
    assert.deepStrictEqual(env.index.requests.slice(before), [`${prefix}simple/greeting-kit/`, `${prefix}packages/greeting_kit-1.2-py3-none-any.whl`]);
    assert.deepStrictEqual(report.tests.map((t) => [t.id, t.outcome]), [['tests/test_app.py::test_welcome', 'passed']]);
    assert.strictEqual(report.problem, undefined);
  });

  it('installs a PEP 735 dependency group that includes another', async () => {
    const installs: string[][] = [];
    const pyproject = '[project]\nname = "app"\nversion = "0"\n\n[dependency-groups]\nhelpers = ["greeting-kit>=1"]\ntest = [{include-group = "helpers"}]\n';
    const report = await testsOf({ ...SUITE, 'pyproject.toml': pyproject }, installs);
    assert.deepStrictEqual(installs, [['greeting-kit>=1']]);
    assert.deepStrictEqual(report.tests.map((t) => [t.id, t.outcome]), [['tests/test_app.py::test_welcome', 'passed']]);
  });

  it('declared nowhere: nothing is installed and the collection error names the missing module', async () => {
    const installs: string[][] = [];
    const before = env.index.requests.length;
    const report = await testsOf(SUITE, installs);
    assert.deepStrictEqual(installs, []);
    assert.deepStrictEqual(env.index.requests.slice(before), []);
    assert.deepStrictEqual(report.tests.map((t) => [t.id, t.outcome, t.collectionError, t.message]), [
      ['tests/test_app.py', 'error', true, "ModuleNotFoundError: No module named 'greeting_kit'"],
    ]);
  });
});
