// The Test Explorer's tree: each workspace folder's test files (test_*.py, *_test.py, found the way
// a run finds Python files, so venvs and build output stay out) under their folders, and in each
// file the tests it declares (core/testing/testDiscovery.ts), with a range so the gutter shows run
// buttons. Items are named by pytest-style node ids; parametrized cases and doctests are added as they run.
import * as fs from 'fs/promises';
import * as path from 'path';
import * as vscode from 'vscode';
import { listPythonFiles, RUN_SET_MAX_FILES, SKIPPED_FOLDERS } from '../core/program/runSet';
import { declaredTests, isTestFileName, type DeclaredTest } from '../core/testing/testDiscovery';
import { caseParentOf } from '../core/testing/testSelection';

export type TestItemKind = 'folder' | 'file' | 'class' | 'function' | 'method' | 'case' | 'doctest';

export interface TestItemInfo {
  /** The workspace folder the node id is relative to. */
  root: string;
  nodeId: string;
  kind: TestItemKind;
}

export class TestTree {
  private readonly infos = new WeakMap<vscode.TestItem, TestItemInfo>();
  private readonly byKey = new Map<string, vscode.TestItem>();

  constructor(private readonly controller: vscode.TestController) {}

  info(item: vscode.TestItem): TestItemInfo | undefined {
    return this.infos.get(item);
  }

  /** Finds every test file of every workspace folder and reads its tests. */
  async discoverAll(): Promise<void> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const files = await listPythonFiles(folder.uri.fsPath, RUN_SET_MAX_FILES).catch(() => []);
      // Absolute paths, sorted, so the tree is in path order.
      for (const file of files.filter((name) => isTestFileName(path.basename(name)))) await this.readFile(vscode.Uri.file(file));
    }
  }

  /**
   * Reads the test files under a folder that has just appeared (a checkout, a copy, a mkdir and a
   * write): a recursive watcher misses the files made in a new folder before it watches that folder.
   */
  async discoverUnder(folder: vscode.Uri): Promise<void> {
    const place = this.placeOf(folder);
    if (!place || place.relative === '' || place.relative.split('/').some((part) => part.startsWith('.') || SKIPPED_FOLDERS.has(part))) return;
    const files = await listPythonFiles(folder.fsPath, RUN_SET_MAX_FILES).catch(() => []);
    for (const file of files.filter((name) => isTestFileName(path.basename(name)))) await this.readFile(vscode.Uri.file(file));
  }

  /** Drops the files under a folder that is gone: the watcher names the folder, not each file in it. */
  removeUnder(folder: vscode.Uri): void {
    const place = this.placeOf(folder);
    if (!place || place.relative === '') return;
    const files = [...this.byKey.values()].filter((item) => {
      const info = this.infos.get(item);
      return info?.kind === 'file' && info.root === place.root && info.nodeId.startsWith(`${place.relative}/`);
    });
    for (const item of files) if (item.uri) this.removeFile(item.uri);
  }

  /** Reads (or re-reads) one file's tests: from its open document when there is one, else from disk. */
  async readFile(uri: vscode.Uri, text?: string): Promise<void> {
    const place = this.placeOf(uri);
    if (!place || !isTestFileName(path.basename(uri.fsPath))) return;
    const content = text ?? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.getText() ?? (await fs.readFile(uri.fsPath, 'utf8').catch(() => undefined));
    if (content === undefined) return this.removeFile(uri);
    const declared = declaredTests(content);
    if (declared.length === 0) return this.removeFile(uri);
    const fileItem = this.itemFor(place.root, place.relative, 'file', uri);
    this.forgetInside(place.root, place.relative);
    fileItem.children.replace(declared.map((test) => this.declaredItem(place.root, place.relative, uri, test, [])));
  }

  removeFile(uri: vscode.Uri): void {
    const place = this.placeOf(uri);
    const item = place && this.byKey.get(keyOf(place.root, place.relative));
    if (!place || !item) return;
    this.forgetInside(place.root, place.relative);
    this.byKey.delete(keyOf(place.root, place.relative));
    // Folders left empty go with it.
    let parent = item.parent;
    (parent?.children ?? this.controller.items).delete(item.id);
    while (parent && parent.children.size === 0) {
      const above = parent.parent;
      (above?.children ?? this.controller.items).delete(parent.id);
      const info = this.infos.get(parent);
      if (info) this.byKey.delete(keyOf(info.root, info.nodeId));
      parent = above;
    }
  }

  /** Drops the remembered tests of a file before it is read again, so a deleted test is not found. */
  private forgetInside(root: string, file: string): void {
    const prefix = `${keyOf(root, file)}::`;
    for (const key of [...this.byKey.keys()]) if (key.startsWith(prefix)) this.byKey.delete(key);
  }

  /** The item of a node id in a folder, if discovered (a parametrized case is made under its function). */
  find(root: string, nodeId: string): vscode.TestItem | undefined {
    const known = this.byKey.get(keyOf(root, nodeId));
    if (known) return known;
    const parentId = caseParentOf(nodeId);
    const parent = parentId === undefined ? undefined : this.byKey.get(keyOf(root, parentId));
    if (!parent) return undefined;
    const item = this.controller.createTestItem(this.idOf(root, nodeId), nodeId.slice(parentId!.length), parent.uri);
    item.range = parent.range;
    this.remember(item, { root, nodeId, kind: 'case' });
    parent.children.add(item);
    return item;
  }

  /**
   * The item of a doctest result (`pkg/mod.py::pkg.mod.func`, selfHeal.tests.doctests): a module is
   * no test file, so its docstrings become items only as they run, at the line the result names.
   */
  doctestItem(root: string, nodeId: string, line: number | undefined): vscode.TestItem | undefined {
    const [file, name] = nodeId.split('::');
    if (!name || isTestFileName(path.posix.basename(file)) || !file.endsWith('.py')) return undefined;
    const uri = vscode.Uri.file(path.join(root, ...file.split('/')));
    const item = this.byKey.get(keyOf(root, nodeId)) ?? this.controller.createTestItem(this.idOf(root, nodeId), name, uri);
    if (line !== undefined) item.range = new vscode.Range(line - 1, 0, line - 1, 0);
    this.remember(item, { root, nodeId, kind: 'doctest' });
    this.itemFor(root, file, 'file', uri).children.add(item);
    return item;
  }

  /** Every item, depth first, for the tests' view of the tree. */
  all(): vscode.TestItem[] {
    const found: vscode.TestItem[] = [];
    // In the view's order: by line inside a file, by name above it. Files are added as the
    // watcher reports them, so the collections' own order depends on timing.
    const walk = (items: vscode.TestItemCollection): void => {
      const level: vscode.TestItem[] = [];
      items.forEach((item) => void level.push(item));
      level.sort(viewOrder);
      for (const item of level) {
        found.push(item);
        walk(item.children);
      }
    };
    walk(this.controller.items);
    return found;
  }

  private declaredItem(root: string, file: string, uri: vscode.Uri, test: DeclaredTest, outer: string[]): vscode.TestItem {
    const nodeId = [file, ...outer, test.name].join('::');
    const item = this.controller.createTestItem(this.idOf(root, nodeId), test.name, uri);
    item.range = new vscode.Range(test.line - 1, 0, test.line - 1, 0);
    this.remember(item, { root, nodeId, kind: test.kind });
    item.children.replace(test.children.map((child) => this.declaredItem(root, file, uri, child, [...outer, test.name])));
    return item;
  }

  /** The file's or folder's item, made with the folders above it when new. */
  private itemFor(root: string, relative: string, kind: 'file' | 'folder', uri: vscode.Uri): vscode.TestItem {
    const known = this.byKey.get(keyOf(root, relative));
    if (known) return known;
    const parentPath = path.posix.dirname(relative);
    const parent = parentPath === '.' ? undefined : this.itemFor(root, parentPath, 'folder', vscode.Uri.file(path.join(root, parentPath)));
    const item = this.controller.createTestItem(this.idOf(root, relative), path.posix.basename(relative), uri);
    this.remember(item, { root, nodeId: relative, kind });
    (parent?.children ?? this.rootItems(root)).add(item);
    return item;
  }

  /** With several workspace folders each gets an item of its own; with one, its tests are the top level. */
  private rootItems(root: string): vscode.TestItemCollection {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length <= 1) return this.controller.items;
    const folder = folders.find((f) => f.uri.fsPath === root);
    let item = this.controller.items.get(root);
    if (!item) {
      item = this.controller.createTestItem(root, folder?.name ?? path.basename(root), vscode.Uri.file(root));
      this.remember(item, { root, nodeId: '', kind: 'folder' });
      this.controller.items.add(item);
    }
    return item.children;
  }

  private idOf(root: string, nodeId: string): string {
    return (vscode.workspace.workspaceFolders ?? []).length <= 1 ? nodeId : `${root}|${nodeId}`;
  }

  private remember(item: vscode.TestItem, info: TestItemInfo): void {
    this.infos.set(item, info);
    if (info.nodeId !== '') this.byKey.set(keyOf(info.root, info.nodeId), item);
  }

  private placeOf(uri: vscode.Uri): { root: string; relative: string } | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || uri.scheme !== 'file') return undefined;
    const relative = path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/');
    return relative.startsWith('..') ? undefined : { root: folder.uri.fsPath, relative };
  }
}

function keyOf(root: string, nodeId: string): string {
  return `${root}|${nodeId}`;
}

function viewOrder(a: vscode.TestItem, b: vscode.TestItem): number {
  const byLine = (a.range?.start.line ?? -1) - (b.range?.start.line ?? -1);
  return byLine !== 0 ? byLine : a.label.localeCompare(b.label);
}
