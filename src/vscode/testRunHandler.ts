// The "Run in Sandbox" profile: the selected tests (or all) of each workspace folder run through
// core's runTests in one sandbox run, with the user's settings through the run gate (trust, the
// workspace values asked about, the image by the project's Python version), cancelled by the run's
// token (its abort stops the container). Each result goes to its item; a problem that kept the
// tests from running is the run's output and every selected item's error.
import * as vscode from 'vscode';
import { RunSetError } from '../core/program/runSet';
import { runTests } from '../core/testing/runTests';
import { chooseTestFramework } from '../core/testing/testFramework';
import { collectTestProject } from '../core/testing/testProject';
import { fileOfNodeId, isSelected, nodeIdOfResult, selectionFor } from '../core/testing/testSelection';
import { isTestFileName } from '../core/testing/testDiscovery';
import type { TestRunProblem, TestRunReport } from '../core/testing/testTypes';
import type { EditorEnvironments } from './editorEnvironments';
import type { RunnerProvider } from './runnerProvider';
import type { RunGate } from './runGate';
import type { TestDiagnostics } from './testDiagnostics';
import { itemsByFolder } from './testRequestFolders';
import { reportNotRun, reportResult, terminalText, type ReportedTest, type TestOutput } from './testResultReport';
import type { TestTree } from './testTree';

export const LOCAL_RUNNER_REFUSED = 'Self-Heal runs tests only in the sandbox: the local runner (selfHeal.runner = local) cannot report results per test.';

export interface TestRunDeps {
  controller: vscode.TestController;
  tree: TestTree;
  gate: RunGate;
  runners: RunnerProvider;
  /** Builds the project's test environment, asking the user first as a program run does. */
  environments: EditorEnvironments;
  diagnostics: TestDiagnostics;
  log: vscode.LogOutputChannel;
}

/** What the last run reported, as the Test Explorer got it (for the integration tests). */
export interface TestRunRecord {
  requested: string[];
  reported: ReportedTest[];
  output: string;
  problem?: TestRunProblem;
  durationMs?: number;
}

export class TestRunHandler {
  last: TestRunRecord | undefined;

  constructor(private readonly deps: TestRunDeps) {}

  async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<TestRunRecord> {
    const record: TestRunRecord = { requested: (request.include ?? []).map((item) => item.id), reported: [], output: '' };
    this.last = record;
    const run = this.deps.controller.createTestRun(request, 'Run in Sandbox');
    const say: TestOutput = (text, location, item) => {
      record.output += text;
      run.appendOutput(terminalText(text), location, item);
    };
    try {
      for (const [root, items] of itemsByFolder(this.deps.tree, request)) {
        if (token.isCancellationRequested) break;
        await this.runFolder({ run, record, say, token }, root, items);
      }
    } finally {
      run.end();
    }
    return record;
  }

  private async runFolder(context: RunContext, root: string, items: vscode.TestItem[]): Promise<void> {
    const { run, record, say, token } = context;
    const nodeIds = items.map((item) => this.deps.tree.info(item)?.nodeId ?? '').filter((id) => id !== '');
    const notRun = (text: string) => {
      say(`${text}\n`);
      record.reported.push(...reportNotRun(run, items.length > 0 ? items : this.deps.tree.all().filter((i) => this.deps.tree.info(i)?.root === root), text));
    };
    const allowed = await this.deps.gate.settingsFor(vscode.Uri.file(root), { model: false });
    if ('refused' in allowed) return notRun(allowed.refused);
    const settings = allowed.settings;
    if (settings.runner === 'local') return notRun(LOCAL_RUNNER_REFUSED);
    let project;
    try {
      project = await collectTestProject(root);
    } catch (error) {
      if (error instanceof RunSetError) return notRun(`Self-Heal: ${error.message}`);
      throw error;
    }
    const framework = chooseTestFramework(project.files);
    const selection = selectionFor(framework, nodeIds);
    project.paths = selection.paths;
    items.forEach((item) => run.started(item));
    const runner = await this.deps.runners.runnerFor(settings);
    const controller = new AbortController();
    const listener = token.onCancellationRequested(() => controller.abort());
    const environment = await this.deps.environments.testEnvironmentFor(settings, (message) => say(`${message}\n`));
    // The setting names folders of the workspace folder; a run of chosen tests keeps them, as pytest's flag would.
    const doctests = settings.tests.doctests;
    say(`▶ ${framework} in ${settings.image}${nodeIds.length > 0 ? `: ${nodeIds.join(' ')}` : ''}\n`);
    let report: TestRunReport;
    try {
      report = await runTests(project, { runner, limits: settings.limits, image: settings.image, keyword: selection.keyword, framework, environment, doctests, signal: controller.signal });
    } finally {
      listener.dispose();
    }
    this.deps.log.info(`tests in ${root}: ${framework}, image ${settings.image}, ${report.totals.total} results${report.problem ? `, ${report.problem.kind}` : ''}, ${report.durationMs} ms`);
    record.problem = report.problem;
    record.durationMs = report.durationMs;
    const testFiles = Object.keys(project.files).filter((file) => isTestFileName(file.split('/').pop() ?? ''));
    for (const result of report.tests) {
      const nodeId = nodeIdOfResult(framework, result.id, testFiles);
      if (!isSelected(nodeId, nodeIds)) continue;
      const item = this.deps.tree.find(root, nodeId) ?? (result.collectionError ? this.deps.tree.find(root, fileOfNodeId(nodeId)) : this.deps.tree.doctestItem(root, nodeId, result.line));
      this.deps.diagnostics.show(root, nodeId, result, project.files);
      if (item) record.reported.push(reportResult(run, say, item, result, root, project.files));
      else say(`${result.id}: ${result.outcome}${result.message ? ` (${result.message})` : ''}\n`);
    }
    if (!report.problem) return;
    // The tests did not run at all: every selected item says why. A stopped run keeps what it had.
    if (['pytest-missing', 'engine', 'driver', 'no-channel'].includes(report.problem.kind)) notRun(report.problem.message);
    else say(`${report.problem.message}\n`);
  }
}

interface RunContext {
  run: vscode.TestRun;
  record: TestRunRecord;
  say: TestOutput;
  token: vscode.CancellationToken;
}
