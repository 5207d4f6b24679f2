// Activation stays thin: build the object graph and register commands. The engine and the model are
// contacted on first use, not here.
import * as vscode from 'vscode';
import { Channels } from './vscode/channels';
import { COMMANDS } from './vscode/commandIds';
import { EngineProblemNotifier } from './vscode/engineProblems';
import { EnvironmentConsent } from './vscode/environmentConsent';
import { askToBuild } from './vscode/environmentPrompt';
import { FixPreview } from './vscode/fixPreview';
import { ModelProvider } from './vscode/modelProvider';
import { QuickFixCommands } from './vscode/quickFixCommands';
import { QuickFixProvider, type QuickFixArgs } from './vscode/quickFixes';
import { rebuildEnvironment } from './vscode/rebuildEnvironmentCommand';
import { RunAndHealCommand } from './vscode/runAndHealCommand';
import { RunDiagnostics } from './vscode/runDiagnostics';
import { RunFileCommand } from './vscode/runFileCommand';
import { RunnerProvider } from './vscode/runnerProvider';
import { ApiKeyStore } from './vscode/secrets';
import { readSettings } from './vscode/settings';
import { EngineStatusBar } from './vscode/statusBar';
import { testStateOf } from './vscode/testState';
import { panelSink } from './vscode/panelSink';
import { registerAttemptsPanel } from './webview/attemptsPanel';

let runners: RunnerProvider | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const channels = new Channels();
  runners = new RunnerProvider(channels.log);
  const statusBar = new EngineStatusBar();
  const problems = new EngineProblemNotifier();
  const apiKeys = new ApiKeyStore(context.secrets);
  const models = new ModelProvider(apiKeys, channels.log);
  const diagnostics = new RunDiagnostics();
  const preview = new FixPreview();
  const attemptsPanel = registerAttemptsPanel(context, { log: (line) => channels.log.warn(line) });
  const sink = panelSink(attemptsPanel);
  const runFile = new RunFileCommand({ channels, runners, statusBar, problems, workspaceState: context.workspaceState });
  const consent = new EnvironmentConsent(context.workspaceState, askToBuild);
  const heal = new RunAndHealCommand({ channels, runners, models, diagnostics, statusBar, problems, preview, sink, consent });
  let modelConfigured = false;
  const refreshModelConfigured = async () => {
    modelConfigured = await models.configured(readSettings());
    attemptsPanel.setModelConfigured(modelConfigured);
  };
  void refreshModelConfigured();
  const quickFixes = new QuickFixProvider(diagnostics, () => modelConfigured);
  const quickFixCommands = new QuickFixCommands({ provider: quickFixes, diagnostics, runners, models, sink });

  const register = (id: string, handler: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  register(COMMANDS.runFile, (uri?: vscode.Uri) => runFile.run(uri));
  register(COMMANDS.runAndHeal, (uri?: vscode.Uri) => heal.run(uri, true));
  register(COMMANDS.runWithoutHealing, (uri?: vscode.Uri) => heal.run(uri, false));
  register(COMMANDS.runAndHealWorkspace, (uri?: vscode.Uri, uris?: vscode.Uri[]) => heal.runWorkspace(uri, uris));
  register(COMMANDS.revertLastRun, () => heal.revertLastRun());
  register(COMMANDS.revertFix, (args: { runId?: unknown; entry?: unknown }) => heal.revertFix(args));
  register(COMMANDS.retryFile, (args: { entry?: unknown }) => heal.retry(args));
  register(COMMANDS.stop, () => {
    runFile.stop();
    heal.stop();
  });
  register(COMMANDS.applyRuleFix, (args: QuickFixArgs) => quickFixCommands.applyRuleFix(args));
  register(COMMANDS.fixWithAi, (args: QuickFixArgs) => quickFixCommands.fixWithAi(args));
  register(COMMANDS.setApiKey, async () => (await apiKeys.promptAndStore()) && refreshModelConfigured());
  register(COMMANDS.clearApiKey, async () => {
    await apiKeys.clear();
    await refreshModelConfigured();
  });
  register(COMMANDS.rebuildEnvironment, () => runners && rebuildEnvironment({ channels, runners, consent }));
  register(COMMANDS.showLog, () => channels.log.show());
  register(COMMANDS.openSettings, () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:self-heal.self-heal'));
  register(COMMANDS.showTroubleshooting, () =>
    vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(context.extensionUri, 'media', 'troubleshooting.md')),
  );
  // For the integration tests: what a user would see, read back without scraping the UI.
  register(COMMANDS.testState, () => testStateOf({ channels, statusBar, problems, runFile, heal, diagnostics, quickFixes, quickFixCommands, preview, activationMs }));
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider({ language: 'python' }, quickFixes, { providedCodeActionKinds: QuickFixProvider.kinds }),
    vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('selfHeal.model') && void refreshModelConfigured()),
    channels, runners, statusBar, diagnostics, preview,
  );
  const activationMs = performance.now() - started;
  channels.log.info(`activated in ${activationMs.toFixed(1)} ms`);
}

export async function deactivate(): Promise<void> {
  await runners?.disposeAsync(); // removes warm containers before the host goes away
}
