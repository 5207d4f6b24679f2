// "Self-Heal: Run Python File in Sandbox": saves the file, runs it through the runner with live
// output, progress with Cancel, and reports engine problems with actions.
import * as path from 'path';
import * as vscode from 'vscode';
import { formatSize } from '../core/run/limits';
import { endingPhrase, succeeded } from '../core/run/runEnding';
import { collectRunSet, RunSetError } from '../core/program/runSet';
import type { RunResult } from '../core/run/runTypes';
import type { SelfHealSettings } from '../core/settings/settingsModel';
import type { Channels } from './channels';
import type { EngineProblemNotifier } from './engineProblems';
import type { RunnerProvider } from './runnerProvider';
import type { RunGate } from './runGate';
import type { EngineStatusBar } from './statusBar';

export interface RunFileDeps {
  channels: Channels;
  runners: RunnerProvider;
  statusBar: EngineStatusBar;
  problems: EngineProblemNotifier;
  gate: RunGate;
}

export class RunFileCommand {
  private running: AbortController | undefined;
  lastResult: RunResult | undefined;
  lastRefusal: string | undefined;
  /** The log line of the last run, for the integration tests. */
  lastLogLine: string | undefined;

  constructor(private readonly deps: RunFileDeps) {}

  /** Runs the file (the explorer's selection, else the active editor's) and returns the result. */
  async run(target?: vscode.Uri): Promise<RunResult | undefined> {
    const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    if (!vscode.workspace.isTrusted) return this.refuse('Self-Heal runs code only in trusted workspaces. Trust this workspace to run Python files.', 'Manage Workspace Trust', 'workbench.trust.manage');
    if (!uri || !uri.fsPath.endsWith('.py')) return this.refuse('Self-Heal: open a Python file (.py) to run it.');
    if (this.running) return this.refuse('Self-Heal: a run is in progress; stop it first.');
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (document?.isDirty && !(await document.save())) return this.refuse(`Self-Heal: ${path.basename(uri.fsPath)} could not be saved, so it was not run.`);
    const allowed = await this.deps.gate.settingsFor(uri, { model: false });
    if ('refused' in allowed) return this.refuse(allowed.refused);
    const { settings } = allowed;
    settings.problems.forEach((problem) => this.deps.channels.log.warn(problem));
    const root = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
    let runSet;
    try {
      runSet = await collectRunSet(uri.fsPath, { root });
    } catch (error) {
      if (error instanceof RunSetError) return this.refuse(`Self-Heal: ${error.message}`);
      throw error;
    }
    const result = await this.execute(runSet, settings, uri);
    this.lastResult = result;
    await this.report(result, settings, uri);
    return result;
  }

  stop(): void {
    this.running?.abort();
  }

  private async execute(runSet: Awaited<ReturnType<typeof collectRunSet>>, settings: SelfHealSettings, uri: vscode.Uri): Promise<RunResult> {
    const name = path.basename(uri.fsPath);
    const { channels, runners, statusBar } = this.deps;
    channels.startRun(`▶ ${runSet.entry}  (${settings.runner === 'local' ? 'unsandboxed: a plain local process with your permissions' : `image ${settings.image}`})`);
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
            limits: settings.limits,
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

  private async report(result: RunResult, settings: SelfHealSettings, uri: vscode.Uri): Promise<void> {
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

/** The setting that raises the limit a run hit, named after the ending phrase. */
const LIMIT_SETTINGS: Partial<Record<RunResult['reason'], string>> = {
  timeout: 'selfHeal.timeoutSeconds',
  oom: 'selfHeal.memory',
  'output-limit': 'selfHeal.outputLimit',
};

function summaryOf(result: RunResult, settings: SelfHealSettings): string {
  const mark = result.reason === 'cancelled' ? '■' : succeeded(result) ? '✓' : '✗';
  const setting = LIMIT_SETTINGS[result.reason];
  return `${mark} ${endingPhrase(result, settings.limits)}${setting ? ` (${setting})` : ''}`;
}
