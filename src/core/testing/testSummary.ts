// How a test run is told in a line: "5 passed, 1 failed, 1 skipped in 0.8 s", the outcomes in
// pytest's order, those with none left out; and one line per test for a terminal.
import type { TestOutcome, TestResult, TestRunReport } from './testTypes';

const ORDER: readonly TestOutcome[] = ['passed', 'failed', 'error', 'skipped', 'xfailed', 'xpassed'];

export function totalsLine(report: TestRunReport): string {
  const counts = ORDER.filter((outcome) => report.totals[outcome] > 0).map((outcome) => `${report.totals[outcome]} ${outcome}`);
  const seconds = `${+(report.durationMs / 1000).toFixed(1)} s`;
  return `${counts.length > 0 ? counts.join(', ') : 'no tests ran'} in ${seconds}`;
}

/** "FAILED tests/test_calc.py::test_add[2-2-5] - AssertionError: assert 4 == 5" (the message's first line). */
export function testLine(test: TestResult): string {
  const word = test.outcome.toUpperCase();
  const first = (test.message ?? '').split('\n')[0];
  const where = test.frames.length > 0 ? ` (${test.frames[test.frames.length - 1].file}:${test.frames[test.frames.length - 1].line})` : '';
  return first === '' ? `${word} ${test.id}` : `${word} ${test.id} - ${first}${test.outcome === 'failed' || test.outcome === 'error' ? where : ''}`;
}

/** A run passed when it had no problem and no test failed or erred (an xpassed test fails only when strict, which pytest reports as failed). */
export function testRunPassed(report: TestRunReport): boolean {
  return report.problem === undefined && report.totals.failed === 0 && report.totals.error === 0;
}
