// Run & Self-Heal knows tests exist: when one file ran clean (or healed), the test files among its
// files that import it are run once in the sandbox with its final texts; when any of them fails the
// outcome is "ran clean; N tests fail" (core's withFailingTests) in the panel and in a notification
// with Heal Failing Tests. Nothing runs when no test imports the file, so a plain run pays nothing.
// A workspace run runs each folder's whole suite once after its programs (docs/testing.md), so
// programs that all run clean beside failing tests are never told as all clean.
import * as vscode from 'vscode';
import { COMMANDS } from '../contract/editorPanelContract';
import type { FileHealRecord } from '../core/heal/ledger';
import type { HealTarget } from '../core/heal/healTargets';
import { CLEAN_RUN_WORDS } from '../core/program/launch';
import type { Runner } from '../core/run/runTypes';
import type { SelfHealSettings } from '../core/settings/settingsModel';
import { failingTestsPhrase, testFilesImporting, withFailingTests } from '../core/testHeal/testsOfModule';
import { isTestFileName } from '../core/testing/testDiscovery';
import type { TestEnvironment } from '../core/testing/testEnvironment';
import { runTests } from '../core/testing/runTests';
import type { TestRunReport } from '../core/testing/testTypes';
import type { Notifications } from './notifications';

export const HEAL_FAILING_TESTS = 'Heal Failing Tests';

export interface FailingTests {
  /** "ran clean; 1 test fails". */
  words: string;
  failing: string[];
  testFiles: string[];
}

/** The tests that import a clean or healed file and fail with its final texts; undefined when none fails or none exists. */
export async function failingTestsAfter(target: HealTarget, record: FileHealRecord, run: { runner: Runner; settings: SelfHealSettings; signal: AbortSignal }): Promise<FailingTests | undefined> {
  if (record.outcome !== 'clean' && record.outcome !== 'healed') return undefined;
  const files = { ...target.files, ...record.changedFiles };
  const testFiles = testFilesImporting(target.launch.target, files);
  if (testFiles.length === 0) return undefined;
  const report = await runTests({ root: target.root, files, paths: testFiles, leftOut: [] }, { runner: run.runner, limits: run.settings.limits, image: run.settings.image, signal: run.signal });
  const failing = redOf(report).map((test) => test.id);
  if (failing.length === 0) return undefined;
  const outcome = record.outcome === 'clean' ? CLEAN_RUN_WORDS[target.launch.kind] : 'healed';
  return { words: withFailingTests(outcome, failing.length), failing, testFiles };
}

export interface WorkspaceTestRun {
  runner: Runner;
  settings: SelfHealSettings;
  signal: AbortSignal;
  /** The tests' requirements, as Run in Sandbox installs them. */
  environment?: TestEnvironment;
  log: (line: string) => void;
  /** Told before a folder's suite starts (the progress notification says so). */
  onSuite?: (root: string) => void;
}

/**
 * After a workspace run: each folder's suite once, as Run in Sandbox runs it, with the texts the
 * programs ended with (their fixes in). Undefined when the run was cancelled, a folder has no test
 * file, or no test fails; words: "2 tests fail".
 */
export async function failingTestsOfWorkspace(ran: ReadonlyArray<{ target: HealTarget; record: FileHealRecord }>, run: WorkspaceTestRun): Promise<FailingTests | undefined> {
  if (run.signal.aborted || ran.some(({ record }) => record.outcome === 'cancelled')) return undefined;
  const folders = new Map<string, Record<string, string>>();
  for (const { target } of ran) folders.set(target.root, { ...folders.get(target.root), ...target.files });
  for (const { target, record } of ran) Object.assign(folders.get(target.root) ?? {}, record.changedFiles);
  const failing: string[] = [];
  const testFiles = new Set<string>();
  for (const [root, files] of folders) {
    if (!Object.keys(files).some((file) => isTestFileName(file.split('/').pop() ?? ''))) continue;
    run.onSuite?.(root);
    const report = await runTests({ root, files, paths: [], leftOut: [] }, {
      runner: run.runner, limits: run.settings.limits, image: run.settings.image, environment: run.environment, doctests: run.settings.tests.doctests, signal: run.signal,
    });
    run.log(`the tests of ${root} after the run: ${report.totals.total} results${report.problem ? `, ${report.problem.kind}: ${report.problem.message}` : ''}`);
    for (const test of redOf(report)) {
      failing.push(test.id);
      if (test.file) testFiles.add(test.file);
    }
  }
  if (failing.length === 0 || run.signal.aborted) return undefined;
  return { words: failingTestsPhrase(failing.length), failing, testFiles: [...testFiles] };
}

function redOf(report: TestRunReport): TestRunReport['tests'] {
  return report.tests.filter((test) => test.outcome === 'failed' || test.outcome === 'error');
}

/** The notification: what ran, how many tests fail, and Heal Failing Tests for their file (or all). */
export function announceFailingTests(notifications: Notifications, entry: string, tests: FailingTests): void {
  const message = `Self-Heal: ${entry} ${tests.words}: ${tests.failing.slice(0, 3).join(', ')}${tests.failing.length > 3 ? ', …' : ''}`;
  notifications.offer('warning', message, healFailingTestsAction(tests));
}

/** Heal Failing Tests for the one test file that fails, else for every folder. */
export function healFailingTestsAction(tests: FailingTests): Record<string, () => unknown> {
  const item = tests.testFiles.length === 1 ? { id: tests.testFiles[0] } : undefined;
  return { [HEAL_FAILING_TESTS]: () => vscode.commands.executeCommand(COMMANDS.healFailingTests, item) };
}

/** "2 tests fail: tests/test_a.py::test_x, tests/test_b.py::test_y": a sentence for a run's summary. */
export function failingTestsSentence(tests: FailingTests): string {
  return `${tests.words.charAt(0).toUpperCase()}${tests.words.slice(1)}: ${tests.failing.slice(0, 3).join(', ')}${tests.failing.length > 3 ? ', …' : ''}.`;
}
