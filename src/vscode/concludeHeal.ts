// The end of one file's heal in the editor: the program's section in the output channel (written
// whole as its heal ends, so parallel programs never interleave; core/heal/outputSection.ts), the status
// bar, the diagnostics (remembering how the run was made, for the quick fixes), the file's state in
// the Fix Attempts panel, the fix applied or shown for a choice (fixDecisions.ts), and what a
// program that needs input or arguments, or hit a limit, is offered. What the user is told about
// the run as a whole comes after (runNotices.ts).
import * as vscode from 'vscode';
import { problemText } from '../core/errors/expectedExits';
import { hasFile } from '../core/files/fileTexts';
import { endingOf, type FixState } from '../core/heal/fixLifecycle';
import { recipeOf, type HealTarget, type RunInput } from '../core/heal/healTargets';
import type { FileHealRecord } from '../core/heal/ledger';
import { sectionText } from '../core/heal/outputSection';
import { outcomeWords } from '../core/heal/runTally';
import { CLEAN_RUN_WORDS, type LaunchKind } from '../core/program/launch';
import type { SelfHealSettings } from '../core/settings/settingsModel';
import type { Channels } from './channels';
import type { FixDecisions } from './fixDecisions';
import type { HealOutcome, HealRunSink } from './healRunTypes';
import { uriOf, type RunDiagnostics } from './runDiagnostics';
import type { Notifications } from './notifications';
import { reportNeed, type RunMode } from './runNeeds';
import type { EngineStatusBar } from './statusBar';
import { setupFailureState } from './statusView';

export interface ConcludeDeps {
  channels: Channels;
  statusBar: EngineStatusBar;
  diagnostics: RunDiagnostics;
  decisions: FixDecisions;
  sink?: HealRunSink;
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
  /** How its outcome is said with the tests that import it failing ("ran clean; 1 test fails"), when they do. */
  testsNote?: string;
}

export async function concludeHeal(deps: ConcludeDeps, concluding: Concluding): Promise<HealOutcome> {
  const { target, record, settings, runId, how } = concluding;
  const fixFound = Object.keys(record.changedFiles).length > 0 && record.outcome !== 'engine-error';
  const state = endingOf(record, fixFound, settings.fix.applyMode === 'auto' ? 'auto' : 'preview');
  const report = (reported: FixState, note = concluding.testsNote) => deps.sink?.reportFile(runId, { ...record, root: target.root, launchKind: target.launch.kind }, reported, note);
  if (!showEnding(deps, concluding) || !fixFound) {
    report(state);
    return { record, applied: [] };
  }
  const { root, files } = target;
  const recipe = recipeOf(target.launch, how.input);
  const made = { mode: how.mode, limits: settings.limits };
  const healedFiles = { ...files, ...record.changedFiles };
  const fix = {
    runId, root, record, files,
    afterApply: () => deps.diagnostics.show({ root, entry: record.entry, recipe, made, batch: runId, files: healedFiles, stdoutBytes: record.lastRun.stdoutBytes }, record.outcome === 'healed' ? null : record.lastRun.error, documentVersions(root, Object.keys(healedFiles))),
  };
  // Until a choice is made, the files hold what was run: its problem stays where it is.
  deps.diagnostics.show({ root, entry: record.entry, recipe, made, batch: runId, files, stdoutBytes: record.firstRun.stdoutBytes }, record.firstRun.error, concluding.versions);
  if (state === 'waiting') {
    report(state);
    await deps.decisions.offer(fix, summaryOf(record, target.launch.kind), Object.keys(record.changedFiles).sort());
    return { record, applied: [], waiting: true };
  }
  const decision = await deps.decisions.applyNow(fix);
  if ('notApplied' in decision) {
    report('failed', `not applied: ${decision.notApplied}`);
    return { record, applied: [], notApplied: decision.notApplied };
  }
  report(state);
  return { record, applied: decision.applied };
}

/**
 * Output, status bar, a need's offer, and the problems of a run that changes nothing; false when the
 * engine, the image or the install failed (runNotices.ts says so once for the whole run).
 */
function showEnding(deps: ConcludeDeps, { target, record, versions, settings, runId, how }: Concluding): boolean {
  const { channels, statusBar, diagnostics } = deps;
  const { root, files } = target;
  const disk = { root, isRunFile: (file: string) => hasFile(files, file) };
  const outcome = outcomeWords({ outcome: record.outcome, kind: target.launch.kind });
  channels.appendProgram(`\n${sectionText({ record, outcome, summary: summaryOf(record, target.launch.kind), disk })}\n`);
  if (record.outcome === 'engine-error') {
    statusBar.show(setupFailureState(record.setupFailure ?? { kind: 'engine', message: record.stopReason }, record.lastRun.engine || record.firstRun.engine, settings.runner));
    return false;
  }
  statusBar.show({ kind: 'found', engine: record.lastRun.engine || record.firstRun.engine });
  const made = { mode: how.mode, limits: settings.limits };
  reportNeed(deps, record.entry, record.lastRun.error, { ...made, entry: uriOf(root, record.entry), notify: how.notify });
  if (Object.keys(record.changedFiles).length === 0) {
    const recipe = recipeOf(target.launch, how.input);
    diagnostics.show({ root, entry: record.entry, recipe, made, batch: runId, files, stdoutBytes: record.lastRun.stdoutBytes }, record.outcome === 'clean' ? null : record.lastRun.error, versions);
  }
  return true;
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
