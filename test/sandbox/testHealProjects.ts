// Projects and scripted model answers for healing against tests (testHeal.test.ts).
import { CALC_WITH_BUG } from './testSuiteProjects';

export { CALC_WITH_BUG };

export const CALC_FIXED = 'def add(a, b):\n    return a + b\n';

/** The model's right answer: drop the special case. */
export const RIGHT_ANSWER = [
  'Drop the special case for 2 + 2',
  'calc.py',
  '<<<<<<< SEARCH',
  'def add(a, b):',
  '    if a == 2 and b == 2:',
  '        return 5',
  '    return a + b',
  '=======',
  'def add(a, b):',
  '    return a + b',
  '>>>>>>> REPLACE',
  '',
].join('\n');

/** Makes the failing case pass and the two passing cases fail. */
export const BREAKING_ANSWER = [
  'Return 4',
  'calc.py',
  '<<<<<<< SEARCH',
  '    if a == 2 and b == 2:',
  '        return 5',
  '    return a + b',
  '=======',
  '    return 4',
  '>>>>>>> REPLACE',
  '',
].join('\n');

/** Rewrites the test's assertion instead of the code (the test's id stays the same). */
export const TEST_EDIT_ANSWER = [
  'Expect 5 for 2 + 2',
  'tests/test_calc.py',
  '<<<<<<< SEARCH',
  '    assert add(a, b) == expected',
  '=======',
  '    assert add(a, b) == (5 if (a, b) == (2, 2) else expected)',
  '>>>>>>> REPLACE',
  '',
].join('\n');

/** sqrt is used without its import: a NameError raised in the code under test, not in the test. */
export const MISSING_IMPORT: Record<string, string> = {
  'geometry.py': 'def hypot(a, b):\n    return sqrt(a * a + b * b)\n',
  'tests/test_geometry.py': 'from geometry import hypot\n\n\ndef test_hypot():\n    assert hypot(3, 4) == 5.0\n\n\ndef test_zero():\n    assert 0 == 0\n',
};

/**
 * Fails on the suite's first run and passes on every later one: the runner in the test numbers
 * the runs in SUITE_RUN, the only source of the flakiness, so the sequence is fixed.
 */
export const FLAKY_SUITE: Record<string, string> = {
  'tests/test_flaky.py': 'import os\n\n\ndef test_sometimes():\n    assert os.environ.get("SUITE_RUN") != "1"\n\n\ndef test_always():\n    assert 1 + 1 == 2\n',
};
