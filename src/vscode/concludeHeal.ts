// The end of one file's heal in the editor: the program's story in the output channel, the status
// bar, the diagnostics (remembering how the run was made, for the quick fixes), and the fix applied
// or previewed. What the user is told about the run as a whole comes after (runNotices.ts).
import * as vscode from 'vscode';
import { recipeOf, type HealTarget } from '../core/heal/healTargets';
import type { HealProgress } from '../core/heal/healFile';
import type { FileHealRecord } from '../core/heal/ledger';
import type { SelfHealSettings } from '../core/settings/settingsModel';
import type { Channels } from './channels';
import { applyFileTexts, StaleDocumentError } from './fileEdits';
import type { FixPreview } from './fixPreview';
import type { HealOutcome } from './healRunTypes';
import type { RevertLedger } from './revertLedger';
import { uriOf, type RunDiagnostics } from './runDiagnostics';
import type { EngineState, EngineStatusBar } from './statusBar';

export interface ConcludeDeps {
  channels: Channels;
  statusBar: EngineStatusBar;
  diagnostics: RunDiagnostics;
  preview: FixPreview;
  ledger: RevertLedger;
}

export interface Concluding {
  target: HealTarget;
  record: FileHealRecord;
  /** The documents' versions when the run started: a diagnostic's fix is refused once they move on. */
  versions: Map<string, number>;
  settings: SelfHealSettings;
  /** The run's id; its targets' problems share it as their batch, so one does not replace another's. */
  runId: string;
}

export async function concludeHeal(deps: ConcludeDeps, { target, record, versions, settings, runId }: Concluding): Promise<HealOutcome> {
  const { channels, statusBar, diagnostics } = deps;
  const { root, files } = target;
  const recipe = recipeOf(target.launch);
  const outcome: HealOutcome = { record, applied: [] };
  channels.appendProgram(`${record.lastRun.outputTail}\n${summaryOf(record)}\n`);
  if (record.outcome === 'engine-error') {
    statusBar.show(setupState(record));
    return outcome;
  }
  statusBar.show({ kind: 'found', engine: record.lastRun.engine || record.firstRun.engine });
  const fixed = record.changedFiles;
  if (Object.keys(fixed).length === 0) {
    diagnostics.show({ root, entry: record.entry, recipe, batch: runId, files, stdoutBytes: record.lastRun.stdoutBytes }, record.outcome === 'clean' ? null : record.lastRun.error, versions);
    return outcome;
  }
  const accepted = settings.fix.applyMode === 'auto' || (await deps.preview.confirm(root, files, fixed, summaryOf(record)));
  if (!accepted) {
    diagnostics.show({ root, entry: record.entry, recipe, batch: runId, files, stdoutBytes: record.firstRun.stdoutBytes }, record.firstRun.error, versions);
    return { ...outcome, notApplied: 'discarded' };
  }
  try {
    await applyFileTexts(root, fixed, files);
    deps.ledger.remember({ runId, entry: record.entry, root, before: Object.fromEntries(Object.keys(fixed).map((f) => [f, files[f]])), after: fixed });
    outcome.applied = Object.keys(fixed);
    const healedFiles = { ...files, ...fixed };
    diagnostics.show({ root, entry: record.entry, recipe, batch: runId, files: healedFiles, stdoutBytes: record.lastRun.stdoutBytes }, record.outcome === 'healed' ? null : record.lastRun.error, documentVersions(root, Object.keys(healedFiles)));
  } catch (error) {
    if (!(error instanceof StaleDocumentError)) throw error;
    void vscode.window.showWarningMessage(`Self-Heal: the fix was not applied: ${error.message}`);
    outcome.notApplied = error.message;
  }
  return outcome;
}

/**
 * The engine, the image and the install are three different problems: saying "no engine" when the
 * engine answered would send the user to the wrong place. A declined install is no problem at all.
 */
function setupState(record: FileHealRecord): EngineState {
  const failure = record.setupFailure ?? { kind: 'engine', message: record.stopReason };
  const engine = record.lastRun.engine || record.firstRun.engine;
  if (failure.kind === 'install-declined') return engine ? { kind: 'found', engine } : { kind: 'unknown' };
  if (failure.kind === 'install') return { kind: 'install-failed', message: failure.message };
  return failure.kind === 'image' ? { kind: 'image-missing', message: failure.message } : { kind: 'not-found', message: failure.message };
}

export function documentVersions(root: string, files: readonly string[]): Map<string, number> {
  const versions = new Map<string, number>();
  for (const file of files) {
    const uri = uriOf(root, file).toString();
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (document) versions.set(uri, document.version);
  }
  return versions;
}

export function stepText(progress: HealProgress, model: string | undefined): string {
  const attempt = progress.attempt === 0 ? 'running' : `attempt ${progress.attempt}/${progress.maxAttempts}`;
  if (progress.attempt === 0) return progress.step === 'running' ? 'running' : progress.step;
  const step = progress.step === 'asking the model' ? `asking ${model ?? 'the model'}` : progress.step === 'trying a rule fix' ? `trying ${progress.detail ?? 'a rule fix'}` : progress.step;
  return `${attempt}: ${step}`;
}

export function statusOfAll(records: readonly FileHealRecord[]): 'healed' | 'not-healed' | 'cancelled' | 'failed' {
  if (records.some((r) => r.outcome === 'cancelled')) return 'cancelled';
  if (records.some((r) => r.outcome === 'engine-error')) return 'failed';
  return records.every((r) => r.outcome === 'healed' || r.outcome === 'clean') ? 'healed' : 'not-healed';
}

function summaryOf(record: FileHealRecord): string {
  switch (record.outcome) {
    case 'clean':
      return `✓ ${record.entry} ran clean`;
    case 'healed':
      return `✓ ${record.entry}: ${record.stopReason}`;
    case 'cancelled':
      return `■ ${record.entry}: cancelled; nothing was changed`;
    default: {
      const error = record.lastRun.error;
      const what = error ? `${error.type}: ${error.message}${error.file && error.line ? ` (${error.file}:${error.line})` : ''}` : '';
      return `✗ ${record.entry}: ${[what, record.stopReason].filter(Boolean).join('; ')}`;
    }
  }
}
