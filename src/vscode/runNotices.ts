// What a user is told when Run & Self-Heal ends, decided once for the whole run so that each fact
// is said once, however many files ran: an engine or image problem, a failed install, a model that
// could not be used (naming the endpoint and the cause), files left unhealed (what failed, and the
// next step), and fixes that changed files other than the one run (auto mode). Fix with AI tells
// a model failure the same way.
import * as vscode from 'vscode';
import { COMMANDS } from '../contract/editorPanelContract';
import { modelFailureMessage, modelFailureOfRun, notHealedMessage, otherFilesMessage, type ModelAvailability } from '../core/heal/outcomeMessages';
import type { FileHealRecord } from '../core/heal/ledger';
import type { ModelFailure } from '../core/model/modelFailure';
import type { EngineProblemNotifier } from './engineProblems';
import type { HealOutcome } from './healRunTypes';
import type { Notifications } from './notifications';
import { uriOf } from './runDiagnostics';

export interface RunNoticeDeps {
  notifications: Notifications;
  problems: EngineProblemNotifier;
  showLog: () => void;
}

export interface EndedRun {
  files: ReadonlyArray<{ root: string; outcome: HealOutcome }>;
  /** False for Run Without Healing: an unhealed file is what was asked for. */
  healing: boolean;
  model: ModelAvailability;
  /** Fixes were applied without asking (auto mode), so a change to another file is news. */
  auto: boolean;
  /** Runs the first file again (Retry on an engine problem). */
  rerun: () => Thenable<unknown>;
  /** Undoes the fixes this run applied for these entries. */
  revert: (entries: string[]) => Thenable<unknown>;
}

const openSetting = (id: string) => () => vscode.commands.executeCommand('workbench.action.openSettings', id);

export function announceRun(deps: RunNoticeDeps, run: EndedRun): void {
  const records = run.files.map((file) => file.outcome.record);
  const setup = records.find((record) => record.setupFailure)?.setupFailure;
  if (setup?.kind === 'engine' || setup?.kind === 'image') {
    void deps.problems.show({ message: setup.message, code: setup.kind === 'image' ? 'image-unavailable' : undefined }, run.rerun);
  } else if (setup) {
    const entry = records.find((record) => record.setupFailure)?.entry;
    deps.notifications.offer('warning', `Self-Heal: ${entry}: ${setup.message}`, { 'Show Log': deps.showLog });
  }
  const unhealed = records.filter((record) => record.outcome === 'not-healed');
  const failure = modelFailureOfRun(unhealed);
  if (run.healing && failure) announceModelFailure(deps.notifications, unhealed.filter((record) => record.modelFailure), failure);
  else if (run.healing && unhealed.length > 0) announceNotHealed(deps.notifications, unhealed, run.model);
  announceOtherFiles(deps.notifications, run);
}

/** The model could not be used: one notification naming the endpoint and the cause, with the ways to look into it. */
export function announceModelFailure(notifications: Notifications, unhealed: readonly FileHealRecord[], failure: ModelFailure): void {
  notifications.offer('error', `Self-Heal: ${modelFailureMessage(unhealed, failure)}`, modelFailureActions(failure));
}

/** Test Connection (unless that is what just failed), Set API Key when the key is the trouble, and the setting to change. */
export function modelFailureActions(failure: ModelFailure, offerTest = true): Record<string, () => unknown> {
  const keyActions: Record<string, () => unknown> = failure.kind === 'unauthorized' || failure.kind === 'no-key' ? { 'Set API Key': () => vscode.commands.executeCommand(COMMANDS.setApiKey) } : {};
  const setting = failure.kind === 'timeout' ? 'selfHeal.model.timeoutSeconds' : failure.kind === 'rejected' ? 'selfHeal.model' : 'selfHeal.model.baseUrl';
  const test: Record<string, () => unknown> = offerTest ? { 'Test Connection': () => vscode.commands.executeCommand(COMMANDS.testModelConnection) } : {};
  return { ...test, ...keyActions, 'Open Settings': openSetting(setting) };
}

function announceNotHealed(notifications: Notifications, unhealed: readonly FileHealRecord[], model: ModelAvailability): void {
  const actions: Record<ModelAvailability, Record<string, () => unknown>> = {
    configured: { 'Show Fix Attempts': () => vscode.commands.executeCommand('selfHeal.attempts.focus') },
    'not-set-up': { 'Set API Key': () => vscode.commands.executeCommand(COMMANDS.setApiKey), 'Open Settings': openSetting('selfHeal.model.baseUrl') },
    off: { 'Open Settings': openSetting('selfHeal.fix.ai') },
  };
  notifications.offer('warning', `Self-Heal: ${notHealedMessage(unhealed, model)}`, actions[model]);
}

/** Auto mode applied a fix to a file other than the one run: say which, with Open and Revert. */
function announceOtherFiles(notifications: Notifications, run: EndedRun): void {
  const edits = run.files
    .map(({ root, outcome }) => ({ root, entry: outcome.record.entry, files: outcome.applied.filter((file) => file !== outcome.record.entry) }))
    .filter((edit) => edit.files.length > 0);
  if (!run.auto || edits.length === 0) return;
  const first = edits[0];
  notifications.offer('info', otherFilesMessage(edits), {
    Open: () => vscode.window.showTextDocument(uriOf(first.root, first.files[0])),
    Revert: () => run.revert(edits.map((edit) => edit.entry)),
  });
}
