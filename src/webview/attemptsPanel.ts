// The "Fix Attempts" webview view. The host owns the state (panelStore.ts); the webview says `ready`
// when its script has loaded (again after every time the view was hidden), and only then gets the
// whole state, and again after every change, lightly debounced.
import * as vscode from 'vscode';
import { COMMANDS, type AttemptsPanelFeed, type ReportedTestHeal } from '../contract/editorPanelContract';
import { DIFF_SCHEME, DiffDocuments } from './diffDocuments';
import { PanelActions } from './panelActions';
import { newNonce, panelHtml } from './panelHtml';
import type { CutShort, FixState } from '../core/heal/fixLifecycle';
import type { TokenUsage } from '../core/model/modelTypes';
import { PanelStore, type ReportedPanelFile } from './panelStore';
import { panelTestHealOf } from './testHealView';
import { isWebviewMessage, type HostMessage, type PanelFile, type PanelRun, type PanelState } from './protocol';

export const ATTEMPTS_VIEW_ID = 'selfHeal.attempts';
/** Hidden, not contributed: the integration tests read the panel through it. */
export const PANEL_TEST_STATE_COMMAND = COMMANDS.attemptsPanelState;

export interface AttemptsPanelOptions {
  log?: (line: string) => void;
  /** Changes within this window go to the webview as one snapshot. */
  sendDelayMs?: number;
  /** Changes within this window are saved to the workspace state once. */
  saveDelayMs?: number;
  /** Hears the session's model tokens each time a heal's are added (the status bar's tooltip shows them). */
  onSessionTokens?: (tokens: TokenUsage) => void;
}

export interface PanelTestState {
  state: PanelState;
  viewResolved: boolean;
  webviewReady: boolean;
  snapshotsSent: number;
}

export class AttemptsPanel implements vscode.WebviewViewProvider, vscode.Disposable, AttemptsPanelFeed {
  private readonly store: PanelStore;
  private readonly actions: PanelActions;
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private snapshotsSent = 0;
  private sendTimer: NodeJS.Timeout | undefined;
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(private readonly extensionUri: vscode.Uri, memento: vscode.Memento, private readonly options: AttemptsPanelOptions = {}) {
    this.store = new PanelStore(memento, (line) => this.options.log?.(line));
    this.actions = new PanelActions((runId, entry) => this.store.file(runId, entry), (runId) => this.store.run(runId));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const roots = ['dist', 'media'].map((folder) => vscode.Uri.joinPath(this.extensionUri, folder));
    view.webview.options = { enableScripts: true, localResourceRoots: roots };
    // Listening before the page exists, so its first `ready` cannot be missed.
    view.webview.onDidReceiveMessage((message: unknown) => this.receive(message));
    view.webview.html = panelHtml({
      cspSource: view.webview.cspSource,
      nonce: newNonce(),
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'panel.js')).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'panel.css')).toString(),
    });
    // A hidden view's page is dropped; it says `ready` again when shown.
    view.onDidChangeVisibility(() => (this.ready = this.ready && view.visible));
    view.onDidDispose(() => {
      if (this.view === view) this.view = undefined;
      this.ready = false;
    });
  }

  startRun(run: { id: string; title: string; entries: readonly string[] }): void {
    this.store.startRun(run);
    this.changed();
  }

  reportFile(runId: string, file: ReportedPanelFile, state: FixState, note?: string): void {
    if (this.store.reportFile(runId, file, state, note)) this.tokensChanged();
  }

  reportTestHeal(runId: string, heal: ReportedTestHeal, state: FixState, note?: string): void {
    if (this.store.reportTestHeal(runId, panelTestHealOf(heal), state, note)) this.tokensChanged();
  }

  moveFile(runId: string, entry: string, state: FixState, note?: string): void {
    if (this.store.moveFile(runId, entry, state, note)) this.changed();
  }

  endHealing(runId: string, cutShort?: CutShort): void {
    if (this.store.endHealing(runId, cutShort)) this.changed();
  }

  noteRun(runId: string, note: string): void {
    if (this.store.noteRun(runId, note)) this.changed();
  }

  setModelConfigured(configured: boolean): void {
    if (this.store.setModelConfigured(configured)) this.changed();
  }

  setRunning(running: boolean): void {
    if (this.store.setRunning(running)) this.changed();
  }

  snapshot(): PanelState {
    return this.store.snapshot();
  }

  run(runId: string): PanelRun | undefined {
    return this.store.run(runId);
  }

  file(runId: string, entry: string): PanelFile | undefined {
    return this.store.file(runId, entry);
  }

  testState(): PanelTestState {
    return { state: this.store.snapshot(), viewResolved: this.view !== undefined, webviewReady: this.ready, snapshotsSent: this.snapshotsSent };
  }

  private receive(message: unknown): void {
    if (!isWebviewMessage(message)) {
      this.options.log?.(`Fix Attempts panel: ignored a malformed message ${JSON.stringify(message)?.slice(0, 200)}`);
      return;
    }
    if (message.type === 'ready') {
      this.ready = true;
      this.send();
      return;
    }
    this.actions.handle(message).catch((error: Error) => void vscode.window.showErrorMessage(`Self-Heal: ${error.message}`));
  }

  private tokensChanged(): void {
    this.changed();
    this.options.onSessionTokens?.(this.store.tokensThisSession());
  }

  private changed(): void {
    this.sendTimer ??= setTimeout(() => this.send(), this.options.sendDelayMs ?? 30);
    this.saveTimer ??= setTimeout(() => this.save(), this.options.saveDelayMs ?? 1000);
  }

  private send(): void {
    clearTimeout(this.sendTimer);
    this.sendTimer = undefined;
    if (!this.view || !this.ready) return; // sent in full on the next `ready`
    const message: HostMessage = { type: 'state', state: this.store.webviewState() };
    void this.view.webview.postMessage(message).then((delivered) => delivered && this.snapshotsSent++);
  }

  private save(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    void Promise.resolve(this.store.persist()).catch((error: Error) => this.options.log?.(`Fix Attempts panel: could not save: ${error.message}`));
  }

  dispose(): void {
    clearTimeout(this.sendTimer);
    if (this.saveTimer) this.save();
  }
}

/** Registers the view and the diff documents; returns the panel for the heal commands to feed. */
export function registerAttemptsPanel(context: vscode.ExtensionContext, options: AttemptsPanelOptions = {}): AttemptsPanel {
  const panel = new AttemptsPanel(context.extensionUri, context.workspaceState, options);
  context.subscriptions.push(
    panel,
    vscode.window.registerWebviewViewProvider(ATTEMPTS_VIEW_ID, panel),
    vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, new DiffDocuments((runId, entry) => panel.file(runId, entry))),
    vscode.commands.registerCommand(PANEL_TEST_STATE_COMMAND, () => panel.testState()),
  );
  return panel;
}
