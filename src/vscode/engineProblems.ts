// One notification for an engine problem, with the actions that can fix it; never a second one
// on top while the first is open. An image that cannot be pulled is not an engine that is missing,
// and a local Python that cannot be started is neither: Open Settings goes to the setting that fixes
// the one at hand (statusView.ts, engineProblemSetting).
import * as vscode from 'vscode';
import { COMMANDS } from '../contract/editorPanelContract';
import type { EngineError } from '../core/run/engineError';
import type { Notifications } from './notifications';
import { engineProblemSetting } from './statusView';

export class EngineProblemNotifier {
  private open = false;
  lastMessage: string | undefined;

  constructor(private readonly notifications: Notifications) {}

  /** `runner`: what failed to run the program (the container engine, or the local Python). */
  async show(error: Pick<EngineError, 'message'> & Partial<Pick<EngineError, 'code'>>, retry: () => Thenable<unknown>, runner: 'docker' | 'local' = 'docker'): Promise<void> {
    this.lastMessage = error.message;
    if (this.open) return;
    this.open = true;
    try {
      const openSettings = { title: 'Open Settings', command: 'workbench.action.openSettings', arguments: [engineProblemSetting(error.code, runner)] };
      const choice = await this.notifications.ask('error', `Self-Heal: ${error.message}`, ['Open Settings', 'Retry', 'Show Troubleshooting'], [openSettings]);
      if (choice === 'Open Settings') await vscode.commands.executeCommand(openSettings.command, ...openSettings.arguments);
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
