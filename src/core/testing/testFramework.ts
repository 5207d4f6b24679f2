// Which framework a project's tests need, read from its files without running anything: pytest
// when anything in it is pytest's (a conftest.py, pytest's configuration, a test function outside a
// TestCase class, `import pytest`); else unittest, which the standard library always has. pytest
// also runs TestCase tests, but a project of TestCase tests alone runs under unittest in any image.
import type { TestFramework } from './testTypes';

/** Configuration files pytest reads at the root, and the section that makes each one pytest's. */
export const PYTEST_CONFIG_FILES: Readonly<Record<string, RegExp>> = {
  'pytest.ini': /^\s*\[pytest\]/m,
  'pyproject.toml': /^\s*\[tool\.pytest\.ini_options\]/m,
  'setup.cfg': /^\s*\[tool:pytest\]/m,
  'tox.ini': /^\s*\[pytest\]/m,
};

const TEST_FILE = /(?:^|\/)(?:test_[^/]*|[^/]*_test)\.py$/;
/** A test function at the top level of a module: pytest's, since unittest finds only methods. */
const TOP_LEVEL_TEST = /^(?:async\s+)?def\s+test\w*\s*\(/m;
const USES_PYTEST = /^\s*(?:import\s+pytest\b|from\s+pytest\b|@pytest\.)/m;

/** Why the project needs pytest (e.g. "conftest.py"), or undefined when unittest can run it. */
export function pytestReason(files: Readonly<Record<string, string>>): string | undefined {
  for (const [name, section] of Object.entries(PYTEST_CONFIG_FILES)) {
    const text = files[name];
    if (text !== undefined && section.test(text)) return name;
  }
  const names = Object.keys(files).sort();
  const conftest = names.find((name) => name === 'conftest.py' || name.endsWith('/conftest.py'));
  if (conftest) return conftest;
  for (const name of names) {
    if (!name.endsWith('.py')) continue;
    const text = files[name];
    if (USES_PYTEST.test(text)) return `${name} (imports pytest)`;
    if (TEST_FILE.test(name) && TOP_LEVEL_TEST.test(text)) return `${name} (test functions)`;
  }
  return undefined;
}

export function chooseTestFramework(files: Readonly<Record<string, string>>): TestFramework {
  return pytestReason(files) === undefined ? 'unittest' : 'pytest';
}

/** The project's own pytest configuration adds --doctest-modules (addopts): pytest then runs every module's doctests. */
export function pytestRunsDoctests(files: Readonly<Record<string, string>>): boolean {
  return Object.entries(PYTEST_CONFIG_FILES).some(([name, section]) => {
    const text = files[name];
    return text !== undefined && section.test(text) && /^[^#;\n]*--doctest-modules\b/m.test(text);
  });
}
