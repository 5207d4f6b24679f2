// "Self-Heal: Test Model Connection": one small request through the same client as fixes, to the
// endpoint the settings name (a workspace's base URL only once confirmed), reporting the model, the
// time it took, or what went wrong in the words a failed heal uses.
import * as vscode from 'vscode';
import { COMMANDS } from '../contract/editorPanelContract';
import { connectionTestLine, type ConnectionTest } from '../core/model/modelFailure';
import type { ModelProvider } from './modelProvider';
import type { Notifications } from './notifications';
import type { RunGate } from './runGate';
import { modelFailureActions } from './runNotices';

export const NO_MODEL = 'Self-Heal: no model is set up: set an API key for OpenAI, or point selfHeal.model.baseUrl at a server that needs none (Ollama, LM Studio, vLLM).';

export interface TestConnectionDeps {
  gate: RunGate;
  models: ModelProvider;
  notifications: Notifications;
}

export class TestConnectionCommand {
  /** The last test's outcome, for the tests; undefined when no model was set up. */
  last: ConnectionTest | undefined;

  constructor(private readonly deps: TestConnectionDeps) {}

  async run(): Promise<ConnectionTest | undefined> {
    const { gate, models, notifications } = this.deps;
    const scope = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    const connection = await models.connectionFor(await gate.modelSettingsFor(scope));
    this.last = undefined;
    if (!connection) {
      notifications.offer('warning', NO_MODEL, {
        'Set API Key': () => vscode.commands.executeCommand(COMMANDS.setApiKey),
        'Open Settings': () => vscode.commands.executeCommand('workbench.action.openSettings', 'selfHeal.model.baseUrl'),
      });
      return undefined;
    }
    const controller = new AbortController();
    const test = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Self-Heal: asking ${connection.model} at ${connection.endpoint}`, cancellable: true },
      (_progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        return connection.testConnection(controller.signal);
      },
    );
    if (controller.signal.aborted) return undefined;
    this.last = test;
    if (test.ok) void notifications.show('info', `Self-Heal: ${connectionTestLine(test)}.`);
    else notifications.offer('error', `Self-Heal: ${connectionTestLine(test)}.`, modelFailureActions(test.failure, false));
    return test;
  }
}
