// Applying fixes to the editor's documents: one WorkspaceEdit (so one Ctrl+Z undoes it), refused when
// a document changed since the run, and saved so the next sandbox run sees what the editor shows.
import * as vscode from 'vscode';
import type { TextEdit } from '../core/fixes/fixTypes';
import { uriOf } from './runDiagnostics';

export class StaleDocumentError extends Error {
  override readonly name = 'StaleDocumentError';
}

/**
 * Replaces each file's text with its fixed text. `originals` is the text the fix was made from: a
 * document that no longer holds it (edited since, or changed on disk) is not touched.
 */
export async function applyFileTexts(root: string, fixed: Readonly<Record<string, string>>, originals: Readonly<Record<string, string | undefined>>): Promise<vscode.Uri[]> {
  const edit = new vscode.WorkspaceEdit();
  const touched: vscode.Uri[] = [];
  for (const [relative, text] of Object.entries(fixed)) {
    const uri = uriOf(root, relative);
    const document = await openIfExists(uri);
    const current = document?.getText();
    if (current !== (Object.hasOwn(originals, relative) ? originals[relative] : undefined)) {
      throw new StaleDocumentError(`${relative} changed since it was run; run it again to get a fix for the current text.`);
    }
    if (document) {
      edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), text);
    } else {
      edit.createFile(uri, { ignoreIfExists: true });
      edit.insert(uri, new vscode.Position(0, 0), text);
    }
    touched.push(uri);
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new StaleDocumentError('the editor refused the edit');
  await saveAll(touched);
  return touched;
}

/** A rule fix's edits as one WorkspaceEdit, checked against the version the fix was made for. */
export async function applyTextEdits(root: string, edits: readonly TextEdit[], expected: { uri: vscode.Uri; version: number | undefined }): Promise<vscode.Uri[]> {
  const document = await vscode.workspace.openTextDocument(expected.uri);
  if (expected.version !== undefined && document.version !== expected.version) {
    throw new StaleDocumentError(`${vscode.workspace.asRelativePath(expected.uri)} changed since it was run; run it again to get a fix for the current text.`);
  }
  const edit = new vscode.WorkspaceEdit();
  const touched = new Map<string, vscode.Uri>();
  for (const change of edits) {
    const uri = uriOf(root, change.file);
    if (!touched.has(uri.toString()) && !(await openIfExists(uri))) edit.createFile(uri, { ignoreIfExists: true });
    touched.set(uri.toString(), uri);
    const range = new vscode.Range(change.startLine - 1, change.startColumn - 1, change.endLine - 1, change.endColumn - 1);
    edit.replace(uri, range, change.newText);
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new StaleDocumentError('the editor refused the edit');
  await saveAll([...touched.values()]);
  return [...touched.values()];
}

async function openIfExists(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open;
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
  return vscode.workspace.openTextDocument(uri);
}

async function saveAll(uris: readonly vscode.Uri[]): Promise<void> {
  for (const uri of uris) {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (document?.isDirty) await document.save();
  }
}
