// How a heal ends: the ledger record of one program, with the files it changes. The original text
// comes back unless the program was healed, got as far as needing input or arguments (fixes kept
// on the way stay), or a partial fix was asked for (never when cancelled).
import { fileText } from '../files/fileTexts';
import type { FileHealRecord } from './ledger';
import type { HealSession } from './healSession';
import type { RunState } from './progress';
import { unifiedDiffOfFiles } from './unifiedDiff';
import { notRun, summaryOf } from './runSummary';

/** `first` is undefined when the first run never happened; `last` defaults to `first`. */
export function fileHealRecordOf(
  session: HealSession,
  outcome: FileHealRecord['outcome'],
  stopReason: string,
  first: RunState | undefined,
  last?: RunState,
): FileHealRecord {
  const { input } = session;
  const needsSomething = outcome === 'needs-input' || outcome === 'needs-arguments';
  const keep = session.healed || needsSomething || (session.options.keepPartial === true && outcome !== 'cancelled');
  const finalFiles = keep ? session.current : input.files;
  const changedFiles: Record<string, string> = {};
  for (const [file, text] of Object.entries(finalFiles)) if (fileText(input.files, file) !== text) changedFiles[file] = text;
  const firstRun = first ? summaryOf(first) : notRun(stopReason);
  const modelFailure = [...session.attempts].reverse().find((attempt) => attempt.modelFailure)?.modelFailure;
  return {
    entry: input.entry,
    outcome,
    stopReason,
    firstRun,
    lastRun: last ? summaryOf(last) : firstRun,
    attempts: session.attempts,
    changedFiles,
    diff: unifiedDiffOfFiles(input.files, finalFiles),
    durationMs: Date.now() - session.started,
    tokens: session.tokens,
    ...(modelFailure ? { modelFailure } : {}),
  };
}
