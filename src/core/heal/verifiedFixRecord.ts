// A fix chosen on its own (a quick fix from the lightbulb) and its verifying run, written as the
// ledger writes a heal: one attempt, its diff and its re-run. The panel then tells its story like any
// other run's, and the CLI or a benchmark could read it the same way.
import type { PythonError } from '../errors/pythonError';
import type { FileHealRecord, RunSummary } from './ledger';
import { describeEnding, notRun, summaryOf } from './runSummary';
import { unifiedDiffOfFiles } from './unifiedDiff';
import type { Verification } from './verifyFix';
import { failedRerunPhrase } from './progress';

export interface ChosenFix {
  entry: string;
  /** The files as the run that found the error saw them, and the same files with the fix. */
  files: Readonly<Record<string, string>>;
  fixed: Readonly<Record<string, string>>;
  /** The error the fix is for and how much that run printed. */
  error: PythonError;
  stdoutBytes: number;
  fix: { source: string; description: string };
}

const NO_TOKENS = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };

/** The record of one chosen fix; its changed files are those to apply (none when it did not hold). */
export function verifiedFixRecord(chosen: ChosenFix, verification: Verification, durationMs: number): FileHealRecord {
  const diff = unifiedDiffOfFiles(chosen.files, chosen.fixed);
  // What the problem remembers of the run that found the error; its output is not kept with it.
  const firstRun: RunSummary = { reason: 'exited', exitCode: null, durationMs: 0, error: chosen.error, outputTail: '', stdoutBytes: chosen.stdoutBytes, engine: '' };
  const ending = endingOf(verification);
  const kept = ending.attempt === 'healed' || ending.attempt === 'progress';
  return {
    entry: chosen.entry,
    outcome: ending.outcome,
    stopReason: ending.stopReason,
    firstRun,
    lastRun: ending.rerun ?? firstRun,
    attempts: [{
      number: 1, error: chosen.error, fix: { ...chosen.fix, diff }, rejections: [], rerun: ending.rerun,
      outcome: ending.attempt, why: ending.why, durationMs, tokens: NO_TOKENS,
    }],
    changedFiles: kept ? changedOf(chosen.files, chosen.fixed) : {},
    diff: kept ? diff : '',
    durationMs,
    tokens: NO_TOKENS,
  };
}

interface Ending {
  outcome: FileHealRecord['outcome'];
  attempt: FileHealRecord['attempts'][number]['outcome'];
  why: string;
  stopReason: string;
  rerun?: RunSummary;
}

function endingOf(verification: Verification): Ending {
  if (verification.kind === 'not-ran') {
    if (verification.why === 'cancelled') return { outcome: 'cancelled', attempt: 'cancelled', why: 'cancelled while verifying', stopReason: 'cancelled; nothing was changed' };
    return { outcome: 'engine-error', attempt: 'reverted', why: verification.why, stopReason: verification.why, rerun: notRun(verification.why) };
  }
  const after = { result: verification.result, error: verification.error };
  const rerun = summaryOf(after);
  switch (verification.verdict) {
    case 'clean':
      return { outcome: 'healed', attempt: 'healed', why: 'the re-run ran clean', stopReason: 'healed by the chosen fix', rerun };
    case 'progress':
      return { outcome: 'not-healed', attempt: 'progress', why: `the re-run got further: ${describeEnding(after)}`, stopReason: `the chosen fix got further: ${describeEnding(after)}`, rerun };
    default: {
      const why = `the re-run ${failedRerunPhrase(verification.verdict)}: ${describeEnding(after)}`;
      return { outcome: 'not-healed', attempt: 'reverted', why, stopReason: `the chosen fix did not hold: ${why}`, rerun };
    }
  }
}

function changedOf(files: Readonly<Record<string, string>>, fixed: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(fixed).filter(([file, text]) => !Object.hasOwn(files, file) || files[file] !== text));
}
