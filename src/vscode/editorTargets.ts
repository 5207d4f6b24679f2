// What Run & Self-Heal works on in the editor: one file run as a program, or a workspace's (or a
// selection's) Python files classified by the shared workflow: entry points run, modules import-checked.
import * as path from 'path';
import * as vscode from 'vscode';
import { collectFolderRunSet } from '../core/program/folderRunSet';
import { fileTarget, folderTargets, type HealTarget } from '../core/heal/healTargets';
import { collectRunSet, withEnvironmentFiles } from '../core/program/runSet';

/** The file as a program, with the files it imports and the workspace's environment files. */
export async function fileTargetAt(file: string, root: string): Promise<HealTarget> {
  const runSet = await collectRunSet(file, { root });
  return fileTarget(runSet.root, await withEnvironmentFiles(runSet.files, runSet.root), runSet.entry);
}

/** The workspace's (or the selection's) Python files matching the include glob. */
export async function workspaceTargets(root: string, include: string, selection: readonly vscode.Uri[] | undefined): Promise<HealTarget[]> {
  const folder = await collectFolderRunSet(root, { root });
  const files = await withEnvironmentFiles(folder.files, root);
  const included = new Set(await includedFiles(root, include));
  const chosen = folder.listed.filter((file) => included.has(file) && (!selection || selection.some((uri) => isWithin(path.join(root, file), uri.fsPath))));
  return folderTargets({ root, files, importRoot: folder.importRoot }, chosen);
}

/** Root-relative paths matching the include glob; the folder walk already left out venvs and build output. */
async function includedFiles(root: string, include: string): Promise<string[]> {
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(root, include), undefined, 5000);
  return found.map((uri) => path.relative(root, uri.fsPath).split(path.sep).join('/'));
}

function isWithin(file: string, selected: string): boolean {
  const relative = path.relative(selected, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Saves the run's dirty Python and environment files first; false when one could not be saved. */
export async function saveRunFiles(root: string): Promise<boolean> {
  const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file' && d.uri.fsPath.startsWith(root) && /\.py$|requirements\.txt$|pyproject\.toml$/.test(d.uri.fsPath));
  const saved = await Promise.all(dirty.map((d) => d.save()));
  return saved.every(Boolean);
}
