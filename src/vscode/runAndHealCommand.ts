// "Run & Self-Heal" and "Run Without Healing": save, run in the sandbox, diagnose, heal (rules, then
// the model), verify every fix by running it, and apply the result (preview or auto) as one
// WorkspaceEdit. A progress notification names the file, attempt and step, and Cancel stops both the
// container and the model request.
import * as path from 'path';
import * as vscode from 'vscode';
import { dependenciesOf } from '../core/dependencies';
import { classifyPythonFiles } from '../core/entryPoints';
import { collectFolderRunSet } from '../core/folderRunSet';
import { healFile, type HealOptions, type HealProgress } from '../core/heal/healFile';
import { launchFor } from '../core/launchPlan';
import type { FileHealRecord } from '../core/heal/ledger';
import { plainLaunch, type Launch } from '../core/launch';
import { mapWithLimit } from '../core/parallel';
import { collectRunSet, RunSetError, withEnvironmentFiles } from '../core/runSet';
import type { SelfHealSettings } from '../core/settingsModel';
import type { DockerSandbox } from '../sandbox/dockerSandbox';
import type { Channels } from './channels';
import type { EngineProblemNotifier } from './engineProblems';
import type { EnvironmentConsent } from './environmentConsent';
import { editorEnvironmentBuilder } from './environmentPrompt';
import { applyFileTexts, StaleDocumentError } from './fileEdits';
import { FixPreview } from './fixPreview';
import { installApprovalForRun } from './installApproval';
import type { ModelProvider } from './modelProvider';
import { RunDiagnostics, uriOf } from './runDiagnostics';
import type { RunGate } from './runGate';
import type { RunnerProvider } from './runnerProvider';
import { readSettings } from './settings';
import type { EngineStatusBar } from './statusBar';

const UNTRUSTED = 'Self-Heal runs code only in trusted workspaces. Trust this workspace to run Python files.';
const BUSY = 'Self-Heal: a run is in progress; stop it first.';
const UNSAVED = 'Self-Heal: some files could not be saved, so nothing was run.';

/** One file to run (or import-check) and heal, with the program's files around it. */
interface HealTarget {
  root: string;
  files: Record<string, string>;
  launch: Launch;
}

/** Where each run's story goes: the Fix Attempts panel. */
export interface HealRunSink {
  startRun(run: { id: string; title: string }): void;
  updateFile(runId: string, file: FileHealRecord & { root: string }): void;
  finishRun(runId: string, status: 'healed' | 'not-healed' | 'cancelled' | 'failed'): void;
  markReverted(runId: string, entry: string): void;
}

/** Applied fixes remembered for undoing; older ones can still be undone by hand (Ctrl+Z, git). */
const MAX_REMEMBERED_FIXES = 100;

export interface RunAndHealDeps {
  channels: Channels;
  runners: RunnerProvider;
  models: ModelProvider;
  diagnostics: RunDiagnostics;
  statusBar: EngineStatusBar;
  problems: EngineProblemNotifier;
  preview: FixPreview;
  sink?: HealRunSink;
  gate: RunGate;
  /** Asks before a workspace's requirements are installed. */
  consent: EnvironmentConsent;
}

/** The fixes one file of a run got, so they can be undone exactly (Revert This Fix, Revert All). */
interface AppliedFixes {
  runId: string;
  entry: string;
  root: string;
  before: Record<string, string | undefined>;
  after: Record<string, string>;
}

export interface HealOutcome {
  record: FileHealRecord;
  /** Paths written to the documents (auto mode, or preview accepted). */
  applied: string[];
  /** Why the fix was not applied, when it was not. */
  notApplied?: string;
}

export class RunAndHealCommand {
  private running: AbortController | undefined;
  private applied: AppliedFixes[] = [];
  private lastRunId: string | undefined;
  private runCount = 0;
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
  async run(target: unknown, heal: boolean): Promise<HealOutcome | undefined> {
    const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    if (!vscode.workspace.isTrusted) return this.refuse(UNTRUSTED);
    if (!uri || !uri.fsPath.endsWith('.py')) return this.refuse('Self-Heal: open a Python file (.py) to run it.');
    if (this.running) return this.refuse(BUSY);
    const root = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(uri.fsPath);
    if (!(await this.saveRunFiles(root))) return this.refuse(UNSAVED);
    let runSet;
    let files;
    try {
      runSet = await collectRunSet(uri.fsPath, { root });
      files = await withEnvironmentFiles(runSet.files, runSet.root);
    } catch (error) {
      if (error instanceof RunSetError) return this.refuse(`Self-Heal: ${error.message}`);
      throw error;
    }
    const [outcome] = await this.execute([{ root: runSet.root, files, launch: plainLaunch(runSet.entry) }], heal, `${heal ? 'Run & Self-Heal' : 'Run'}: ${runSet.entry}`);
    return outcome;
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
    if (!(await this.saveRunFiles(root))) return this.refuse(UNSAVED);
    const settings = readSettings(folder.uri);
    let targets: HealTarget[];
    try {
      targets = await workspaceTargets(root, settings.workspaceInclude, selected && selected.length > 0 ? selected : clicked ? [clicked] : undefined);
    } catch (error) {
      if (error instanceof RunSetError) return this.refuse(`Self-Heal: ${error.message}`);
      throw error;
    }
    if (targets.length === 0) return this.refuse('Self-Heal: no Python files to run here (virtual environments, site-packages, node_modules and build folders are left out).');
    return this.execute(targets, true, `Run & Self-Heal: ${targets.length} file${targets.length === 1 ? '' : 's'} in ${folder.name}`);
  }

  private async execute(targets: HealTarget[], heal: boolean, title: string): Promise<HealOutcome[]> {
    const first = uriOf(targets[0].root, targets[0].launch.target);
    const allowed = await this.deps.gate.settingsFor(first, { model: heal });
    if ('refused' in allowed) return this.refuse(allowed.refused) ?? [];
    const { settings } = allowed;
    const controller = new AbortController();
    this.running = controller;
    void vscode.commands.executeCommand('setContext', 'selfHeal.running', true);
    const runId = `run-${Date.now()}-${++this.runCount}`;
    this.deps.sink?.startRun({ id: runId, title });
    this.lastRunId = runId;
    try {
      const records = await this.heal(targets, settings, heal, controller, title);
      const outcomes: HealOutcome[] = [];
      for (const [index, record] of records.entries()) {
        const target = targets[index];
        const versions = documentVersions(target.root, Object.keys(target.files));
        const outcome = await this.conclude(record, target.root, target.files, versions, settings, runId);
        outcomes.push(outcome);
        // The panel offers Revert This Fix only for what is in the file.
        this.deps.sink?.updateFile(runId, { ...record, changedFiles: outcome.applied.length > 0 ? record.changedFiles : {}, root: target.root });
      }
      this.deps.sink?.finishRun(runId, statusOfAll(records));
      this.lastOutcome = outcomes[outcomes.length - 1];
      this.lastOutcomes = outcomes;
      return outcomes;
    } finally {
      this.running = undefined;
      void vscode.commands.executeCommand('setContext', 'selfHeal.running', false);
    }
  }

  /** Undoes the fixes the last run applied, file by file, where the file still holds them. */
  async revertLastRun(): Promise<string[]> {
    const reverted = await this.revert(this.applied.filter((a) => a.runId === this.lastRunId));
    if (reverted.length === 0) void vscode.window.showInformationMessage('Self-Heal: no fixes from the last run to revert.');
    return reverted;
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

  /** Revert This Fix (the panel): one file's fixes from one run. */
  async revertFix(args: { runId?: unknown; entry?: unknown } | undefined): Promise<string[]> {
    const matching = this.applied.filter((a) => a.runId === args?.runId && a.entry === args?.entry);
    if (matching.length === 0) {
      void vscode.window.showInformationMessage('Self-Heal: that fix is not in the file (it was not applied, was already undone, or is too old to undo).');
      return [];
    }
    return this.revert(matching);
  }

  private async revert(fixes: AppliedFixes[]): Promise<string[]> {
    const reverted: string[] = [];
    for (const fix of fixes) {
      const restore = Object.fromEntries(Object.entries(fix.before).filter(([, text]) => text !== undefined)) as Record<string, string>;
      try {
        await applyFileTexts(fix.root, restore, fix.after);
        reverted.push(...Object.keys(restore));
        this.applied = this.applied.filter((a) => a !== fix);
        this.deps.sink?.markReverted(fix.runId, fix.entry);
      } catch (error) {
        void vscode.window.showWarningMessage(`Self-Heal: not reverted: ${(error as Error).message}`);
      }
    }
    return reverted;
  }

  private async heal(targets: HealTarget[], settings: SelfHealSettings, heal: boolean, controller: AbortController, title: string): Promise<FileHealRecord[]> {
    const { channels, runners, models, statusBar } = this.deps;
    channels.startRun(`▶ ${title}  (image ${settings.image})`);
    statusBar.show({ kind: 'running', file: targets.length === 1 ? path.basename(targets[0].launch.target) : `${targets.length} files` });
    const runner = await runners.runnerFor(settings);
    const model = heal ? await models.fixerFor(settings) : undefined;
    // Requirements a fix added with the user's approval are not asked about again when built.
    const approvedInstalls = new Set<string>();
    const imageFor = settings.runner === 'docker' ? await this.environments(settings, approvedInstalls) : undefined;
    const approveInstall = installApprovalForRun(this.deps.gate.questions, approvedInstalls);
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Self-Heal: ${targets.length === 1 ? path.basename(targets[0].launch.target) : title}`, cancellable: true },
      (progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        return mapWithLimit(targets, settings.parallelRuns, (target) => {
          const { launch } = target;
          const driver = launch.entry === launch.target ? undefined : { entry: launch.entry, files: launch.generated };
          const maxAttempts = heal ? settings.fix.maxAttempts : 0;
          const options: HealOptions = {
            runner, limits: settings.limits, maxAttempts, rules: settings.fix.ruleBased, model, imageFor, signal: controller.signal, approveInstall,
            onProgress: (p) => {
              const line = `${launch.target}: ${stepText(p, model?.model)}`;
              progress.report({ message: targets.length === 1 ? stepText(p, model?.model) : line });
              channels.log.info(line);
            },
          };
          return healFile({ files: target.files, entry: launch.target, driver }, options);
        });
      },
    );
  }

  private async environments(settings: SelfHealSettings, approvedInstalls: ReadonlySet<string>): Promise<HealOptions['imageFor']> {
    const runner = await this.deps.runners.runnerFor(settings);
    // The docker runner is a DockerSandbox: the builder uses its engine, image and labels.
    const builder = await editorEnvironmentBuilder(runner as DockerSandbox, settings, (line) => this.deps.channels.log.info(line));
    return async (files, signal) => {
      const requirements = dependenciesOf(files);
      if (requirements.length === 0) return undefined;
      // A cloned repository's list is built only once the user said yes to it.
      const declared = requirements.filter((requirement) => !approvedInstalls.has(requirement));
      if (declared.length > 0) await this.deps.consent.confirm(declared);
      return builder.imageFor(requirements, { signal });
    };
  }

  /** Diagnostics, the program's story in the output channel, and the fix applied or previewed. */
  private async conclude(record: FileHealRecord, root: string, files: Record<string, string>, versions: Map<string, number>, settings: SelfHealSettings, runId: string): Promise<HealOutcome> {
    const { channels, statusBar, problems, diagnostics } = this.deps;
    const outcome: HealOutcome = { record, applied: [] };
    channels.appendProgram(`${record.lastRun.outputTail}\n${summaryOf(record)}\n`);
    if (record.outcome === 'engine-error') {
      statusBar.show({ kind: 'not-found' });
      void problems.show({ message: record.stopReason }, () => this.run(uriOf(root, record.entry), true));
      return outcome;
    }
    statusBar.show({ kind: 'found', engine: record.lastRun.engine || record.firstRun.engine });
    const fixed = record.changedFiles;
    const hasFix = Object.keys(fixed).length > 0;
    if (!hasFix) {
      diagnostics.show({ root, entry: record.entry, files, stdoutBytes: record.lastRun.stdoutBytes }, record.outcome === 'clean' ? null : record.lastRun.error, versions);
      return outcome;
    }
    const accepted = settings.fix.applyMode === 'auto' || (await this.deps.preview.confirm(root, files, fixed, summaryOf(record)));
    if (!accepted) {
      diagnostics.show({ root, entry: record.entry, files, stdoutBytes: record.firstRun.stdoutBytes }, record.firstRun.error, versions);
      return { ...outcome, notApplied: 'discarded' };
    }
    try {
      await applyFileTexts(root, fixed, files);
      this.applied = [...this.applied, { runId, entry: record.entry, root, before: Object.fromEntries(Object.keys(fixed).map((f) => [f, files[f]])), after: fixed }].slice(-MAX_REMEMBERED_FIXES);
      outcome.applied = Object.keys(fixed);
      const healedFiles = { ...files, ...fixed };
      diagnostics.show({ root, entry: record.entry, files: healedFiles, stdoutBytes: record.lastRun.stdoutBytes }, record.outcome === 'healed' ? null : record.lastRun.error, documentVersions(root, Object.keys(healedFiles)));
    } catch (error) {
      if (!(error instanceof StaleDocumentError)) throw error;
      void vscode.window.showWarningMessage(`Self-Heal: the fix was not applied: ${error.message}`);
      outcome.notApplied = error.message;
    }
    return outcome;
  }

  private async saveRunFiles(root: string): Promise<boolean> {
    const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file' && d.uri.fsPath.startsWith(root) && /\.py$|requirements\.txt$|pyproject\.toml$/.test(d.uri.fsPath));
    const saved = await Promise.all(dirty.map((d) => d.save()));
    return saved.every(Boolean);
  }

  private refuse(message: string): undefined {
    this.lastRefusal = message;
    void vscode.window.showWarningMessage(message);
    return undefined;
  }
}

function documentVersions(root: string, files: readonly string[]): Map<string, number> {
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

function statusOfAll(records: readonly FileHealRecord[]): 'healed' | 'not-healed' | 'cancelled' | 'failed' {
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

/** The workspace's (or the selection's) Python files, classified: entry points run, modules import-checked. */
async function workspaceTargets(root: string, include: string, selection: readonly vscode.Uri[] | undefined): Promise<HealTarget[]> {
  const folder = await collectFolderRunSet(root, { root });
  const files = await withEnvironmentFiles(folder.files, root);
  const included = new Set(await includedFiles(root, include));
  const chosen = folder.listed.filter((file) => included.has(file) && (!selection || selection.some((uri) => isWithin(path.join(root, file), uri.fsPath))));
  const listed = Object.fromEntries(chosen.map((file) => [file, folder.files[file]]));
  return classifyPythonFiles(listed).map(({ path: file, role }) => ({ root, files, launch: launchFor(folder.files, file, role, { importRoot: folder.importRoot }) }));
}

/** Root-relative paths matching the include glob; the folder walk already left out venvs and build output. */
async function includedFiles(root: string, include: string): Promise<string[]> {
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(root, include), undefined, 5000);
  return found.map((uri) => path.relative(root, uri.fsPath).split(path.sep).join('/'));
}

function isWithin(file: string, selected: string): boolean {
  const relative = path.relative(selected, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
