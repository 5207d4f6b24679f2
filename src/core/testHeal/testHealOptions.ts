// What healing against a project's tests takes. Apart from the receipt (testHealTypes.ts) because
// the panel's browser script reads the receipt's types, and the test environment named here
// reaches modules that need Node.
import type { ModelFixer } from '../model/modelTypes';
import type { RunLimits, Runner } from '../run/runTypes';
import type { TestEnvironment } from '../testing/testEnvironment';
import type { TestFramework } from '../testing/testTypes';

export interface TestHealOptions {
  runner: Runner;
  limits: RunLimits;
  image?: string;
  /** pytest's -k expression: the selected tests are the suite that is judged. */
  keyword?: string;
  framework?: TestFramework;
  /**
   * The project's requirements and test requirements, built into the image every run of the heal
   * uses (the runs before, each fix's, the re-runs): the suite is judged as `self-heal test` and
   * Run in Sandbox run it. Absent: nothing is installed.
   */
  environment?: TestEnvironment;
  /** Folders or files whose modules' doctests are tests too (runTests' `doctests`): a failing one is a target, a passing one a guard. */
  doctests?: readonly string[];
  maxAttempts?: number;
  /** Off: only the model proposes fixes. */
  rules?: boolean;
  model?: ModelFixer;
  /** Most model tokens the heal may use; it stops before the next model request once reached. 0 or absent: no cap. */
  tokenBudget?: number;
  /** Test files are the specification and stay as they are unless this is set. */
  allowTestEdits?: boolean;
  /** Variables added to the tests' environment. */
  env?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
  /** One line per decision (the suite runs, each attempt's verdict). */
  log?: (line: string) => void;
}
