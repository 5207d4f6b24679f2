// What a user is told when Run & Self-Heal ends, decided once for the whole run so that each fact
// is said once, however many files ran: an engine or image problem, a failed install, a model that
// could not be used (naming the endpoint and the cause), files left unhealed (what failed, and the
// next step) - for a run of several files, one notification counting the outcomes that says these
// last two, and a workspace run's failing tests with Heal Failing Tests - and fixes that changed
// files other than the one run (auto mode). Fix with AI tells a model failure the same way.
import * as vscode from 'vscode';
import { COMMANDS } from '../contract/editorPanelContract';
import { modelFailureMessage, modelFailureOfRun, notHealedMessage, otherFilesMessage, tallyMessage, type ModelAvailability } from '../core/heal/outcomeMessages';
import type { FileHealRecord, FileOutcome } from '../core/heal/ledger';
import type { SetupFailure } from '../core/heal/setupFailure';
import type { LaunchKind } from '../core/program/launch';
import type { ModelFailure } from '../core/model/modelFailure';
import { isLanguageModelEndpoint } from './languageModelFailure';
import type { EngineProblemNotifier } from './engineProblems';
import type { HealOutcome } from './healRunTypes';
import type { Notifications } from './notifications';
import { uriOf } from './runDiagnostics';
import { announceFailingTests, failingTestsSentence, healFailingTestsAction, type FailingTests } from './testsAfterRun';

export interface RunNoticeDeps {
  notifications: Notifications;
  problems: EngineProblemNotifier;
  showLog: () => void;
}

export interface EndedRun {
  /** `kind`: how the file was started, so a clean module is told as import-checked. */
  files: ReadonlyArray<{ root: string; outcome: HealOutcome; kind: LaunchKind }>;
  /** False for Run Without Healing: an unhealed file is what was asked for. */
  healing: boolean;
  model: ModelAvailability;
  /** Fixes were applied without asking (auto mode), so a change to another file is news. */
  auto: boolean;
  /** What ran the programs: an engine problem of the local runner is its Python's. */
  runner: 'docker' | 'local';
  /** Runs the first file again (Retry on an engine problem). */
  rerun: () => Thenable<unknown>;
  /** Undoes the fixes this run applied for these entries. */
  revert: (entries: string[]) => Thenable<unknown>;
  /** A workspace run's failing tests (its folders' suites after its programs): never told as all clean. */
  tests?: FailingTests;
}

const openSetting = (id: string) => () => vscode.commands.executeCommand('workbench.action.openSettings', id);

export function announceRun(deps: RunNoticeDeps, run: EndedRun): void {
  const records = run.files.map((file) => file.outcome.record);
  const failed = records.find((record) => record.setupFailure);
  if (failed?.setupFailure) announceSetupFailure(deps, failed.entry, failed.setupFailure, run.rerun, run.runner);
  const unhealed = records.filter((record) => record.outcome === 'not-healed');
  const failure = modelFailureOfRun(unhealed);
  if (run.files.length > 1) announceTally(deps.notifications, run, unhealed, failure);
  else if (run.healing && failure) announceModelFailure(deps.notifications, unhealed.filter((record) => record.modelFailure), failure);
  else if (run.healing && unhealed.length > 0) announceNotHealed(deps.notifications, unhealed, run.model);
  // A workspace of one program: its folder's failing tests on their own (a tally says them in its line).
  if (run.files.length === 1 && run.tests) announceFailingTests(deps.notifications, records[0].entry, run.tests);
  announceOtherFiles(deps.notifications, run);
}

/**
 * The engine or the image: the engine notification, with the setting that fixes it; the install:
 * one warning naming pip's error, with the log that holds pip's output.
 */
export function announceSetupFailure(deps: RunNoticeDeps, entry: string, setup: SetupFailure, rerun: () => Thenable<unknown>, runner?: 'docker' | 'local'): void {
  if (setup.kind === 'engine' || setup.kind === 'image') {
    void deps.problems.show({ message: setup.message, code: setup.kind === 'image' ? 'image-unavailable' : undefined }, rerun, runner);
  } else {
    deps.notifications.offer('warning', `Self-Heal: ${entry}: ${setup.message}`, { 'Show Log': deps.showLog });
  }
}

/** The model could not be used: one notification naming the endpoint and the cause, with the ways to look into it. */
export function announceModelFailure(notifications: Notifications, unhealed: readonly FileHealRecord[], failure: ModelFailure): void {
  notifications.offer('error', `Self-Heal: ${modelFailureMessage(unhealed, failure)}`, modelFailureActions(failure));
}

/** Test Connection (unless that is what just failed), Set API Key when the key is the trouble, and the setting to change. */
export function modelFailureActions(failure: ModelFailure, offerTest = true): Record<string, () => unknown> {
  // A VS Code language model takes no key and no base URL: its permission and the provider setting are what to look at.
  if (isLanguageModelEndpoint(failure.endpoint)) return { ...(offerTest ? { 'Test Connection': () => vscode.commands.executeCommand(COMMANDS.testModelConnection) } : {}), 'Open Settings': openSetting('selfHeal.model.provider') };
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

/** Outcomes that leave a problem in the Problems view to look at. */
const WITH_PROBLEMS: readonly FileOutcome[] = ['not-healed', 'needs-input', 'needs-arguments', 'stopped-at-limit', 'needs-approval'];

/**
 * A run of several files ends with one notification counting the outcomes in words ("7 files: 5
 * healed, 1 needs input, 1 not healed"), which also carries the model failure or the next step for
 * the unhealed ones. None when nothing ran: the engine or install notice has said why.
 */
function announceTally(notifications: Notifications, run: EndedRun, unhealed: readonly FileHealRecord[], failure: ModelFailure | undefined): void {
  const outcomes = run.files.map((file) => file.outcome.record.outcome);
  if (outcomes.every((outcome) => outcome === 'engine-error')) return;
  const tallied = run.files.map((file) => ({ outcome: file.outcome.record.outcome, kind: file.kind, notApplied: file.outcome.notApplied !== undefined, waiting: file.outcome.waiting === true }));
  const modelFailure = run.healing ? failure : undefined;
  const counted = tallyMessage(tallied, { count: run.healing ? unhealed.length : 0, model: run.model, failure: modelFailure });
  const message = run.tests ? `${counted} ${failingTestsSentence(run.tests)}` : counted;
  const problems: Record<string, () => unknown> = outcomes.some((outcome) => WITH_PROBLEMS.includes(outcome))
    ? { 'Show Problems': () => vscode.commands.executeCommand('workbench.actions.view.problems') }
    : {};
  const next = modelFailure ? modelFailureActions(modelFailure) : { 'Show Fix Attempts': () => vscode.commands.executeCommand('selfHeal.attempts.focus') };
  const tests = run.tests ? healFailingTestsAction(run.tests) : {};
  const anyNotApplied = run.files.some((file) => file.outcome.notApplied !== undefined);
  const severity = modelFailure ? 'error' : run.tests || anyNotApplied || outcomes.some((outcome) => ['not-healed', 'engine-error', 'needs-approval'].includes(outcome)) ? 'warning' : 'info';
  notifications.offer(severity, `Self-Heal: ${message}`, { ...tests, ...problems, ...next });
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
