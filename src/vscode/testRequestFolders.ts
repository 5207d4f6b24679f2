// Which workspace folders a Test Explorer request covers, and the items chosen in each: both
// profiles (Run in Sandbox, Heal Failing Tests) work per folder, one sandbox suite each.
import * as vscode from 'vscode';
import type { TestTree } from './testTree';

/** The selected items by workspace folder; without a selection, every folder with tests (and no items: all of it). */
export function itemsByFolder(tree: TestTree, request: vscode.TestRunRequest): Map<string, vscode.TestItem[]> {
  const groups = new Map<string, vscode.TestItem[]>();
  const excluded = new Set((request.exclude ?? []).map((item) => item.id));
  const chosen = request.include ?? [];
  if (chosen.length === 0) {
    for (const item of tree.all()) {
      const info = tree.info(item);
      if (info && !groups.has(info.root)) groups.set(info.root, []);
    }
  }
  for (const item of chosen) {
    const info = tree.info(item);
    if (!info || excluded.has(item.id)) continue;
    // A workspace folder's own item runs everything in it.
    const list = groups.get(info.root) ?? [];
    if (info.nodeId !== '') list.push(item);
    groups.set(info.root, list);
  }
  return groups;
}

/** A workspace folder as the user knows it: its name (asRelativePath gives a folder's own absolute path back). */
export function folderLabel(root: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(root));
  if (folder && folder.uri.fsPath === root) return folder.name;
  return vscode.workspace.asRelativePath(vscode.Uri.file(root)) || root;
}
