// Activation stays thin: build the object graph and register commands. The engine is contacted on
// the first run, not here.
import * as vscode from 'vscode';
import { Channels } from './vscode/channels';
import { COMMANDS } from './vscode/commandIds';
import { EngineProblemNotifier } from './vscode/engineProblems';
import { RunFileCommand } from './vscode/runFileCommand';
import { RunnerProvider } from './vscode/runnerProvider';
import { ApiKeyStore } from './vscode/secrets';
import { EngineStatusBar } from './vscode/statusBar';

let runners: RunnerProvider | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const channels = new Channels();
  runners = new RunnerProvider(channels.log);
  const statusBar = new EngineStatusBar();
  const problems = new EngineProblemNotifier();
  const apiKeys = new ApiKeyStore(context.secrets);
  const runFile = new RunFileCommand({ channels, runners, statusBar, problems, workspaceState: context.workspaceState });

  const register = (id: string, handler: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  register(COMMANDS.runFile, (uri?: vscode.Uri) => runFile.run(uri));
  register(COMMANDS.stop, () => runFile.stop());
  register(COMMANDS.setApiKey, () => apiKeys.promptAndStore());
  register(COMMANDS.clearApiKey, () => apiKeys.clear());
  register(COMMANDS.showLog, () => channels.log.show());
  register(COMMANDS.openSettings, () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:self-heal.self-heal'));
  register(COMMANDS.showTroubleshooting, () =>
    vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(context.extensionUri, 'media', 'troubleshooting.md')),
  );
  // For the integration tests: what a user would see, read back without scraping the UI.
  register(COMMANDS.testState, () => ({
    programOutput: channels.programText,
    statusBar: statusBar.text,
    engineState: statusBar.state,
    lastResult: runFile.lastResult,
    lastRefusal: runFile.lastRefusal,
    lastLogLine: runFile.lastLogLine,
    lastEngineProblem: problems.lastMessage,
    trusted: vscode.workspace.isTrusted,
    activationMs,
  }));
  context.subscriptions.push(channels, runners, statusBar);
  const activationMs = performance.now() - started;
  channels.log.info(`activated in ${activationMs.toFixed(1)} ms`);
}

export async function deactivate(): Promise<void> {
  await runners?.disposeAsync(); // removes warm containers before the host goes away
}
