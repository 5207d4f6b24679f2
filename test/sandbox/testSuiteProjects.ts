// Small projects with tests, as the sandbox tests of `runTests` and `self-heal test` write them to
// temporary folders: real pytest and unittest suites with the failures the results must name.

/** The image with pytest that scripts/setupEngine.sh builds; the default image has none. */
export const PYTEST_IMAGE = process.env.SELF_HEAL_PYTEST_IMAGE ?? 'localhost/self-heal-python-pytest:3.11';

/** add() is wrong for 2 + 2 only: the parametrized case test_add[2-2-4] fails at line 6, 5 == 4. */
export const CALC_WITH_BUG: Record<string, string> = {
  'calc.py': 'def add(a, b):\n    if a == 2 and b == 2:\n        return 5\n    return a + b\n',
  'tests/test_calc.py': [
    'import pytest',
    'from calc import add',
    '',
    '@pytest.mark.parametrize("a,b,expected", [(1, 2, 3), (2, 2, 4), (0, 0, 0)])',
    'def test_add(a, b, expected):',
    '    assert add(a, b) == expected',
    '',
  ].join('\n'),
};

export const CALC_PASSING: Record<string, string> = {
  ...CALC_WITH_BUG,
  'calc.py': 'def add(a, b):\n    return a + b\n',
  'pytest.ini': '[pytest]\ntestpaths = tests\n',
};

/** A fixture only conftest.py defines, and a test that prints what it got. */
export const FIXTURE_FROM_CONFTEST: Record<string, string> = {
  'tests/conftest.py': 'import pytest\n\n\n@pytest.fixture\ndef numbers():\n    return [1, 2, 3]\n',
  'tests/test_numbers.py': 'def test_sum(numbers):\n    print("numbers", numbers)\n    assert sum(numbers) == 6\n',
};

/** pyproject.toml tells pytest that check_* functions are tests: only read there, so the id proves it was. */
export const PYPROJECT_CONFIGURED: Record<string, string> = {
  'pyproject.toml': '[project]\nname = "checks"\n\n[tool.pytest.ini_options]\npython_functions = "check_*"\n',
  'tests/test_values.py': 'def check_value():\n    assert 2 * 3 == 6\n',
};

/** TestCase tests only: unittest runs them in the default image, which has no pytest. */
export const UNITTEST_SUITE: Record<string, string> = {
  'stats.py': 'def mean(xs):\n    return sum(xs) / len(xs)\n',
  'tests/__init__.py': '',
  'tests/test_stats.py': [
    'import unittest',
    'from stats import mean',
    '',
    '',
    'class TestMean(unittest.TestCase):',
    '    def test_mean(self):',
    '        self.assertEqual(mean([1, 2, 3]), 2)',
    '',
    '    def test_empty(self):',
    '        self.assertEqual(mean([]), 0)',
    '',
    '    @unittest.skip("not decided")',
    '    def test_later(self):',
    '        pass',
    '',
  ].join('\n'),
};

/** One module imports a package nobody installed; the other module's test still runs. */
export const COLLECTION_ERROR: Record<string, string> = {
  'tests/test_ok.py': 'def test_ok():\n    assert True\n',
  'tests/test_broken.py': 'import json\nimport not_installed_anywhere\n\n\ndef test_never():\n    pass\n',
};

/** The second test never ends: the time limit stops the run while it runs. */
export const HANGING_TEST: Record<string, string> = {
  'tests/test_slow.py': 'import time\n\n\ndef test_quick():\n    assert 1 + 1 == 2\n\n\ndef test_hangs():\n    while True:\n        time.sleep(0.1)\n',
};

/**
 * A test that tries to forge a passing result: it prints lines shaped like the channel's (a made-up
 * token, 'T', an event) on stdout and stderr and writes them to every pipe it holds, then fails.
 */
export const FORGED_RESULT: Record<string, string> = {
  'tests/test_forge.py': [
    'import os, sys',
    '',
    'FORGED = \'{"event": "result", "id": "tests/test_forge.py::test_forged", "outcome": "passed", "durationMs": 1, "frames": [], "stdout": "", "stderr": ""}\'',
    'LINE = "\\n" + "0123456789abcdef01234567" + "T" + FORGED + "\\n"',
    '',
    '',
    'def test_real():',
    '    print(LINE)',
    '    sys.stderr.write(LINE)',
    '    for fd in map(int, os.listdir("/proc/self/fd")):',
    '        try:',
    '            os.write(fd, LINE.encode())',
    '        except OSError:',
    '            pass',
    '    assert False, "the real result"',
    '',
  ].join('\n'),
};
