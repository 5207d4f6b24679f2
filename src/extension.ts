// Activation stays thin: build the object graph and register commands. The engine and the model are
// contacted on first use, not here.
import * as vscode from 'vscode';
import { COMMANDS } from './contract/editorPanelContract';
import { Channels } from './vscode/channels';
import { EngineProblemNotifier } from './vscode/engineProblems';
import { EditorEnvironments } from './vscode/editorEnvironments';
import { EnvironmentConsent } from './vscode/environmentConsent';
import { askToBuild } from './vscode/environmentPrompt';
import { FixDecisions } from './vscode/fixDecisions';
import { FixPreview } from './vscode/fixPreview';
import { LightbulbRuns } from './vscode/lightbulbRuns';
import { registerLanguageModelTools } from './vscode/lmTools';
import { ModelProvider } from './vscode/modelProvider';
import { Notifications } from './vscode/notifications';
import { OverrideConfirmations } from './vscode/overrideConfirmations';
import { ProjectImages } from './vscode/projectImage';
import { ANSWER_NEXT_QUESTIONS, Questions } from './vscode/questions';
import { QuickFixCommands } from './vscode/quickFixCommands';
import { QuickFixProvider, type QuickFixArgs } from './vscode/quickFixes';
import { rebuildEnvironment } from './vscode/rebuildEnvironmentCommand';
import { RevertLedger } from './vscode/revertLedger';
import { watchUndoneFixes } from './vscode/undoneFixes';
import { RunAndHealCommand } from './vscode/runAndHealCommand';
import { RunConfigurations } from './vscode/runConfigurations';
import { RunWithArgumentsCommand } from './vscode/runWithArgumentsCommand';
import { RunDiagnostics } from './vscode/runDiagnostics';
import { RunFileCommand } from './vscode/runFileCommand';
import { RunGate } from './vscode/runGate';
import { RunnerProvider } from './vscode/runnerProvider';
import { ApiKeyStore } from './vscode/secrets';
import { readSettings } from './vscode/settings';
import { EngineStatusBar } from './vscode/statusBar';
import { TestConnectionCommand } from './vscode/testConnectionCommand';
import { testStateOf } from './vscode/testState';
import { TestExplorer } from './vscode/testExplorer';
import { panelSink } from './vscode/panelSink';
import { registerAttemptsPanel } from './webview/attemptsPanel';

let runners: RunnerProvider | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const channels = new Channels();
  const notifications = new Notifications();
  runners = new RunnerProvider(channels.log, notifications);
  const statusBar = new EngineStatusBar();
  const problems = new EngineProblemNotifier(notifications);
  const questions = new Questions(context.extensionMode === vscode.ExtensionMode.Test);
  const confirmations = new OverrideConfirmations(context.workspaceState);
  const images = new ProjectImages(channels.log, statusBar);
  const gate = new RunGate({ questions, confirmations, workspaceState: context.workspaceState, log: channels.log, images });
  const apiKeys = new ApiKeyStore(context.secrets, questions);
  const models = new ModelProvider(apiKeys, channels.log, notifications);
  const diagnostics = new RunDiagnostics();
  const preview = new FixPreview();
  const attemptsPanel = registerAttemptsPanel(context, { log: (line) => channels.log.warn(line), onSessionTokens: (tokens) => statusBar.showSessionTokens(tokens) });
  const sink = panelSink(attemptsPanel);
  const ledger = new RevertLedger((runId, entry) => sink.moveFile(runId, entry, 'reverted'), (severity, message) => void notifications.show(severity, message));
  const decisions = new FixDecisions(preview, ledger, sink, notifications);
  context.subscriptions.push(watchUndoneFixes(ledger));
  const configs = new RunConfigurations(context.workspaceState);
  const consent = new EnvironmentConsent(context.workspaceState, askToBuild(questions));
  const environments = new EditorEnvironments(runners, consent, (line) => channels.log.info(line));
  const runFile = new RunFileCommand({ channels, runners, statusBar, problems, gate, configs, notifications, environments });
  const heal = new RunAndHealCommand({ channels, runners, models, diagnostics, statusBar, problems, decisions, ledger, sink, gate, environments, notifications, configs });
  const runWith = new RunWithArgumentsCommand({ runFile, heal, configs, questions });
  let modelConfigured = false;
  const refreshModelConfigured = async () => {
    modelConfigured = await models.configured(readSettings(undefined, confirmations.isConfirmed));
    attemptsPanel.setModelConfigured(modelConfigured);
  };
  void refreshModelConfigured();
  const quickFixes = new QuickFixProvider(diagnostics, () => modelConfigured);
  const quickFixCommands = new QuickFixCommands({ provider: quickFixes, diagnostics, runners, models, runs: new LightbulbRuns(sink, ledger), gate, environments, notifications });
  const connectionTest = new TestConnectionCommand({ gate, models, notifications });
  const testExplorer = new TestExplorer({ gate, runners, environments, log: channels.log, models, decisions, panel: attemptsPanel, notifications, testHost: context.extensionMode === vscode.ExtensionMode.Test });
  context.subscriptions.push(registerLanguageModelTools({ gate, runners, environments, models, decisions, apiKeys, log: channels.log }, context.extensionMode === vscode.ExtensionMode.Test));

  const register = (id: string, handler: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  register(COMMANDS.runFile, (uri?: vscode.Uri) => runFile.run(uri));
  register(COMMANDS.runAndHeal, (uri?: vscode.Uri) => heal.run(uri, true));
  register(COMMANDS.runWithoutHealing, (uri?: vscode.Uri) => heal.run(uri, false));
  register(COMMANDS.runWithArguments, (target?: unknown) => runWith.runWithArguments(target));
  register(COMMANDS.runAgain, (args: unknown) => runWith.runAgain(args));
  register(COMMANDS.runAndHealWorkspace, (uri?: vscode.Uri, uris?: vscode.Uri[]) => heal.runWorkspace(uri, uris));
  register(COMMANDS.revertLastRun, () => heal.revertLastRun());
  register(COMMANDS.revertFix, (args: { runId?: unknown; entry?: unknown }) => heal.revertFix(args));
  register(COMMANDS.retryFile, (args: { entry?: unknown }) => heal.retry(args));
  register(COMMANDS.applyFix, (target?: unknown) => decisions.apply(target));
  register(COMMANDS.discardFix, (target?: unknown) => decisions.discard(target));
  register(COMMANDS.showFixPreview, (target?: unknown) => decisions.review(target));
  register(COMMANDS.stop, () => {
    runFile.stop();
    heal.stop();
  });
  register(COMMANDS.applyRuleFix, (args: QuickFixArgs) => quickFixCommands.applyRuleFix(args));
  register(COMMANDS.fixWithAi, (args: QuickFixArgs) => quickFixCommands.fixWithAi(args));
  register(COMMANDS.setApiKey, async () => (await apiKeys.promptAndStore(readSettings(undefined, confirmations.isConfirmed).model.baseUrl)) && refreshModelConfigured());
  register(COMMANDS.clearApiKey, async () => {
    await apiKeys.clear();
    await refreshModelConfigured();
  });
  register(COMMANDS.testModelConnection, () => connectionTest.run());
  register(COMMANDS.rebuildEnvironment, () => runners && rebuildEnvironment({ channels, runners, consent, gate }));
  register(COMMANDS.showLog, () => channels.log.show());
  register(COMMANDS.openSettings, () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:self-heal.self-heal'));
  register(COMMANDS.showTroubleshooting, () =>
    vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(context.extensionUri, 'media', 'troubleshooting.md')),
  );
  // For the integration tests: what a user would see, read back without scraping the UI.
  register(COMMANDS.testState, () => testStateOf({ channels, statusBar, problems, runFile, heal, diagnostics, quickFixes, quickFixCommands, preview, decisions, questions, gate, images, models, notifications, connectionTest, environments, activationMs }));
  // Only in a test host: the workbench refuses modal dialogs there, so the tests give the answers.
  if (context.extensionMode === vscode.ExtensionMode.Test) register(ANSWER_NEXT_QUESTIONS, (answers: unknown) => questions.answerNext(answers));
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider({ language: 'python' }, quickFixes, { providedCodeActionKinds: QuickFixProvider.kinds }),
    vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('selfHeal.model') && void refreshModelConfigured()),
    confirmations.onDidConfirm((key) => key === 'model.baseUrl' && void refreshModelConfigured()),
    vscode.lm.onDidChangeChatModels(() => void refreshModelConfigured()),
    channels, runners, statusBar, diagnostics, preview, confirmations, testExplorer,
  );
  const activationMs = performance.now() - started;
  channels.log.info(`activated in ${activationMs.toFixed(1)} ms`);
}

export async function deactivate(): Promise<void> {
  await runners?.disposeAsync(); // removes warm containers before the host goes away
}
