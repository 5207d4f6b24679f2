// The `self-heal heal` report: the ledger as JSON (documented in docs/cli.md) and one line per
// file for people.
import type { FileHealRecord } from '../core/heal/ledger';
import type { HealProgress } from '../core/heal/healFile';
import { CLEAN_RUN_WORDS, type LaunchKind } from '../core/program/launch';
import { modelFailureLine } from '../core/model/modelFailure';

export interface HealReportEntry extends FileHealRecord {
  /** The file as named on the command line. */
  file: string;
  /** Paths written to disk (with --write), relative to the run's root. */
  written: string[];
  /** With --write: path -> why that healed file was not written (changed meanwhile, a write error, ...). */
  notWritten: Record<string, string>;
}

export function healSummaryLine(file: string, record: FileHealRecord, kind: LaunchKind = 'run'): string {
  switch (record.outcome) {
    case 'clean':
      return `✓ ${file}: ${CLEAN_RUN_WORDS[kind]}, nothing to heal`;
    case 'healed': {
      const kept = record.attempts.filter((a) => a.outcome === 'healed' || a.outcome === 'progress');
      const fixes = kept.map((a) => `${a.fix?.source}: ${a.fix?.description}`).join('; ');
      return `✓ ${file}: ${record.stopReason} (${fixes})`;
    }
    case 'not-healed': {
      const error = record.lastRun.error;
      const where = error?.file && error.line ? ` at ${error.file}:${error.line}` : '';
      return `✗ ${file}: not healed: ${whyNotHealed(record)}${error ? ` (${error.type}: ${error.message}${where})` : ''}`;
    }
    case 'cancelled':
      return `✗ ${file}: cancelled; the file is unchanged`;
    case 'engine-error':
      return `✗ ${file}: ${record.stopReason}`;
    case 'needs-approval':
      return `✗ ${file}: ${record.stopReason} (re-run with --allow-install to allow it)`;
    case 'needs-input':
    case 'needs-arguments':
    case 'stopped-at-limit':
      return `${record.outcome === 'stopped-at-limit' ? '■' : '?'} ${file}: ${record.stopReason}; not healed: nothing in the code is at fault (${howToGive(record)})`;
  }
}

/** The flag that gives a program what it lacked. */
function howToGive(record: FileHealRecord): string {
  switch (record.lastRun.error?.kind) {
    case 'needs-input':
      return 'give it input with --stdin FILE';
    case 'needs-arguments':
      return 'give it arguments after --';
    case 'timeout':
      return 'raise the limit with --timeout SEC';
    case 'output-limit':
      return 'raise the limit with --output-limit SIZE';
    default:
      return 'raise the limit with --memory SIZE';
  }
}

/** The stop reason, and the model's failure in the editor's words when the model could not be used. */
function whyNotHealed(record: FileHealRecord): string {
  const failure = record.modelFailure && modelFailureLine(record.modelFailure);
  return failure && record.stopReason !== failure ? `${record.stopReason}; ${failure}` : record.stopReason;
}

export function progressLine(file: string, progress: HealProgress): string {
  const attempt = progress.attempt === 0 ? 'first run' : `attempt ${progress.attempt}/${progress.maxAttempts}`;
  return `${file}: ${attempt}: ${progress.step}${progress.detail ? `: ${progress.detail}` : ''}`;
}

/** 0 when every file runs clean at the end (and, with --write, is on disk so); 2 when the engine failed; 1 otherwise (needs-approval included). */
export function healExitStatus(entries: ReadonlyArray<FileHealRecord & { notWritten?: Record<string, string> }>): number {
  if (entries.some((r) => r.outcome === 'engine-error')) return 2;
  const unwritten = entries.some((r) => Object.keys(r.notWritten ?? {}).length > 0);
  return !unwritten && entries.every((r) => r.outcome === 'clean' || r.outcome === 'healed') ? 0 : 1;
}
