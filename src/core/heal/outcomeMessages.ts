// What people are told when a heal ends in a way they must know about: files left unhealed (with
// what failed and what to do next), fixes that landed in files other than the one run, and fixes
// undone. Pure words; the editor adds its buttons, and the CLI uses the model failure line as is.
import type { FileHealRecord } from './ledger';
import { modelFailureLine, type ModelFailure } from '../model/modelFailure';
import { tallyLine, type TalliedFile } from './runTally';

/** Whether the heal could have asked a model: configured, not set up (no key, no server), or turned off. */
export type ModelAvailability = 'configured' | 'not-set-up' | 'off';

/** e.g. "TypeError: unsupported operand type(s) for +: 'int' and 'str' at heal/type_error.py:2". */
export function errorOfRecord(record: FileHealRecord): string {
  const error = record.lastRun.error;
  if (!error) return '';
  return `${error.type}: ${error.message}${error.file && error.line ? ` at ${error.file}:${error.line}` : ''}`;
}

/** The model failure of the run, if any: the one every unhealed file met (one endpoint, one cause). */
export function modelFailureOfRun(records: readonly FileHealRecord[]): ModelFailure | undefined {
  return records.find((record) => record.outcome !== 'healed' && record.modelFailure)?.modelFailure;
}

/** "main.py was not healed", or "3 files were not healed (a.py, b.py, c.py)". */
function whichFiles(records: readonly FileHealRecord[]): string {
  if (records.length === 1) return `${records[0].entry} was not healed`;
  return `${records.length} files were not healed (${records.map((r) => r.entry).join(', ')})`;
}

/** The model could not be used: which files were left as they were, and why, naming the endpoint. */
export function modelFailureMessage(unhealed: readonly FileHealRecord[], failure: ModelFailure): string {
  return `${whichFiles(unhealed)}: ${modelFailureLine(failure)}.`;
}

/**
 * A heal that ended without a fix: what failed (the error, and why healing stopped), then the next
 * step, which depends on whether a model could have been asked.
 */
export function notHealedMessage(unhealed: readonly FileHealRecord[], model: ModelAvailability): string {
  const what = unhealed.length === 1 ? `: ${unhealed[0].stopReason}${errorOfRecord(unhealed[0]) ? ` (${errorOfRecord(unhealed[0])})` : ''}` : '';
  return `${whichFiles(unhealed)}${what}. ${NEXT_STEP[model]}`;
}

const NEXT_STEP: Record<ModelAvailability, string> = {
  configured: 'Fix Attempts shows what was tried.',
  'not-set-up': 'Rule fixes cover common mistakes only; set an API key or a local model server (selfHeal.model.baseUrl) for AI fixes.',
  off: 'AI fixes are turned off (selfHeal.fix.ai); turn them on to let a model try.',
};

/**
 * A run of several files, told once: the counts by outcome, then what the user must know of the
 * unhealed ones: the model that could not be used, or the next step.
 * e.g. "7 files: 5 healed, 1 needs input, 1 not healed. Fix Attempts shows what was tried."
 */
export function tallyMessage(files: readonly TalliedFile[], unhealed: { count: number; model: ModelAvailability; failure?: ModelFailure }): string {
  const line = `${tallyLine(files)}.`;
  if (unhealed.failure) return `${line} ${sentence(modelFailureLine(unhealed.failure))}.`;
  return unhealed.count > 0 ? `${line} ${NEXT_STEP[unhealed.model]}` : line;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A fix that changed files other than the one run, e.g. "Self-Heal changed app/stats.py to fix main.py". */
export function otherFilesMessage(edits: ReadonlyArray<{ entry: string; files: readonly string[] }>): string {
  const parts = edits.map(({ entry, files }) => `${listed(files)} to fix ${entry}`);
  return `Self-Heal changed ${parts.join(', and ')}.`;
}

/** After Revert All Fixes From Last Run. */
export function revertedMessage(files: readonly string[]): string {
  if (files.length === 0) return 'no fixes from the last run to revert.';
  return `reverted ${files.length} file${files.length === 1 ? '' : 's'} (${files.join(', ')}).`;
}

/** "a.py", "a.py and b.py", "a.py, b.py and c.py". */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
