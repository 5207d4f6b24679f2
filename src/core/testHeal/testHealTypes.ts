// What healing against a project's tests hands back: the receipt (what it takes is in
// testHealOptions.ts). The receipt is the proof a reviewer reads: which tests were red before and
// green after, the suite's totals on both sides, every attempt with its outcome and time, the
// model's tokens, and the fix as a diff.
import type { TokenUsage } from '../model/modelTypes';
import type { TestFramework, TestRunProblem, TestTotals } from '../testing/testTypes';

export const DEFAULT_TEST_HEAL_ATTEMPTS = 3;

/** healed: every target passes and nothing broke; flaky: every failure passed on a re-run of the unchanged code. */
export type TestHealOutcome = 'healed' | 'not-healed' | 'passing' | 'flaky' | 'not-run' | 'cancelled';

/**
 * kept: the fix made some target tests pass and broke none, so later attempts build on it;
 * healed: with it every target passes; rejected: the suite's re-run did not bear it out;
 * refused: no fix to run (the model gave none, or it would edit a test file).
 */
export type TestAttemptOutcome = 'healed' | 'kept' | 'rejected' | 'refused' | 'cancelled';

export interface TestHealAttempt {
  number: number;
  /** "rule:missing-import", "model:gpt-4o-mini". */
  source: string;
  description: string;
  outcome: TestAttemptOutcome;
  why: string;
  durationMs: number;
  tokens: TokenUsage;
  /** The fix against the files as they were before this attempt; empty when there was none. */
  diff: string;
  /** The suite with the fix, when it ran. */
  totals?: TestTotals;
  /** Target tests the fix made pass, and tests that passed before and failed with it. */
  fixedTests?: string[];
  brokenTests?: string[];
}

export interface SuiteSide {
  totals: TestTotals;
  durationMs: number;
}

export interface TestHealReceipt {
  outcome: TestHealOutcome;
  /** One line: why the heal ended as it did. */
  reason: string;
  framework: TestFramework;
  /** The first run of the unchanged code. */
  before: SuiteSide;
  /** The last run that counts: with the fix kept, else the unchanged code's re-run. */
  after: SuiteSide;
  /** Tests that failed (or erred) twice on the unchanged code: the heal's targets. */
  red: string[];
  /** Targets that pass with the fix. */
  green: string[];
  /** Targets that still fail. */
  stillRed: string[];
  /** Failed on the first run and passed on the re-run of the unchanged code: reported, never healed. */
  flaky: string[];
  attempts: TestHealAttempt[];
  tokens: TokenUsage;
  /** Unified diff of every change kept (empty when none was). */
  diff: string;
  /** Only the files the kept fixes changed, with their new text (path -> text). */
  changedFiles: Record<string, string>;
  durationMs: number;
  problem?: TestRunProblem;
}
