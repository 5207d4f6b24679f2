// What a test run installs: the test requirements files, the test/dev extras (a self-reference
// followed, never sent to an index) and PEP 735 groups with include-group, joined to the project's
// own requirements in one stable list; and whether the project's pytest configuration runs doctests.
import * as assert from 'assert';
import { testDependenciesOf, testEnvironmentOf, pyprojectTestDependencies } from '../../src/core/environment/testDependencies';
import { declaresPytest } from '../../src/core/testing/testEnvironment';
import { pytestRunsDoctests } from '../../src/core/testing/testFramework';

describe('test dependencies', () => {
  it('reads the four test requirements files, following -r and dropping options and comments', () => {
    const files = {
      'requirements.txt': 'flask==3.0\n',
      'requirements-dev.txt': '-r requirements.txt\npytest>=7  # runner\n--index-url https://example.invalid/simple\n',
      'requirements-test.txt': 'hypothesis\n',
      'test-requirements.txt': 'freezegun\\\n==1.4\n',
      'dev-requirements.txt': 'pytest>=7\n',
    };
    assert.deepStrictEqual(testDependenciesOf(files), ['flask==3.0', 'freezegun==1.4', 'hypothesis', 'pytest>=7']);
    assert.deepStrictEqual(testEnvironmentOf(files), ['flask==3.0', 'freezegun==1.4', 'hypothesis', 'pytest>=7']);
  });

  it('reads the test, tests, dev and testing extras by their normalized names, and no other', () => {
    const toml = [
      '[project]', 'name = "My_App"', 'dependencies = ["requests"]', '',
      '[project.optional-dependencies]', 'Test = ["pytest"]', 'dev = ["my-app[test,lint]", "black"]', 'lint = ["ruff"]', 'docs = ["sphinx"]', '',
    ].join('\n');
    assert.deepStrictEqual(pyprojectTestDependencies(toml), ['pytest', 'pytest', 'ruff', 'black']);
    assert.deepStrictEqual(testEnvironmentOf({ 'pyproject.toml': toml }), ['black', 'pytest', 'requests', 'ruff']);
  });

  it('reads PEP 735 groups with include-group, stopping at a cycle', () => {
    const toml = [
      '[dependency-groups]', 'coverage = ["coverage[toml]>=7"]', 'test = ["pytest", {include-group = "coverage"}, {include-group = "Dev"}]',
      'dev = [{include-group = "test"}, "mypy"]', 'docs = ["sphinx"]', '',
    ].join('\n');
    assert.deepStrictEqual(testDependenciesOf({ 'pyproject.toml': toml }), ['coverage[toml]>=7', 'mypy', 'pytest']);
  });

  it('declares nothing for a project without test requirements', () => {
    assert.deepStrictEqual(testEnvironmentOf({ 'app.py': 'print(1)\n', 'pyproject.toml': '[project]\nname = "a"\n' }), []);
  });

  it('tells a requirement that brings pytest from one that only starts with its name', () => {
    assert.strictEqual(declaresPytest(['pytest']), true);
    assert.strictEqual(declaresPytest(['PyTest[testing]>=7 ; python_version > "3"']), true);
    assert.strictEqual(declaresPytest(['pytest-cov', 'pytest_mock==3']), false);
  });

  it("notices --doctest-modules in the project's pytest configuration, not in a comment or another section", () => {
    assert.strictEqual(pytestRunsDoctests({ 'pytest.ini': '[pytest]\naddopts = -q --doctest-modules\n' }), true);
    assert.strictEqual(pytestRunsDoctests({ 'pyproject.toml': '[tool.pytest.ini_options]\naddopts = ["--doctest-modules"]\n' }), true);
    assert.strictEqual(pytestRunsDoctests({ 'pytest.ini': '[pytest]\n# addopts = --doctest-modules\n' }), false);
    assert.strictEqual(pytestRunsDoctests({ 'setup.cfg': '[flake8]\nx = --doctest-modules\n' }), false);
  });
});
