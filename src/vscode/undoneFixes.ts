// A fix taken out by hand (Ctrl+Z after a lightbulb fix or an applied heal) is a fix reverted: the
// Fix Attempts panel must not go on saying "Fix applied" with a Revert button for text that is gone.
import * as vscode from 'vscode';
import type { RevertLedger } from './revertLedger';
import { uriOf } from './runDiagnostics';

export function watchUndoneFixes(ledger: RevertLedger): vscode.Disposable {
  return vscode.workspace.onDidChangeTextDocument((event) => {
    if (event.contentChanges.length === 0) return;
    const edited = event.document.uri.toString();
    ledger.noticeEdited(
      (root, file) => uriOf(root, file).toString() === edited,
      (root, file) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uriOf(root, file).toString())?.getText(),
    );
  });
}
