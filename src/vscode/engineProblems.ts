// One notification for an engine problem, with the actions that can fix it; never a second one
// on top while the first is open. An image that cannot be pulled is not an engine that is missing:
// Open Settings goes to the setting that fixes the one at hand.
import * as vscode from 'vscode';
import { COMMANDS } from '../contract/editorPanelContract';
import type { EngineError } from '../core/run/engineError';
import type { Notifications } from './notifications';

export class EngineProblemNotifier {
  private open = false;
  lastMessage: string | undefined;

  constructor(private readonly notifications: Notifications) {}

  async show(error: Pick<EngineError, 'message'> & Partial<Pick<EngineError, 'code'>>, retry: () => Thenable<unknown>): Promise<void> {
    this.lastMessage = error.message;
    if (this.open) return;
    this.open = true;
    try {
      const choice = await this.notifications.show('error', `Self-Heal: ${error.message}`, 'Open Settings', 'Retry', 'Show Troubleshooting');
      const setting = error.code === 'image-unavailable' ? 'selfHeal.image' : 'selfHeal.docker.host';
      if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', setting);
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
