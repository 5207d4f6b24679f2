// What the panel's buttons do on the host side. Messages arrive validated (protocol.ts), but their
// values are still the webview's: paths resolve only inside a workspace folder, runs and files are
// looked up in the host's own state.
import * as path from 'path';
import * as vscode from 'vscode';
import { COMMANDS } from '../contract/editorPanelContract';
import { limitOfError } from '../core/errors/expectedExits';
import { DiffDocuments, sidesOf } from './diffDocuments';
import type { PanelFile, PanelRun, WebviewMessage } from './protocol';
import { resolveInside } from './workspacePath';

type FileLookup = (runId: string, entry: string) => PanelFile | undefined;
type RunLookup = (runId: string) => PanelRun | undefined;
type Message<T extends WebviewMessage['type']> = Extract<WebviewMessage, { type: T }>;

export class PanelActions {
  constructor(private readonly lookup: FileLookup, private readonly lookupRun: RunLookup = () => undefined) {}

  async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'openLocation':
        return this.openLocation(message);
      case 'openDiff':
        return this.openDiff(message);
      case 'applyFix':
        return run(COMMANDS.applyFix, { runId: message.runId, entry: message.entry });
      case 'discardFix':
        return run(COMMANDS.discardFix, { runId: message.runId, entry: message.entry });
      case 'revertFix':
        return run(COMMANDS.revertFix, { runId: message.runId, entry: message.entry });
      case 'retry':
        return run(COMMANDS.retryFile, { entry: message.entry });
      case 'runWithArguments':
        return this.runWithArguments(message);
      case 'runAgainRaised':
        return this.runAgainRaised(message);
      case 'copySummary':
        return this.copySummary(message);
      case 'stop':
        return run(COMMANDS.stop);
      case 'runAndHeal':
        return run(COMMANDS.runAndHeal);
      case 'setApiKey':
        return run(COMMANDS.setApiKey);
      case 'ready':
        return;
    }
  }

  /** The file's URI comes from the host's own record of the run, never from the webview. */
  private async runWithArguments(message: Message<'runWithArguments'>): Promise<void> {
    const file = this.lookup(message.runId, message.entry);
    if (!file) {
      void vscode.window.showWarningMessage('Self-Heal: that run is no longer in the Fix Attempts panel.');
      return;
    }
    return run(COMMANDS.runWithArguments, file.uri);
  }

  /** Twice the limit the file's last run hit, taken from the settings when the run starts (runNeeds.ts). */
  private async runAgainRaised(message: Message<'runAgainRaised'>): Promise<void> {
    const file = this.lookup(message.runId, message.entry);
    const limit = file?.lastRun.error && limitOfError(file.lastRun.error);
    if (!file || !limit) {
      void vscode.window.showWarningMessage('Self-Heal: that run is no longer in the Fix Attempts panel.');
      return;
    }
    return run(COMMANDS.runAgain, { uri: file.uri, mode: 'heal', doubled: limit });
  }

  /** The summary is the host's own (made from the receipt when the heal ended), never the webview's text. */
  private async copySummary(message: Message<'copySummary'>): Promise<void> {
    const summary = this.lookupRun(message.runId)?.testHeal?.summary;
    if (summary === undefined) {
      void vscode.window.showWarningMessage('Self-Heal: that run has no test summary in the Fix Attempts panel.');
      return;
    }
    await vscode.env.clipboard.writeText(summary);
    void vscode.window.showInformationMessage('Self-Heal: the test summary (Markdown) is on the clipboard.');
  }

  /** Opens a workspace file at the line; the file's own folder is tried first in a multi-root workspace. */
  private async openLocation(message: Message<'openLocation'>): Promise<void> {
    const target = await this.findInWorkspace(message.path, message.runId && message.entry ? this.lookup(message.runId, message.entry) : undefined);
    if (!target) {
      void vscode.window.showWarningMessage(`Self-Heal: ${message.path} is not a file in this workspace.`);
      return;
    }
    const document = await vscode.workspace.openTextDocument(target);
    const position = document.validatePosition(new vscode.Position(message.line - 1, (message.column ?? 1) - 1));
    await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), preview: true });
  }

  private async findInWorkspace(requested: string, file: PanelFile | undefined): Promise<vscode.Uri | undefined> {
    const own = file && vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(file.uri));
    const folders = [...(own ? [own] : []), ...(vscode.workspace.workspaceFolders ?? [])];
    for (const folder of folders) {
      const resolved = resolveInside(folder.uri.fsPath, requested);
      if (!resolved) continue;
      const uri = vscode.Uri.joinPath(folder.uri, ...path.relative(folder.uri.fsPath, resolved).split(path.sep));
      if (await isFile(uri)) return uri;
    }
    return undefined;
  }

  private async openDiff(message: Message<'openDiff'>): Promise<void> {
    const file = this.lookup(message.runId, message.entry);
    if (!file) {
      void vscode.window.showWarningMessage('Self-Heal: that run is no longer in the Fix Attempts panel.');
      return;
    }
    // A fix waiting for a choice is shown where the choice is made: its diff with Apply and Discard.
    if (file.state === 'waiting' && message.attempt === 0) return run(COMMANDS.showFixPreview, { runId: message.runId, entry: message.entry });
    const sides = await sidesOf(file, message.attempt);
    if (sides.length === 0) {
      void vscode.window.showInformationMessage(`Self-Heal: ${message.attempt === 0 ? 'no fix was kept' : `attempt ${message.attempt} changed nothing`} in ${file.path}.`);
      return;
    }
    const query = (side: 'before' | 'after') => ({ runId: message.runId, entry: message.entry, attempt: message.attempt, side });
    const label = message.attempt === 0 ? 'all kept fixes' : `attempt ${message.attempt}`;
    const excerpt = (excerpt: boolean) => (excerpt ? ', excerpt' : '');
    if (sides.length === 1) {
      const [only] = sides;
      const title = `${only.path} (${label}${excerpt(only.excerpt)})`;
      await vscode.commands.executeCommand('vscode.diff', DiffDocuments.uriOf(query('before'), only.path), DiffDocuments.uriOf(query('after'), only.path), title, { preview: true });
      return;
    }
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(file.uri))?.uri ?? vscode.Uri.parse(file.uri);
    const resources = sides.map((s) => [vscode.Uri.joinPath(folder, ...s.path.split('/')), DiffDocuments.uriOf(query('before'), s.path), DiffDocuments.uriOf(query('after'), s.path)]);
    await vscode.commands.executeCommand('vscode.changes', `${file.path} (${label})`, resources);
  }
}

/** The commands belong to the heal side; a failure (e.g. not registered yet) is shown, not thrown. */
async function run(command: string, args?: unknown): Promise<void> {
  try {
    await vscode.commands.executeCommand(command, ...(args === undefined ? [] : [args]));
  } catch (error) {
    void vscode.window.showErrorMessage(`Self-Heal: ${(error as Error).message}`);
  }
}

async function isFile(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}
