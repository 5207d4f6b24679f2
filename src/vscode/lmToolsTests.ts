// selfHeal_runTests: a workspace folder's tests (all, or the node ids asked for) run through core's
// runTests in one sandbox run, as the Test Explorer's "Run in Sandbox" runs them: the run gate, the
// sandbox only (the local runner cannot report per test), the image from the settings. The answer
// is per test, compact: passing tests by id, the others with their message, place and a tail of
// what the framework showed.
import * as path from 'path';
import * as vscode from 'vscode';
import { RunSetError } from '../core/program/runSet';
import { runTests } from '../core/testing/runTests';
import { chooseTestFramework } from '../core/testing/testFramework';
import { collectTestProject } from '../core/testing/testProject';
import { selectionFor } from '../core/testing/testSelection';
import { reportedTestRun } from '../core/testing/reportedTests';
import { objectInput, onlyKnown, optionalSeconds, optionalString, stringList, ToolRefusal, workspacePath, type WorkspacePath } from './lmToolInput';
import type { LmToolDeps } from './lmTools';
import { gatedSettings } from './lmToolsRun';
import { LOCAL_RUNNER_REFUSED } from './testRunHandler';

export const TESTS_TOOL = 'selfHeal_runTests';

async function folderOf(given: string | undefined): Promise<WorkspacePath> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (given === undefined) {
    if (!folders[0]) throw new ToolRefusal('no folder is open, so there are no tests to run');
    return { root: folders[0].uri.fsPath, file: folders[0].uri.fsPath, relative: '' };
  }
  const found = await workspacePath(given, { kind: 'folder' });
  // The project is the workspace folder: its tests import its modules from there.
  if (found.relative !== '') throw new ToolRefusal(`${given} is not a workspace folder; give the folder that was opened, and choose tests with "tests"`);
  return found;
}

export async function runProjectTests(deps: LmToolDeps, input: unknown, signal: AbortSignal): Promise<Record<string, unknown>> {
  const given = objectInput(input);
  onlyKnown(given, ['folder', 'tests', 'timeout_seconds']);
  const folder = await folderOf(optionalString(given, 'folder', 4096));
  const nodeIds = stringList(given, 'tests', { min: 0, max: 256 }) ?? [];
  const settings = await gatedSettings(deps, folder, { model: false }, optionalSeconds(given, 'timeout_seconds'));
  if (settings.runner === 'local') throw new ToolRefusal(LOCAL_RUNNER_REFUSED);
  let project;
  try {
    project = await collectTestProject(folder.root);
  } catch (error) {
    if (error instanceof RunSetError) throw new ToolRefusal(error.message);
    throw error;
  }
  const framework = chooseTestFramework(project.files);
  const selection = selectionFor(framework, nodeIds);
  project.paths = selection.paths;
  const runner = await deps.runners.runnerFor(settings);
  const report = await runTests(project, { runner, limits: settings.limits, image: settings.image, keyword: selection.keyword, framework, signal });
  deps.log.info(`${TESTS_TOOL}: ${path.basename(folder.root)}: ${framework}, image ${settings.image}, ${report.totals.total} results${report.problem ? `, ${report.problem.kind}` : ''}`);
  // Core's shape (framework, totals, tests), with the image this run used after the framework.
  return { framework, image: settings.image, ...reportedTestRun(report) };
}
