// What a run of a project's tests reports, test by test: the shape the CLI prints and writes as JSON
// and JUnit, and what the editor's later views read. Made by runTests.ts from the events the
// generated driver reported over the sandbox launcher's own channel (testEvents.ts).

export type TestFramework = 'pytest' | 'unittest';

export type TestOutcome = 'passed' | 'failed' | 'error' | 'skipped' | 'xfailed' | 'xpassed';

export const TEST_OUTCOMES: readonly TestOutcome[] = ['passed', 'failed', 'error', 'skipped', 'xfailed', 'xpassed'];

/** A frame of a failing test in the project's own files (project-relative path, 1-based line). */
export interface TestFrame {
  file: string;
  line: number;
  function: string;
}

export interface TestResult {
  /** pytest's node id ("tests/test_calc.py::test_add[2-3-5]"), unittest's "module.Class.test", or a module that failed to load. */
  id: string;
  outcome: TestOutcome;
  durationMs: number;
  /** The test's file (project-relative) and 1-based line, when known. */
  file?: string;
  line?: number;
  /** A collection error: the module (or path) could not be loaded, so its tests never ran. */
  collectionError?: boolean;
  /** The failure, error or skip reason: "AssertionError: assert 5 == 6", "ModuleNotFoundError: ...". */
  message?: string;
  /** The longer text the framework shows for it (capped): pytest's report, unittest's traceback. */
  details?: string;
  /** A failed comparison: the operator and repr() of both sides, where pytest saw them. */
  comparison?: { op: string; left: string; right: string };
  /** Innermost last, in the project's files only. */
  frames: TestFrame[];
  /** What the test printed (capped). */
  stdout: string;
  stderr: string;
}

export type TestTotals = Record<TestOutcome, number> & { total: number };

/** Why the tests did not run, or did not run to the end. */
export type TestRunProblemKind = 'pytest-missing' | 'no-tests' | 'timeout' | 'limit' | 'cancelled' | 'engine' | 'driver' | 'no-channel' | 'install';

export interface TestRunProblem {
  kind: TestRunProblemKind;
  message: string;
  /** timeout: the test that was running when the limit stopped the run. */
  test?: string;
}

export interface TestRunReport {
  framework: TestFramework;
  tests: TestResult[];
  totals: TestTotals;
  /** The sandbox run's wall-clock time. */
  durationMs: number;
  problem?: TestRunProblem;
}
