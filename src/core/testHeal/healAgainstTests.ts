// Healing against a project's tests: the one workflow the CLI, the editor and other tools (an MCP server, for one) call.
// The failing tests are the target. The suite runs twice on the unchanged code: a test that fails
// once and passes once is flaky and is reported, never "healed"; the tests that fail both times are
// the targets, those that pass both times the guards. Then fixes are tried (testFixLoop.ts) and the
// receipt says what was red before and green after, with the suite's totals on both sides.
import { unifiedDiffOfFiles } from '../heal/unifiedDiff';
import { NO_TOKENS } from '../model/modelTypes';
import { runTests } from '../testing/runTests';
import type { TestProject } from '../testing/testProject';
import { totalsLine } from '../testing/testSummary';
import type { TestOutcome, TestRunReport } from '../testing/testTypes';
import { attemptFixes } from './testFixLoop';
import type { TestHealOptions } from './testHealOptions';
import { DEFAULT_TEST_HEAL_ATTEMPTS, type TestHealReceipt } from './testHealTypes';

const RED: readonly TestOutcome[] = ['failed', 'error'];

export async function healAgainstTests(project: TestProject, options: TestHealOptions): Promise<TestHealReceipt> {
  const started = Date.now();
  const log = options.log ?? ((): void => undefined);
  const run = (files: Record<string, string>): Promise<TestRunReport> => runTests({ ...project, files }, {
    runner: options.runner, limits: options.limits, image: options.image, keyword: options.keyword, framework: options.framework, env: options.env, signal: options.signal,
    // Every run of the heal in the same environment and with the same doctests: a fix is judged by the suite that found the failure.
    environment: options.environment, doctests: options.doctests,
  });
  const first = await run({ ...project.files });
  log(`the suite before: ${totalsLine(first)}`);
  const receipt = emptyReceipt(first);
  const finish = (outcome: TestHealReceipt['outcome'], reason: string, last: TestRunReport): TestHealReceipt => finished(receipt, outcome, reason, last, started);
  if (first.problem && !stoppedInATest(first)) return finish(first.problem.kind === 'cancelled' ? 'cancelled' : 'not-run', `the suite did not run to its end: ${first.problem.message}`, first);
  const failedFirst = ids(first, RED);
  if (failedFirst.length === 0) return finish('passing', 'every selected test passes: nothing to heal', first);
  // Once more on the unchanged code: what passes now was never broken by the code.
  const again = await run({ ...project.files });
  log(`the suite again, unchanged: ${totalsLine(again)}`);
  if (again.problem && !stoppedInATest(again)) return finish(again.problem.kind === 'cancelled' ? 'cancelled' : 'not-run', `the suite's re-run did not run to its end: ${again.problem.message}`, again);
  const failedAgain = ids(again, RED);
  const passedFirst = ids(first, ['passed']);
  const passedAgain = ids(again, ['passed']);
  receipt.flaky = [...failedFirst.filter((id) => passedAgain.includes(id)), ...passedFirst.filter((id) => failedAgain.includes(id))];
  receipt.red = failedFirst.filter((id) => failedAgain.includes(id));
  if (receipt.flaky.length > 0) log(`flaky (failed once and passed once on the unchanged code; not healed): ${receipt.flaky.join(', ')}`);
  if (receipt.red.length === 0) {
    const reason = `${receipt.flaky.join(', ')} failed and then passed on the unchanged code: flaky, not healed`;
    return finish('flaky', reason, again);
  }
  const guards = passedFirst.filter((id) => passedAgain.includes(id));
  log(`targets: ${receipt.red.join(', ')}; guards: ${guards.length} test${guards.length === 1 ? '' : 's'} that passed on both runs`);
  const maxAttempts = Math.max(0, options.maxAttempts ?? DEFAULT_TEST_HEAL_ATTEMPTS);
  const loop = await attemptFixes({ files: project.files, report: again, targets: receipt.red, guards, maxAttempts }, options, run);
  receipt.attempts = loop.attempts;
  receipt.tokens = loop.tokens;
  receipt.stillRed = loop.stillRed;
  receipt.green = receipt.red.filter((id) => !loop.stillRed.includes(id));
  receipt.diff = unifiedDiffOfFiles(project.files, loop.files);
  receipt.changedFiles = Object.fromEntries(Object.entries(loop.files).filter(([file, text]) => project.files[file] !== text));
  if (loop.cancelled) return finish('cancelled', 'cancelled', loop.report);
  if (loop.stillRed.length === 0) {
    const count = loop.attempts.length;
    return finish('healed', `healed in ${count} attempt${count === 1 ? '' : 's'}: every target test passes and no test that passed before fails`, loop.report);
  }
  return finish('not-healed', loop.stopped ?? 'not healed', loop.report);
}

function ids(report: TestRunReport, outcomes: readonly TestOutcome[]): string[] {
  return report.tests.filter((test) => outcomes.includes(test.outcome)).map((test) => test.id);
}

function emptyReceipt(first: TestRunReport): TestHealReceipt {
  const side = { totals: first.totals, durationMs: first.durationMs };
  return {
    outcome: 'not-run', reason: '', framework: first.framework, before: side, after: side, red: [], green: [], stillRed: [], flaky: [],
    attempts: [], tokens: NO_TOKENS, diff: '', changedFiles: {}, durationMs: 0,
  };
}

function finished(receipt: TestHealReceipt, outcome: TestHealReceipt['outcome'], reason: string, last: TestRunReport, started: number): TestHealReceipt {
  return {
    ...receipt, outcome, reason, after: { totals: last.totals, durationMs: last.durationMs }, durationMs: Date.now() - started,
    ...(last.problem ? { problem: last.problem } : {}),
  };
}

/**
 * A limit stopped the suite inside one test (a hang, a flood): that test is red like any failing
 * one, with the limit as its error, so it can be healed; the fix must then let the suite finish.
 */
function stoppedInATest(report: TestRunReport): boolean {
  const problem = report.problem;
  return (problem?.kind === 'timeout' || problem?.kind === 'limit') && problem.test !== undefined;
}
