// A check of the program's own that failed while it ran - a doctest example, a unittest test - as the
// sandbox's launcher observes it inside the interpreter: part of what a run reports
// (RunResult.failedChecks), so it lives with the runner contract. errors/ reads it
// (capturedChecks.ts) and turns it into PythonErrors (checkErrors.ts).
import type { CapturedException } from './capturedExceptionTypes';

export type CheckFramework = 'doctest' | 'unittest' | 'pytest';

/** failure: a wrong result (doctest output, a failed assertion); error: an exception; unexpected success: an expectedFailure that passed. */
export type CheckOutcome = 'failure' | 'error' | 'unexpected success';

export interface FailedCheck {
  framework: CheckFramework;
  /** doctest: the docstring's name ("__main__.average"); unittest: the test's id ("__main__.TestMean.test_empty"); pytest: its node id ("main.py::test_mean"). */
  name: string;
  outcome: CheckOutcome;
  /** doctest: the file as the interpreter names it, and the failing example's 1-based line there. */
  file: string | null;
  line: number | null;
  /** doctest: the example's source, what it should print and what it printed. */
  source: string | null;
  expected: string | null;
  got: string | null;
  /** The exception the check raised (a doctest example's, a failed or erroring test's); null for a wrong output. */
  error: CapturedException | null;
}
