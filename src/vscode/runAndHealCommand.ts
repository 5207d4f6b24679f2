// "Run & Self-Heal" (a file or the workspace), "Run Without Healing" and Retry: save, find the
// targets with each program's run configuration, and hand them to the shared heal workflow
// (healWithProgress.ts); concludeHeal.ts ends each file as its heal ends, and runNotices.ts tells
// the user what they must know of the run. A fix shown for a choice does not hold the run: the run
// ends, and the fix waits (fixDecisions.ts). A run made again from a limit's action carries its
// overrides (one limit raised, or output past the cap discarded).
import * as path from 'path';
import * as vscode from 'vscode';
import type { HealTarget, RunInput } from '../core/heal/healTargets';
import type { FileHealRecord } from '../core/heal/ledger';
import type { SelfHealSettings } from '../core/settings/settingsModel';
import { RunSetError } from '../core/program/runSet';
import { endedOrLeftBehind, LEFT_BEHIND } from '../core/run/leftBehind';
import { concludeHeal, documentVersions } from './concludeHeal';
import { fileTargetAt, saveRunFiles, workspaceTargets } from './editorTargets';
import type { EngineProblemNotifier } from './engineProblems';
import type { FixDecisions } from './fixDecisions';
import type { HealOutcome, HealRunSink } from './healRunTypes';
import { healWithProgress, type HealWithProgressDeps } from './healWithProgress';
import type { Notifications } from './notifications';
import type { RevertLedger } from './revertLedger';
import type { RunConfigurations } from './runConfigurations';
import { uriOf, type RunDiagnostics } from './runDiagnostics';
import { announceRun } from './runNotices';
import { overridesPhrase, withOverrides, type RunOverrides } from './runNeeds';
import { readSettings } from './settings';
import { announceFailingTests, failingTestsAfter, failingTestsOfWorkspace, type FailingTests } from './testsAfterRun';

export type { HealOutcome, HealRunSink } from './healRunTypes';

const UNTRUSTED = 'Self-Heal runs code only in trusted workspaces. Trust this workspace to run Python files.';
const BUSY = 'Self-Heal: a run is in progress; stop it first.';
/**
 * How long a stopped run is given to end. A step that cannot hear Stop (the workbench opening a
 * diff, a language model lookup) is left behind after it, so it can never hold every later run.
 */
const STOP_GRACE_MS = 5_000;

interface RunInProgress {
  targets: HealTarget[];
  heal: boolean;
  title: string;
  scope: 'file' | 'workspace';
  settings: SelfHealSettings;
  overrides?: RunOverrides;
  outputOverflow: SelfHealSettings['outputOverflow'];
  controller: AbortController;
  runId: string;
  found: { inputs: ReadonlyMap<HealTarget, RunInput>; described: readonly string[] };
  outcomes: HealOutcome[];
  /** Set when the stopped run was left behind: whatever it does later is told to no one. */
  leftBehind?: boolean;
}

const UNSAVED = 'Self-Heal: some files could not be saved, so nothing was run.';
const NO_FILES = 'Self-Heal: no Python files to run here (virtual environments, site-packages, node_modules and build folders are left out).';

export interface RunAndHealDeps extends HealWithProgressDeps {
  diagnostics: RunDiagnostics;
  problems: EngineProblemNotifier;
  /** Applies fixes, or shows them for a choice. */
  decisions: FixDecisions;
  /** The applied fixes, for Revert. */
  ledger: RevertLedger;
  sink?: HealRunSink;
  notifications: Notifications;
  configs: RunConfigurations;
}

export class RunAndHealCommand {
  private running: AbortController | undefined;
  private lastRunId: string | undefined;
  private runCount = 0;
  /** The step the run is in, named in the log when a stopped run is left behind (and for the tests). */
  step = '';
  lastOutcome: HealOutcome | undefined;
  lastOutcomes: HealOutcome[] = [];
  lastRefusal: string | undefined;

  constructor(private readonly deps: RunAndHealDeps) {}

  get busy(): boolean {
    return this.running !== undefined;
  }

  stop(): void {
    this.running?.abort();
  }

  /** Runs and heals the file (explorer selection, else the active editor). */
  async run(target: unknown, heal: boolean, overrides?: RunOverrides): Promise<HealOutcome | undefined> {
    const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    if (!vscode.workspace.isTrusted) return this.refuse(UNTRUSTED);
    // A diff's side (a fix's preview, the panel's diffs) is not a file that can be run.
    if (!uri || uri.scheme !== 'file' || !uri.fsPath.endsWith('.py')) return this.refuse('Self-Heal: open a Python file (.py) to run it.');
    if (this.running) return this.refuse(BUSY);
    const root = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(uri.fsPath);
    if (!(await saveRunFiles(root))) return this.refuse(UNSAVED);
    const found = await this.targets(() => fileTargetAt(uri.fsPath, root));
    return found && (await this.execute(found, heal, `${heal ? 'Run & Self-Heal' : 'Run'}: ${found[0].launch.target}`, overrides))[0];
  }

  /**
   * Run & Self-Heal: Workspace: the selected files and folders, or every Python file matching
   * selfHeal.workspace.include. Entry points are run; other modules are import-checked.
   */
  async runWorkspace(clicked?: vscode.Uri, selected?: readonly vscode.Uri[]): Promise<HealOutcome[] | undefined> {
    if (!vscode.workspace.isTrusted) return this.refuse(UNTRUSTED);
    if (this.running) return this.refuse(BUSY);
    const folder = (clicked && vscode.workspace.getWorkspaceFolder(clicked)) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) return this.refuse('Self-Heal: open a folder to run its Python files.');
    const root = folder.uri.fsPath;
    if (!(await saveRunFiles(root))) return this.refuse(UNSAVED);
    const selection = selected && selected.length > 0 ? selected : clicked ? [clicked] : undefined;
    const targets = await this.targets(() => workspaceTargets(root, readSettings(folder.uri).workspaceInclude, selection));
    if (!targets) return undefined;
    if (targets.length === 0) return this.refuse(NO_FILES);
    return this.execute(targets, true, `Run & Self-Heal: ${targets.length} file${targets.length === 1 ? '' : 's'} in ${folder.name}`, undefined, 'workspace');
  }

  /** Retry (the panel): heals the file again; `entry` is relative to a workspace folder. */
  async retry(args: { entry?: unknown } | undefined): Promise<HealOutcome | undefined> {
    const entry = typeof args?.entry === 'string' ? args.entry : undefined;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = entry ? uriOf(folder.uri.fsPath, entry) : undefined;
      if (uri && (await vscode.workspace.fs.stat(uri).then(() => true, () => false))) return this.run(uri, true);
    }
    return this.refuse(`Self-Heal: ${entry ?? 'that file'} is not in this workspace any more.`);
  }

  /** Undoes the fixes the last run applied, file by file, where the file still holds them. */
  revertLastRun(): Promise<string[]> {
    return this.deps.ledger.revertRun(this.lastRunId);
  }

  /** Revert This Fix (the panel): one file's fixes from one run. */
  revertFix(args: { runId?: unknown; entry?: unknown } | undefined): Promise<string[]> {
    return this.deps.ledger.revertFile(args?.runId, args?.entry);
  }

  private async targets(find: () => Promise<HealTarget[] | HealTarget>): Promise<HealTarget[] | undefined> {
    try {
      const found = await find();
      return Array.isArray(found) ? found : [found];
    } catch (error) {
      if (error instanceof RunSetError) return this.refuse(`Self-Heal: ${error.message}`);
      throw error;
    }
  }

  /** `workspace`: the folders' suites run once after the programs (one file's run checks the tests that import it). */
  private async execute(targets: HealTarget[], heal: boolean, title: string, overrides?: RunOverrides, scope: 'file' | 'workspace' = 'file'): Promise<HealOutcome[]> {
    const allowed = await this.deps.gate.settingsFor(uriOf(targets[0].root, targets[0].launch.target), { model: heal });
    if ('refused' in allowed) return this.refuse(allowed.refused) ?? [];
    const found = await this.deps.configs.inputsFor(targets);
    if ('refused' in found) return this.refuse(found.refused) ?? [];
    const settings = { ...allowed.settings, limits: withOverrides(allowed.settings.limits, overrides) };
    const outputOverflow = overrides?.outputOverflow ?? settings.outputOverflow;
    const controller = new AbortController();
    this.running = controller;
    void vscode.commands.executeCommand('setContext', 'selfHeal.running', true);
    const runId = `run-${Date.now()}-${++this.runCount}`;
    // Fixes still waiting for these files were made from texts this run may change.
    await this.deps.decisions.supersede(targets[0].root, targets.map((t) => t.launch.target));
    this.deps.sink?.startRun({ id: runId, title, entries: targets.map((t) => t.launch.target) });
    this.lastRunId = runId;
    const outcomes: HealOutcome[] = [];
    const run: RunInProgress = { targets, heal, title, scope, settings, overrides, outputOverflow, controller, runId, found, outcomes };
    const body = this.runBody(run);
    try {
      const ended = await endedOrLeftBehind(body, controller.signal, STOP_GRACE_MS);
      if (ended === LEFT_BEHIND) {
        run.leftBehind = true;
        this.deps.channels.log.warn(`the stopped run did not end within ${STOP_GRACE_MS / 1000} s (${this.step}); it was left behind so that new runs can start`);
        this.deps.sink?.endHealing(runId, 'cancelled');
        return outcomes;
      }
      return ended;
    } catch (error) {
      this.deps.sink?.endHealing(runId, controller.signal.aborted ? 'cancelled' : 'failed');
      throw error;
    } finally {
      if (this.running === controller) {
        this.running = undefined;
        void vscode.commands.executeCommand('setContext', 'selfHeal.running', false);
      }
    }
  }

  /** The run itself: the programs, each file's ending as it comes, the workspace's tests, and what is told. */
  private async runBody(run: RunInProgress): Promise<HealOutcome[]> {
    const { targets, heal, title, scope, settings, overrides, outputOverflow, controller, runId, found, outcomes } = run;
    this.deps.channels.startRun(`▶ ${title}  (image ${settings.image}${overridesPhrase(settings.limits, overrides, outputOverflow)})`);
    found.described.forEach((line) => this.deps.channels.log.info(line));
    const mode = heal ? ('heal' as const) : ('check' as const);
    let tests: FailingTests | undefined;
    this.step = 'running the programs';
    await healWithProgress(this.deps, {
      targets, settings, heal, controller, title, inputs: found.inputs, outputOverflow,
      onRecord: async (target, record) => {
        this.step = `ending ${record.entry}: its tests, its problems and its fix`;
        const versions = documentVersions(target.root, Object.keys(target.files));
        const how = { mode, input: found.inputs.get(target), notify: targets.length === 1 };
        const tests = heal && scope === 'file' && targets.length === 1 ? await this.failingTests(target, record, settings, controller.signal) : undefined;
        outcomes[targets.indexOf(target)] = await concludeHeal(this.deps, { target, record, versions, settings, runId, how, testsNote: tests?.words });
        if (tests) announceFailingTests(this.deps.notifications, record.entry, tests);
      },
      afterward: scope === 'workspace' ? async (report) => void ((this.step = "running the workspace's tests"), (tests = await this.workspaceTests(targets, outcomes, settings, controller.signal, report))) : undefined,
    });
    if (run.leftBehind) return outcomes;
    this.step = 'telling how the run ended';
    if (tests) this.deps.sink?.noteRun?.(runId, tests.words);
    this.deps.sink?.endHealing(runId);
    announceRun({ ...this.deps, showLog: () => this.deps.channels.log.show() }, {
      files: outcomes.map((outcome, index) => ({ root: targets[index].root, outcome, kind: targets[index].launch.kind })), healing: heal, auto: settings.fix.applyMode === 'auto', runner: settings.runner,
      model: await this.deps.models.availability(settings), rerun: () => this.run(uriOf(targets[0].root, targets[0].launch.target), true),
      revert: (entries) => this.deps.ledger.revertRun(runId, entries), tests,
    });
    this.lastOutcome = outcomes[outcomes.length - 1];
    this.lastOutcomes = outcomes;
    return outcomes;
  }

  /** The tests that import a clean or healed file and fail; a failure to run them is logged, never the run's. */
  private async failingTests(target: HealTarget, record: FileHealRecord, settings: SelfHealSettings, signal: AbortSignal): Promise<FailingTests | undefined> {
    try {
      return await failingTestsAfter(target, record, { runner: await this.deps.runners.runnerFor(settings), settings, signal });
    } catch (error) {
      this.deps.channels.log.warn(`the tests that import ${record.entry} could not be run: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** The workspace's failing tests after its programs; a failure to run them is logged, never the run's. */
  private async workspaceTests(targets: HealTarget[], outcomes: HealOutcome[], settings: SelfHealSettings, signal: AbortSignal, report: (message: string) => void): Promise<FailingTests | undefined> {
    try {
      const ran = targets.map((target, index) => ({ target, record: outcomes[index]?.record })).filter((one): one is { target: HealTarget; record: FileHealRecord } => one.record !== undefined);
      const environment = await this.deps.environments.testEnvironmentFor(settings);
      return await failingTestsOfWorkspace(ran, { runner: await this.deps.runners.runnerFor(settings), settings, signal, environment, log: (line) => this.deps.channels.log.info(line), onSuite: () => report('running the tests') });
    } catch (error) {
      this.deps.channels.log.warn(`the workspace's tests could not be run: ${(error as Error).message}`);
      return undefined;
    }
  }

  private refuse(message: string): undefined {
    this.lastRefusal = message;
    void vscode.window.showWarningMessage(message);
    return undefined;
  }
}
