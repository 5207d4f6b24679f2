// The heal ledger: per file, per attempt, what broke, what was tried, and what the re-run showed.
// One record serves the CLI's --json report, the editor's panel and the benchmarks.
import type { ExpectedOutcome } from '../errors/expectedExits';
import type { PythonError } from '../errors/pythonError';
import type { TerminationReason } from '../run/runTypes';
import type { TokenUsage } from '../model/modelTypes';
import type { ModelFailure } from '../model/modelFailure';
import type { SetupFailure } from './setupFailure';

/** A run, reduced to what the ledger needs. */
export interface RunSummary {
  reason: TerminationReason;
  exitCode: number | null;
  durationMs: number;
  /** What ended the run; null when it ran clean (or never ran: cancelled, engine error). */
  error: PythonError | null;
  /** The last part of stdout and stderr, for people and for the model. */
  outputTail: string;
  /** Bytes written to stdout (how far the program got). */
  stdoutBytes: number;
  /** Bytes written to stderr; with stdoutBytes, how much of the output `outputTail` leaves out. */
  stderrBytes?: number;
  /** The folder the interpreter saw the files in ("/app" in the sandbox), to map its paths back to disk. */
  workDir?: string;
  /** What ran it, e.g. "Podman Engine 4.3.1"; empty when it never ran. */
  engine: string;
}

/**
 * healed: this fix made it run clean; progress: kept, the program got further; reverted: undone;
 * refused: the model gave no usable fix; cancelled: stopped midway, undone.
 */
export type AttemptOutcome = 'healed' | 'progress' | 'reverted' | 'refused' | 'cancelled';

export interface AttemptRecord {
  /** 1-based. */
  number: number;
  /** The error the fix was for. */
  error: PythonError;
  /** Absent when the model gave nothing usable. */
  fix?: {
    /** "rule:missing-import" or "model:gpt-4o-mini". */
    source: string;
    description: string;
    diff: string;
  };
  /** Why model answers were refused, in order. */
  rejections: string[];
  /** The verifying re-run; absent when there was nothing to run. */
  rerun?: RunSummary;
  outcome: AttemptOutcome;
  /** One sentence: why it was kept or undone. */
  why: string;
  durationMs: number;
  tokens: TokenUsage;
  /** Present when the model could not be used at all for this attempt (not reached, key refused, ...). */
  modelFailure?: ModelFailure;
}

/**
 * clean: ran clean before any fix; healed: runs clean now; not-healed: attempts ran out or no fix
 * held; cancelled; engine-error: the sandbox failed, nothing could be judged; needs-approval: a fix
 * would install requirements the user has not allowed, so the heal stopped before building them;
 * needs-input, needs-arguments, stopped-at-limit: not a bug (errors/expectedExits.ts), so nothing
 * was asked to fix it - the fixes kept before it (if any) stay.
 */
export type FileOutcome = 'clean' | 'healed' | 'not-healed' | 'cancelled' | 'engine-error' | 'needs-approval' | ExpectedOutcome;

export interface FileHealRecord {
  entry: string;
  outcome: FileOutcome;
  /** Why the loop stopped, in words. */
  stopReason: string;
  firstRun: RunSummary;
  lastRun: RunSummary;
  attempts: AttemptRecord[];
  /** Files whose text the heal changes (healed, or kept as a partial fix when asked), path -> text. */
  changedFiles: Record<string, string>;
  /** Unified diff from the original text to `changedFiles`. */
  diff: string;
  durationMs: number;
  tokens: TokenUsage;
  /** The last time the model could not be used in this heal; absent when it always answered (or was not asked). */
  modelFailure?: ModelFailure;
  /** With `engine-error`: whether the engine, the image or the install failed. */
  setupFailure?: SetupFailure;
}
