// The end of one file's heal in the editor: the program's story in the output channel, the status
// bar, the diagnostics (remembering how the run was made, for the quick fixes), the fix applied
// or previewed, and what a program that needs input or arguments, or hit a limit, is offered. What
// the user is told about the run as a whole comes after (runNotices.ts).
import * as vscode from 'vscode';
import type { HealRunEnding } from '../contract/editorPanelContract';
import { problemText, type ExpectedOutcome } from '../core/errors/expectedExits';
import { recipeOf, type HealTarget, type RunInput } from '../core/heal/healTargets';
import type { HealProgress } from '../core/heal/healFile';
import type { FileHealRecord } from '../core/heal/ledger';
import { CLEAN_RUN_WORDS, type LaunchKind } from '../core/program/launch';
import type { SelfHealSettings } from '../core/settings/settingsModel';
import type { Channels } from './channels';
import { applyFileTexts, StaleDocumentError } from './fileEdits';
import type { FixPreview } from './fixPreview';
import type { HealOutcome } from './healRunTypes';
import type { RevertLedger } from './revertLedger';
import { uriOf, type RunDiagnostics } from './runDiagnostics';
import type { Notifications } from './notifications';
import { reportNeed, type RunMode } from './runNeeds';
import type { EngineState, EngineStatusBar } from './statusBar';

export interface ConcludeDeps {
  channels: Channels;
  statusBar: EngineStatusBar;
  diagnostics: RunDiagnostics;
  preview: FixPreview;
  ledger: RevertLedger;
  notifications: Notifications;
}

export interface Concluding {
  target: HealTarget;
  record: FileHealRecord;
  /** The documents' versions when the run started: a diagnostic's fix is refused once they move on. */
  versions: Map<string, number>;
  settings: SelfHealSettings;
  /** The run's id; its targets' problems share it as their batch, so one does not replace another's. */
  runId: string;
  /** How the run was made (to make it again), what the program was given, and whether to notify (one file) or not (a workspace). */
  how: { mode: RunMode; input?: RunInput; notify: boolean };
}

export async function concludeHeal(deps: ConcludeDeps, { target, record, versions, settings, runId, how }: Concluding): Promise<HealOutcome> {
  const { channels, statusBar, diagnostics } = deps;
  const { root, files } = target;
  const recipe = recipeOf(target.launch, how.input);
  const made = { mode: how.mode, limits: settings.limits };
  const outcome: HealOutcome = { record, applied: [] };
  channels.appendProgram(`${record.lastRun.outputTail}\n${summaryOf(record, target.launch.kind)}\n`);
  if (record.outcome === 'engine-error') {
    statusBar.show(setupState(record));
    return outcome;
  }
  statusBar.show({ kind: 'found', engine: record.lastRun.engine || record.firstRun.engine });
  reportNeed(deps, record.entry, record.lastRun.error, { ...made, entry: uriOf(root, record.entry), notify: how.notify });
  const fixed = record.changedFiles;
  if (Object.keys(fixed).length === 0) {
    diagnostics.show({ root, entry: record.entry, recipe, made, batch: runId, files, stdoutBytes: record.lastRun.stdoutBytes }, record.outcome === 'clean' ? null : record.lastRun.error, versions);
    return outcome;
  }
  const accepted = settings.fix.applyMode === 'auto' || (await deps.preview.confirm(root, files, fixed, summaryOf(record, target.launch.kind)));
  if (!accepted) {
    diagnostics.show({ root, entry: record.entry, recipe, made, batch: runId, files, stdoutBytes: record.firstRun.stdoutBytes }, record.firstRun.error, versions);
    return { ...outcome, notApplied: 'discarded' };
  }
  try {
    await applyFileTexts(root, fixed, files);
    deps.ledger.remember({ runId, entry: record.entry, root, before: Object.fromEntries(Object.keys(fixed).map((f) => [f, files[f]])), after: fixed });
    outcome.applied = Object.keys(fixed);
    const healedFiles = { ...files, ...fixed };
    diagnostics.show({ root, entry: record.entry, recipe, made, batch: runId, files: healedFiles, stdoutBytes: record.lastRun.stdoutBytes }, record.outcome === 'healed' ? null : record.lastRun.error, documentVersions(root, Object.keys(healedFiles)));
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

/** A run whose only open files need input or arguments, or hit a limit, ends as the first such need. */
export function statusOfAll(records: readonly FileHealRecord[]): HealRunEnding {
  if (records.some((r) => r.outcome === 'cancelled')) return 'cancelled';
  if (records.some((r) => r.outcome === 'engine-error')) return 'failed';
  const open = records.map((r) => r.outcome).filter((outcome) => outcome !== 'healed' && outcome !== 'clean');
  if (open.length === 0) return 'healed';
  const needs = open.filter((outcome): outcome is ExpectedOutcome => outcome === 'needs-input' || outcome === 'needs-arguments' || outcome === 'stopped-at-limit');
  return needs.length === open.length ? needs[0] : 'not-healed';
}

function summaryOf(record: FileHealRecord, kind: LaunchKind): string {
  switch (record.outcome) {
    case 'clean':
      return `✓ ${record.entry} ${CLEAN_RUN_WORDS[kind]}`;
    case 'healed':
      return `✓ ${record.entry}: ${record.stopReason}`;
    case 'cancelled':
      return `■ ${record.entry}: cancelled; nothing was changed`;
    case 'needs-input':
    case 'needs-arguments':
    case 'stopped-at-limit':
      return `${record.outcome === 'stopped-at-limit' ? '■' : '?'} ${record.entry}: ${record.stopReason}; not healed: nothing in the code is at fault`;
    default: {
      const error = record.lastRun.error;
      const what = error ? `${problemText(error)}${error.file && error.line ? ` (${error.file}:${error.line})` : ''}` : '';
      return `✗ ${record.entry}: ${[what, record.stopReason].filter(Boolean).join('; ')}`;
    }
  }
}
