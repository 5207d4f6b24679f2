// "Self-Heal: Run Python File in Sandbox": saves the file, runs it through the runner with its run
// configuration and live output, progress with Cancel, and reports engine problems with actions and
// a program that needs input or arguments, or hit a limit, with what answers it.
import * as path from 'path';
import * as vscode from 'vscode';
import { errorsOfRun } from '../core/errors/runErrors';
import { problemText } from '../core/errors/expectedExits';
import type { RunInput } from '../core/heal/healTargets';
import { formatSize } from '../core/run/limits';
import { discardedPhrase, endingPhrase, limitOf, succeeded } from '../core/run/runEnding';
import { collectRunSet, RunSetError } from '../core/program/runSet';
import type { RunResult } from '../core/run/runTypes';
import type { SelfHealSettings } from '../core/settings/settingsModel';
import type { Channels } from './channels';
import type { EngineProblemNotifier } from './engineProblems';
import type { RunConfigurations } from './runConfigurations';
import type { RunnerProvider } from './runnerProvider';
import type { RunGate } from './runGate';
import { LIMIT_SETTINGS, overridesPhrase, reportNeed, withOverrides, type RunOverrides } from './runNeeds';
import type { Notifications } from './notifications';
import type { EngineStatusBar } from './statusBar';

export interface RunFileDeps {
  channels: Channels;
  runners: RunnerProvider;
  statusBar: EngineStatusBar;
  problems: EngineProblemNotifier;
  gate: RunGate;
  configs: RunConfigurations;
  notifications: Notifications;
}

export class RunFileCommand {
  private running: AbortController | undefined;
  lastResult: RunResult | undefined;
  lastRefusal: string | undefined;
  /** The log line of the last run, for the integration tests. */
  lastLogLine: string | undefined;

  constructor(private readonly deps: RunFileDeps) {}

  /** Runs the file (the explorer's selection, else the active editor's) and returns the result. */
  async run(target?: vscode.Uri, overrides?: RunOverrides): Promise<RunResult | undefined> {
    const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    if (!vscode.workspace.isTrusted) return this.refuse('Self-Heal runs code only in trusted workspaces. Trust this workspace to run Python files.', 'Manage Workspace Trust', 'workbench.trust.manage');
    if (!uri || !uri.fsPath.endsWith('.py')) return this.refuse('Self-Heal: open a Python file (.py) to run it.');
    if (this.running) return this.refuse('Self-Heal: a run is in progress; stop it first.');
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (document?.isDirty && !(await document.save())) return this.refuse(`Self-Heal: ${path.basename(uri.fsPath)} could not be saved, so it was not run.`);
    const allowed = await this.deps.gate.settingsFor(uri, { model: false });
    if ('refused' in allowed) return this.refuse(allowed.refused);
    const settings = { ...allowed.settings, limits: withOverrides(allowed.settings.limits, overrides), outputOverflow: overrides?.outputOverflow ?? allowed.settings.outputOverflow };
    settings.problems.forEach((problem) => this.deps.channels.log.warn(problem));
    const root = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
    let runSet;
    try {
      runSet = await collectRunSet(uri.fsPath, { root });
    } catch (error) {
      if (error instanceof RunSetError) return this.refuse(`Self-Heal: ${error.message}`);
      throw error;
    }
    const found = await this.deps.configs.inputFor(runSet.root, runSet.entry);
    if ('refused' in found) return this.refuse(found.refused);
    const result = await this.execute(runSet, settings, uri, found.input, overrides);
    this.lastResult = result;
    await this.report(result, settings, uri, { files: runSet.files, entry: runSet.entry, stdinGiven: found.input.stdin !== undefined });
    return result;
  }

  stop(): void {
    this.running?.abort();
  }

  private async execute(runSet: Awaited<ReturnType<typeof collectRunSet>>, settings: SelfHealSettings, uri: vscode.Uri, input: RunInput, overrides?: RunOverrides): Promise<RunResult> {
    const name = path.basename(uri.fsPath);
    const { channels, runners, statusBar } = this.deps;
    const changed = overridesPhrase(settings.limits, overrides, settings.outputOverflow);
    channels.startRun(`▶ ${runSet.entry}  (${settings.runner === 'local' ? 'unsandboxed: a plain local process with your permissions' : `image ${settings.image}`}${changed})`);
    statusBar.show({ kind: 'running', file: name });
    const controller = new AbortController();
    this.running = controller;
    const runner = await runners.runnerFor(settings);
    void vscode.commands.executeCommand('setContext', 'selfHeal.running', true);
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Self-Heal: running ${name}`, cancellable: true },
        (_progress, token) => {
          token.onCancellationRequested(() => controller.abort());
          return runner.run({
            files: runSet.files,
            entry: runSet.entry,
            ...input,
            limits: settings.limits,
            outputOverflow: settings.outputOverflow,
            signal: controller.signal,
            onOutput: (stream, chunk) => channels.appendOutput(stream, chunk),
          });
        },
      );
    } finally {
      this.running = undefined;
      void vscode.commands.executeCommand('setContext', 'selfHeal.running', false);
    }
  }

  private async report(result: RunResult, settings: SelfHealSettings, uri: vscode.Uri, run: Parameters<typeof errorsOfRun>[1]): Promise<void> {
    const { channels, statusBar, problems } = this.deps;
    const limits = settings.limits;
    this.lastLogLine =
      `ran ${vscode.workspace.asRelativePath(uri)}: ${result.engine.engine}${result.engine.sandboxed ? '' : ' (unsandboxed)'}, ` +
      `image ${result.engine.image ?? '-'}, limits ${limits.timeoutMs / 1000}s ${formatSize(limits.memoryBytes)} ${limits.cpus}cpu ` +
      `${limits.processes}proc net=${limits.network}; ${result.reason}, exit ${result.exitCode ?? '-'}, ${result.durationMs} ms`;
    channels.log.info(this.lastLogLine);
    if (result.reason === 'engine-error' && result.engineError) {
      if (result.engine.runner === 'docker') statusBar.showEngineError(result.engineError);
      channels.appendProgram(`\n✗ ${result.engineError.message}\n`);
      void problems.show(result.engineError, () => this.run(uri));
      return;
    }
    statusBar.show({ kind: 'found', engine: result.engine.engine });
    const errors = errorsOfRun(result, run, settings.limits);
    const ending = errors[errors.length - 1] ?? null;
    const entry = vscode.workspace.asRelativePath(uri);
    if (reportNeed(this.deps, entry, ending, { entry: uri, mode: 'run', limits: settings.limits, notify: true })) {
      channels.appendProgram(`\n${limitOf(result.reason) ? '■' : '?'} ${problemText(ending!)}${settingFor(result)}\n`);
      return;
    }
    channels.appendProgram(`\n${summaryOf(result, settings)}\n`);
  }

  private refuse(message: string, action?: string, command?: string): undefined {
    this.lastRefusal = message;
    void vscode.window.showWarningMessage(message, ...(action ? [action] : [])).then((choice) => {
      if (choice && command) void vscode.commands.executeCommand(command);
    });
    return undefined;
  }
}

/** Where the limit a run hit is raised. */
function settingFor(result: RunResult): string {
  const limit = limitOf(result.reason);
  return limit ? `; raise it with ${LIMIT_SETTINGS[limit]}` : '';
}

function summaryOf(result: RunResult, settings: SelfHealSettings): string {
  const mark = result.reason === 'cancelled' ? '■' : succeeded(result) ? '✓' : '✗';
  const discarded = discardedPhrase(result, settings.limits);
  return `${mark} ${endingPhrase(result, settings.limits)}${discarded ? `; ${discarded}` : ''}${settingFor(result)}`;
}
