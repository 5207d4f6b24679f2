// What the panel's buttons do on the host side. Messages arrive validated (protocol.ts), but their
// values are still the webview's: paths resolve only inside a workspace folder, runs and files are
// looked up in the host's own state.
import * as path from 'path';
import * as vscode from 'vscode';
import { COMMANDS } from '../contract/editorPanelContract';
import { DiffDocuments, sidesOf } from './diffDocuments';
import type { PanelFile, WebviewMessage } from './protocol';
import { resolveInside } from './workspacePath';

type FileLookup = (runId: string, entry: string) => PanelFile | undefined;
type Message<T extends WebviewMessage['type']> = Extract<WebviewMessage, { type: T }>;

export class PanelActions {
  constructor(private readonly lookup: FileLookup) {}

  async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'openLocation':
        return this.openLocation(message);
      case 'openDiff':
        return this.openDiff(message);
      case 'revertFix':
        return run(COMMANDS.revertFix, { runId: message.runId, entry: message.entry });
      case 'retry':
        return run(COMMANDS.retryFile, { entry: message.entry });
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
