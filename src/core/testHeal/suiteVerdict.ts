// Whether a fix holds against the whole suite: the target tests are the goal, and every test that
// passed on the unchanged code is a guard. A fix that turns one target green but breaks a guard is
// no fix; neither is one whose re-run did not finish (a limit, the engine), which proves nothing.
import { testLine } from '../testing/testSummary';
import type { TestResult, TestRunReport } from '../testing/testTypes';

export interface SuiteVerdict {
  /** No guard broke and the suite ran to its end. */
  holds: boolean;
  /** Targets that pass with the fix, and those that still do not. */
  fixed: string[];
  stillRed: string[];
  /** Tests that passed before and do not now (failed, erred, skipped or gone). */
  broken: string[];
  why: string;
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

export function judgeSuite(targets: readonly string[], passedBefore: readonly string[], after: TestRunReport): SuiteVerdict {
  const byId = new Map(after.tests.map((test) => [test.id, test]));
  const passes = (id: string): boolean => byId.get(id)?.outcome === 'passed';
  const fixed = targets.filter(passes);
  const stillRed = targets.filter((id) => !passes(id));
  const broken = passedBefore.filter((id) => !passes(id));
  const verdict = { fixed, stillRed, broken };
  if (after.problem) return { ...verdict, holds: false, why: `the suite's re-run did not finish (${after.problem.kind}): ${after.problem.message}` };
  if (broken.length > 0) {
    return { ...verdict, holds: false, why: `it broke ${plural(broken.length, 'test')} that passed before: ${broken.map((id) => describe(id, byId.get(id))).join('; ')}` };
  }
  if (fixed.length === 0) return { ...verdict, holds: false, why: `no target test passed with it: ${stillRed.map((id) => describe(id, byId.get(id))).join('; ')}` };
  if (stillRed.length > 0) return { ...verdict, holds: true, why: `${fixed.length} of ${plural(targets.length, 'target test')} pass with it and none broke; still failing: ${stillRed.join(', ')}` };
  return { ...verdict, holds: true, why: `every target test passes and no test that passed before fails (${plural(after.totals.passed, 'test')} passed of ${after.totals.total})` };
}

/** "FAILED id - AssertionError: assert 5 == 4", or that the test did not run at all. */
function describe(id: string, test: TestResult | undefined): string {
  return test ? testLine(test) : `${id} did not run`;
}
