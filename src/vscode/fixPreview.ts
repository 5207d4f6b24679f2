// Apply mode "preview": the fixed text opens in a diff beside the current one, and the fix is applied
// only when the user chooses Apply. Dismissing the question discards it.
import * as vscode from 'vscode';
import { uriOf } from './runDiagnostics';

export const FIX_SCHEME = 'self-heal-fix';

export class FixPreview implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(FIX_SCHEME, this);
  /** The question being asked, for the tests. */
  pendingQuestion: string | undefined;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Shows current vs fixed for each changed file and asks; true when the user chooses Apply. */
  async confirm(root: string, current: Readonly<Record<string, string>>, fixed: Readonly<Record<string, string>>, summary: string): Promise<boolean> {
    const shown: string[] = [];
    for (const [relative, text] of Object.entries(fixed)) {
      const fixedUri = vscode.Uri.from({ scheme: FIX_SCHEME, path: `/${relative}`, query: String(Date.now()) });
      this.texts.set(fixedUri.toString(), text);
      shown.push(fixedUri.toString());
      const left = relative in current ? uriOf(root, relative) : vscode.Uri.from({ scheme: FIX_SCHEME, path: `/${relative}`, query: 'empty' });
      await vscode.commands.executeCommand('vscode.diff', left, fixedUri, `${relative}: current ↔ fixed (Self-Heal)`, { preview: true });
    }
    this.pendingQuestion = `Self-Heal: ${summary}. Apply the verified fix?`;
    try {
      const choice = await vscode.window.showInformationMessage(this.pendingQuestion, 'Apply', 'Discard');
      return choice === 'Apply';
    } finally {
      this.pendingQuestion = undefined;
      for (const key of shown) this.texts.delete(key);
    }
  }

  dispose(): void {
    this.registration.dispose();
  }
}
