// One notification for an engine problem, with the actions that can fix it; never a second one
// on top while the first is open.
import * as vscode from 'vscode';
import { COMMANDS } from '../contract/editorPanelContract';
import type { EngineError } from '../core/run/engineError';

export class EngineProblemNotifier {
  private open = false;
  lastMessage: string | undefined;

  async show(error: Pick<EngineError, 'message'>, retry: () => Thenable<unknown>): Promise<void> {
    this.lastMessage = error.message;
    if (this.open) return;
    this.open = true;
    try {
      const choice = await vscode.window.showErrorMessage(`Self-Heal: ${error.message}`, 'Open Settings', 'Retry', 'Show Troubleshooting');
      if (choice === 'Open Settings') await vscode.commands.executeCommand(COMMANDS.openSettings);
      if (choice === 'Show Troubleshooting') await vscode.commands.executeCommand(COMMANDS.showTroubleshooting);
      if (choice === 'Retry') {
        this.open = false;
        await retry();
      }
    } finally {
      this.open = false;
    }
  }
}
