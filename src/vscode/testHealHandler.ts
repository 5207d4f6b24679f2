// The "Heal Failing Tests" profile (and the test items' context action): per workspace folder, the
// selected tests (or all, whose failing ones become the targets) are healed by core's
// healAgainstTests with the user's settings through the run gate, the model included, in the
// environment and with the doctests Run in Sandbox uses. The fix is
// delivered as every other fix is (testHealDelivery.ts), and each test's item says how it ends.
import * as vscode from 'vscode';
import type { AttemptsPanelFeed } from '../contract/editorPanelContract';
import type { FixState } from '../core/heal/fixLifecycle';
import { RunSetError } from '../core/program/runSet';
import { healAgainstTests } from '../core/testHeal/healAgainstTests';
import type { TestHealReceipt } from '../core/testHeal/testHealTypes';
import { isTestFileName } from '../core/testing/testDiscovery';
import { chooseTestFramework } from '../core/testing/testFramework';
import { collectTestProject } from '../core/testing/testProject';
import { nodeIdOfResult, selectionFor } from '../core/testing/testSelection';
import type { EditorEnvironments } from './editorEnvironments';
import type { FixDecisions } from './fixDecisions';
import type { ModelProvider } from './modelProvider';
import type { Notifications } from './notifications';
import type { RunnerProvider } from './runnerProvider';
import type { RunGate } from './runGate';
import { deliverTestHeal } from './testHealDelivery';
import { folderLabel, itemsByFolder } from './testRequestFolders';
import { LOCAL_RUNNER_REFUSED } from './testRunHandler';
import type { TestTree } from './testTree';

export const HEAL_PROFILE = 'Heal Failing Tests';
/** The setting that lets a fix edit the test files (they are the specification otherwise). */
export const ALLOW_TEST_EDITS = 'tests.allowTestEdits';

export interface TestHealDeps {
  controller: vscode.TestController;
  tree: TestTree;
  gate: RunGate;
  runners: RunnerProvider;
  environments: EditorEnvironments;
  models: ModelProvider;
  decisions: FixDecisions;
  panel: AttemptsPanelFeed;
  notifications: Notifications;
  log: vscode.LogOutputChannel;
}

/** The last heal of a folder, for the integration tests. */
export interface TestHealRecord {
  runId: string;
  root: string;
  refused?: string;
  receipt?: TestHealReceipt;
  state?: FixState;
  applied: string[];
  note?: string;
  /** The items given an outcome in the Test Explorer, as reported (for the tests). */
  reported?: Array<{ id: string; outcome: 'passed' | 'failed' }>;
}

let runCount = 0;

export class TestHealHandler {
  last: TestHealRecord[] = [];

  constructor(private readonly deps: TestHealDeps) {}

  async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<TestHealRecord[]> {
    const records: TestHealRecord[] = [];
    this.last = records;
    const run = this.deps.controller.createTestRun(request, HEAL_PROFILE);
    try {
      for (const [root, items] of itemsByFolder(this.deps.tree, request)) {
        if (token.isCancellationRequested) break;
        records.push(await this.healFolder(run, root, items, token));
      }
    } finally {
      run.end();
    }
    return records;
  }

  private async healFolder(run: vscode.TestRun, root: string, items: vscode.TestItem[], token: vscode.CancellationToken): Promise<TestHealRecord> {
    const runId = `tests-${Date.now()}-${++runCount}`;
    const record: TestHealRecord = { runId, root, applied: [] };
    const refuse = (why: string): TestHealRecord => {
      run.appendOutput(`${why}\r\n`);
      items.forEach((item) => run.errored(item, new vscode.TestMessage(why)));
      return { ...record, refused: why };
    };
    const allowed = await this.deps.gate.settingsFor(vscode.Uri.file(root), { model: true });
    if ('refused' in allowed) return refuse(allowed.refused);
    const settings = allowed.settings;
    if (settings.runner === 'local') return refuse(LOCAL_RUNNER_REFUSED);
    let project;
    try {
      project = await collectTestProject(root);
    } catch (error) {
      if (error instanceof RunSetError) return refuse(`Self-Heal: ${error.message}`);
      throw error;
    }
    const framework = chooseTestFramework(project.files);
    const nodeIds = items.map((item) => this.deps.tree.info(item)?.nodeId ?? '').filter((id) => id !== '');
    const selection = selectionFor(framework, nodeIds);
    project.paths = selection.paths;
    const allowTestEdits = vscode.workspace.getConfiguration('selfHeal', vscode.Uri.file(root)).get<boolean>(ALLOW_TEST_EDITS, false) === true;
    const model = await this.deps.models.fixerFor(settings);
    const runner = await this.deps.runners.runnerFor(settings);
    // The suite is judged as Run in Sandbox runs it: the tests' requirements installed, the doctests of selfHeal.tests.doctests.
    const environment = await this.deps.environments.testEnvironmentFor(settings, (message) => run.appendOutput(`${message}\r\n`));
    items.forEach((item) => run.started(item));
    this.deps.panel.startRun({ id: runId, title: `Heal failing tests: ${folderLabel(root)}`, entries: [] });
    this.deps.panel.setRunning(true);
    const controller = new AbortController();
    const listener = token.onCancellationRequested(() => controller.abort());
    const log = (line: string): void => {
      run.appendOutput(`${line}\r\n`);
      this.deps.log.info(`heal against tests in ${root}: ${line}`);
    };
    let receipt: TestHealReceipt;
    try {
      receipt = await healAgainstTests({ ...project, files: { ...project.files } }, {
        runner, limits: settings.limits, image: settings.image, environment, doctests: settings.tests.doctests, keyword: selection.keyword, framework, maxAttempts: settings.fix.maxAttempts,
        rules: settings.fix.ruleBased, model, allowTestEdits, signal: controller.signal, log, tokenBudget: settings.model.maxTokensPerHeal,
      });
    } catch (error) {
      this.deps.panel.endHealing(runId, 'failed');
      this.deps.panel.setRunning(false);
      throw error;
    } finally {
      listener.dispose();
    }
    log(`${receipt.outcome}: ${receipt.reason}`);
    const reported = this.reportItems(run, root, framework, project.files, receipt);
    const delivered = await deliverTestHeal({ runId, root, receipt, files: project.files, auto: settings.fix.applyMode === 'auto' }, this.deps);
    this.deps.panel.endHealing(runId);
    this.deps.panel.setRunning(false);
    return { ...record, receipt, ...delivered, reported };
  }

  /**
   * Each test the receipt names gets its item's outcome: green passed, still red and flaky failed.
   * A doctest no run has shown yet gets its item now (a module is no test file: its docstrings
   * become items only as they run).
   */
  private reportItems(run: vscode.TestRun, root: string, framework: ReturnType<typeof chooseTestFramework>, files: Readonly<Record<string, string>>, receipt: TestHealReceipt): NonNullable<TestHealRecord['reported']> {
    const testFiles = Object.keys(files).filter((file) => isTestFileName(file.split('/').pop() ?? ''));
    const reported: NonNullable<TestHealRecord['reported']> = [];
    const report = (id: string, outcome: 'passed' | 'failed', message?: string): void => {
      const nodeId = nodeIdOfResult(framework, id, testFiles);
      const item = this.deps.tree.find(root, nodeId) ?? this.deps.tree.doctestItem(root, nodeId, undefined);
      if (!item) return;
      if (outcome === 'passed') run.passed(item);
      else run.failed(item, new vscode.TestMessage(message ?? ''));
      reported.push({ id: item.id, outcome });
    };
    for (const id of receipt.green) report(id, 'passed');
    for (const id of receipt.stillRed) report(id, 'failed', `still failing after healing: ${receipt.reason}`);
    for (const id of receipt.flaky) report(id, 'failed', 'flaky: failed once and passed once on the unchanged code; not healed');
    return reported;
  }
}
