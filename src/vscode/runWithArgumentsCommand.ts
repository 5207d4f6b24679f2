// "Self-Heal: Run with Arguments..." (edit the file's run configuration, then run it) and the run
// made again from a limit's action (`_selfHeal.runAgain`: one limit raised, or output past the cap
// discarded), each made the way the first run was.
import * as path from 'path';
import * as vscode from 'vscode';
import type { Questions } from './questions';
import type { RunAndHealCommand } from './runAndHealCommand';
import { editRunConfiguration } from './runConfigurationEditor';
import type { RunConfigurations } from './runConfigurations';
import type { RunFileCommand } from './runFileCommand';
import { runAgainFrom } from './runNeeds';

export interface RunWithArgumentsDeps {
  runFile: RunFileCommand;
  heal: RunAndHealCommand;
  configs: RunConfigurations;
  questions: Questions;
}

export class RunWithArgumentsCommand {
  constructor(private readonly deps: RunWithArgumentsDeps) {}

  /** `target`: a file's Uri or its string (a notification's button), else the active editor's file. */
  async runWithArguments(target?: unknown): Promise<unknown> {
    const uri = target instanceof vscode.Uri ? target : typeof target === 'string' ? vscode.Uri.parse(target) : vscode.window.activeTextEditor?.document.uri;
    // A fix's diff shows a file that is not on disk: it cannot be run.
    if (!uri || uri.scheme !== 'file' || !uri.fsPath.endsWith('.py')) {
      void vscode.window.showWarningMessage('Self-Heal: open a Python file (.py) to run it with arguments.');
      return undefined;
    }
    const root = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(uri.fsPath);
    const choice = await editRunConfiguration(uri, root, this.deps.configs, this.deps.questions);
    if (choice === 'heal') return this.deps.heal.run(uri, true);
    if (choice === 'run') return this.deps.runFile.run(uri);
    return undefined;
  }

  async runAgain(args: unknown): Promise<unknown> {
    const again = runAgainFrom(args);
    if (!again) return undefined;
    if (again.mode === 'run') return this.deps.runFile.run(again.uri, again.overrides);
    return this.deps.heal.run(again.uri, again.mode === 'heal', again.overrides);
  }
}
