// The project's tests in VS Code's Test Explorer: the "Self-Heal sandbox" controller, its tree
// (testTree.ts, read from the files and kept current as they change), the default "Run in
// Sandbox" profile (testRunHandler.ts) and "Heal Failing Tests" (testHealHandler.ts, also the
// items' context action). In a test host two hidden commands run items by id and
// cancel the run, since the tests cannot click the Test Explorer; a third reads the state back.
import * as fs from 'fs/promises';
import * as vscode from 'vscode';
import { COMMANDS, type AttemptsPanelFeed } from '../contract/editorPanelContract';
import { isTestFileName } from '../core/testing/testDiscovery';
import type { EditorEnvironments } from './editorEnvironments';
import type { FixDecisions } from './fixDecisions';
import type { ModelProvider } from './modelProvider';
import type { Notifications } from './notifications';
import type { RunnerProvider } from './runnerProvider';
import type { RunGate } from './runGate';
import { TestDiagnostics } from './testDiagnostics';
import { HEAL_PROFILE, TestHealHandler, type TestHealRecord } from './testHealHandler';
import { TestRunHandler, type TestRunRecord } from './testRunHandler';
import { TestTree } from './testTree';

export const RUN_TEST_ITEMS = '_selfHeal.runTestItems';
export const CANCEL_TEST_RUN = '_selfHeal.cancelTestRun';
/** Heals the items with these ids (all when none are given) as the Heal Failing Tests profile would. */
export const HEAL_TEST_ITEMS = '_selfHeal.healTestItems';
/** The tree and the last run as reported, read back by the integration tests like `_selfHeal.testState`. */
export const TEST_EXPLORER_STATE = '_selfHeal.testExplorerState';
const TEST_FILES_GLOB = '**/{test_*.py,*_test.py}';

export interface TestExplorerDeps {
  gate: RunGate;
  runners: RunnerProvider;
  environments: EditorEnvironments;
  log: vscode.LogOutputChannel;
  models: ModelProvider;
  decisions: FixDecisions;
  panel: AttemptsPanelFeed;
  notifications: Notifications;
  /** A test host: register the hidden commands that run and cancel by id. */
  testHost: boolean;
}

export class TestExplorer implements vscode.Disposable {
  readonly diagnostics = new TestDiagnostics();
  private readonly controller = vscode.tests.createTestController('selfHealSandbox', 'Self-Heal sandbox');
  private readonly tree = new TestTree(this.controller);
  private readonly handler: TestRunHandler;
  private readonly healer: TestHealHandler;
  private readonly disposables: vscode.Disposable[] = [];
  private discovered: Promise<void> | undefined;
  private cancelling: vscode.CancellationTokenSource | undefined;

  constructor(deps: TestExplorerDeps) {
    this.handler = new TestRunHandler({ controller: this.controller, tree: this.tree, gate: deps.gate, runners: deps.runners, environments: deps.environments, diagnostics: this.diagnostics, log: deps.log });
    this.healer = new TestHealHandler({ ...deps, controller: this.controller, tree: this.tree });
    this.controller.createRunProfile('Run in Sandbox', vscode.TestRunProfileKind.Run, async (request, token) => void (await this.run(request, token)), true);
    this.controller.createRunProfile(HEAL_PROFILE, vscode.TestRunProfileKind.Run, async (request, token) => void (await this.heal(request, token)), false);
    // Asked for when the Test Explorer (or a test file) first needs the tree.
    this.controller.resolveHandler = (item) => (item ? Promise.resolve() : this.discover());
    this.controller.refreshHandler = () => {
      this.controller.items.replace([]);
      this.discovered = undefined;
      return this.discover();
    };
    const readDocument = (document: vscode.TextDocument) => isTestFileName(document.fileName.split(/[\\/]/).pop() ?? '') && void this.tree.readFile(document.uri, document.getText());
    const watcher = vscode.workspace.createFileSystemWatcher(TEST_FILES_GLOB);
    // Folders as they come and go: their files may never be reported one by one.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.disposables.push(
      this.controller,
      this.diagnostics,
      watcher,
      folders,
      folders.onDidCreate((uri) => void isFolder(uri).then((yes) => (yes ? this.tree.discoverUnder(uri) : undefined))),
      folders.onDidDelete((uri) => this.tree.removeUnder(uri)),
      watcher.onDidCreate((uri) => void this.tree.readFile(uri)),
      watcher.onDidChange((uri) => void this.tree.readFile(uri)),
      watcher.onDidDelete((uri) => this.tree.removeFile(uri)),
      vscode.workspace.onDidOpenTextDocument(readDocument),
      vscode.workspace.onDidChangeTextDocument((event) => readDocument(event.document)),
    );
    vscode.workspace.textDocuments.forEach(readDocument);
    this.disposables.push(
      vscode.commands.registerCommand(TEST_EXPLORER_STATE, () => this.state()),
      // The context menu hands over the item; the palette nothing (every folder's tests).
      vscode.commands.registerCommand(COMMANDS.healFailingTests, (item?: unknown) => this.healIds(item && typeof item === 'object' && 'id' in item && typeof item.id === 'string' ? [item.id] : undefined)),
    );
    if (deps.testHost) {
      this.disposables.push(
        vscode.commands.registerCommand(RUN_TEST_ITEMS, (ids?: unknown) => this.runIds(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : undefined)),
        vscode.commands.registerCommand(HEAL_TEST_ITEMS, (ids?: unknown) => this.healIds(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : undefined)),
        vscode.commands.registerCommand(CANCEL_TEST_RUN, () => this.cancelling?.cancel()),
      );
    }
  }

  discover(): Promise<void> {
    this.discovered ??= this.tree.discoverAll();
    return this.discovered;
  }

  /** The tree and the last run, as the integration tests read them. */
  async state() {
    await this.discover();
    return {
      items: this.tree.all().map((item) => ({ id: item.id, label: item.label, kind: this.tree.info(item)?.kind, ...(item.range ? { line: item.range.start.line + 1 } : {}), parent: item.parent?.id })),
      lastRun: this.handler.last,
      lastHeal: this.healer.last,
      diagnostics: this.diagnostics.all().map(({ uri, diagnostics }) => ({
        file: vscode.workspace.asRelativePath(uri),
        items: diagnostics.map((d) => ({
          range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
          message: d.message,
          source: d.source,
          code: d.code,
          related: (d.relatedInformation ?? []).map((r) => ({ file: vscode.workspace.asRelativePath(r.location.uri), line: r.location.range.start.line + 1, message: r.message })),
        })),
      })),
    };
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<TestRunRecord> {
    await this.discover();
    return this.handler.run(request, token);
  }

  private async heal(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<TestHealRecord[]> {
    await this.discover();
    return this.healer.run(request, token);
  }

  private healIds(ids: string[] | undefined): Promise<TestHealRecord[]> {
    return this.withItems(ids, (request, token) => this.heal(request, token));
  }

  /** Runs the items with these ids (all when none are given) as the profile would. */
  private runIds(ids: string[] | undefined): Promise<TestRunRecord> {
    return this.withItems(ids, (request, token) => this.run(request, token));
  }

  /** A request for the items with these ids (all when none are given), cancellable by CANCEL_TEST_RUN. */
  private async withItems<T>(ids: string[] | undefined, go: (request: vscode.TestRunRequest, token: vscode.CancellationToken) => Promise<T>): Promise<T> {
    await this.discover();
    const items = (ids ?? []).map((id) => this.tree.all().find((item) => item.id === id));
    const missing = (ids ?? []).filter((_, at) => !items[at]);
    if (missing.length > 0) throw new Error(`no test items ${missing.join(', ')}`);
    const source = new vscode.CancellationTokenSource();
    this.cancelling = source;
    try {
      return await go(new vscode.TestRunRequest(ids ? items.filter((item): item is vscode.TestItem => item !== undefined) : undefined), source.token);
    } finally {
      source.dispose();
      if (this.cancelling === source) this.cancelling = undefined;
    }
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

async function isFolder(uri: vscode.Uri): Promise<boolean> {
  if (uri.scheme !== 'file') return false;
  return (await fs.stat(uri.fsPath).catch(() => undefined))?.isDirectory() ?? false;
}
