// "Self-Heal: Run Python File in Sandbox": saves the file, runs it through the runner with its run
// configuration and live output, in the environment image of the workspace's requirements (the
// same one Run & Self-Heal uses, installed as a step of the run's progress), progress with Cancel.
// runFileReport.ts says how it ended.
import * as path from 'path';
import * as vscode from 'vscode';
import { hasFile } from '../core/files/fileTexts';
import type { HealTarget, RunInput } from '../core/heal/healTargets';
import { pythonFilesOf } from '../core/heal/healRun';
import { setupFailureOfInstall, type SetupFailure } from '../core/heal/setupFailure';
import { RunSetError } from '../core/program/runSet';
import { SANDBOX_WORK_DIR, type RunResult } from '../core/run/runTypes';
import type { SelfHealSettings } from '../core/settings/settingsModel';
import type { EditorEnvironments } from './editorEnvironments';
import { fileTargetAt } from './editorTargets';
import type { RunConfigurations } from './runConfigurations';
import { reportNotStarted, reportRunResult, type RunFileReportDeps } from './runFileReport';
import type { RunnerProvider } from './runnerProvider';
import type { RunGate } from './runGate';
import { overridesPhrase, withOverrides, type RunOverrides } from './runNeeds';

export interface RunFileDeps extends RunFileReportDeps {
  runners: RunnerProvider;
  gate: RunGate;
  configs: RunConfigurations;
  environments: EditorEnvironments;
}

/** A run ends with the program's result, or before it started: its environment could not be made. */
type Executed = { result: RunResult } | { setupFailure: SetupFailure; cancelled: boolean };

export class RunFileCommand {
  private running: AbortController | undefined;
  lastResult: RunResult | undefined;
  /** Why the last run did not start (its environment), for the integration tests. */
  lastSetupFailure: SetupFailure | undefined;
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
    const root = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(uri.fsPath);
    let program: HealTarget;
    try {
      // The program's files with the workspace's requirements.txt / pyproject.toml, as Run & Self-Heal takes them.
      program = await fileTargetAt(uri.fsPath, root);
    } catch (error) {
      if (error instanceof RunSetError) return this.refuse(`Self-Heal: ${error.message}`);
      throw error;
    }
    const entry = program.launch.target;
    const found = await this.deps.configs.inputFor(program.root, entry);
    if ('refused' in found) return this.refuse(found.refused);
    const executed = await this.execute(program, settings, uri, found.input, overrides);
    const rerun = () => this.run(uri, overrides);
    this.lastSetupFailure = 'setupFailure' in executed ? executed.setupFailure : undefined;
    this.lastResult = 'result' in executed ? executed.result : undefined;
    if ('setupFailure' in executed) {
      reportNotStarted(this.deps, executed.setupFailure, uri, rerun, executed.cancelled);
      return undefined;
    }
    this.lastLogLine = reportRunResult(this.deps, executed.result, settings, uri, { files: program.files, entry, stdinGiven: found.input.stdin !== undefined }, rerun);
    return executed.result;
  }

  stop(): void {
    this.running?.abort();
  }

  private async execute(target: HealTarget, settings: SelfHealSettings, uri: vscode.Uri, input: RunInput, overrides?: RunOverrides): Promise<Executed> {
    const name = path.basename(uri.fsPath);
    const { channels, runners, statusBar, environments } = this.deps;
    const changed = overridesPhrase(settings.limits, overrides, settings.outputOverflow);
    // A local run's folder is new each time, so only the sandbox's frames can be mapped as they come.
    const places = settings.runner === 'local' ? undefined : { workDir: SANDBOX_WORK_DIR, root: target.root, isRunFile: (file: string) => hasFile(target.files, file) };
    channels.startRun(`▶ ${target.launch.target}  (${settings.runner === 'local' ? 'unsandboxed: a plain local process with your permissions' : `image ${settings.image}`}${changed})`, places);
    statusBar.show({ kind: 'running', file: name });
    const controller = new AbortController();
    this.running = controller;
    const runner = await runners.runnerFor(settings);
    void vscode.commands.executeCommand('setContext', 'selfHeal.running', true);
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Self-Heal: running ${name}`, cancellable: true },
        async (progress, token): Promise<Executed> => {
          token.onCancellationRequested(() => controller.abort());
          const imageFor = await environments.imageFor(settings, new Set(), (message) => progress.report({ message }));
          let image: string | undefined;
          try {
            image = await imageFor?.(target.files, controller.signal);
          } catch (error) {
            return { setupFailure: setupFailureOfInstall(error), cancelled: controller.signal.aborted };
          }
          if (image) progress.report({ message: 'running' });
          const result = await runner.run({
            files: pythonFilesOf(target.files),
            entry: target.launch.target,
            image,
            ...input,
            limits: settings.limits,
            outputOverflow: settings.outputOverflow,
            signal: controller.signal,
            onOutput: (stream, chunk) => channels.appendOutput(stream, chunk),
          });
          return { result };
        },
      );
    } finally {
      channels.endOutput();
      this.running = undefined;
      void vscode.commands.executeCommand('setContext', 'selfHeal.running', false);
    }
  }

  private refuse(message: string, action?: string, command?: string): undefined {
    this.lastRefusal = message;
    void vscode.window.showWarningMessage(message, ...(action ? [action] : [])).then((choice) => {
      if (choice && command) void vscode.commands.executeCommand(command);
    });
    return undefined;
  }
}
