// A test run's report from the sandbox run that carried it: the decoded events (testEvents.ts)
// become per-test results with project-relative paths, a test that was running when the run ended
// early becomes an error naming why, and what kept the tests from running becomes the problem.
// Pure, so the editor, the CLI and later tools read one shape.
import { runFileOf } from '../errors/tracebackPaths';
import { describeSeconds } from '../run/limits';
import { SANDBOX_WORK_DIR, type RunLimits, type RunResult } from '../run/runTypes';
import { decodeTestEvents, type TestResultEvent } from './testEvents';
import { TEST_OUTCOMES, type TestFramework, type TestResult, type TestRunProblem, type TestRunReport, type TestTotals } from './testTypes';

export const PYTEST_MISSING_MESSAGE =
  "pytest is in neither the image nor the project's test dependencies: declare it (a line \"pytest\" in requirements-dev.txt, " +
  'or in a test or dev extra of [project.optional-dependencies] or group of [dependency-groups] in pyproject.toml), ' +
  'or run the tests in an image that has it (--image IMG)';

export const PYTEST_NOT_INSTALLED_MESSAGE =
  "pytest is declared in the project's test dependencies, but they were not installed for this run: run the tests in an image that has pytest (--image IMG)";

export interface TestRunContext {
  framework: TestFramework;
  /** The run's files (root-relative): only paths naming one of them are mapped back. */
  files: Readonly<Record<string, string>>;
  limits: RunLimits;
  keyword?: string;
  /** The project declares pytest, but this run installed no test dependencies. */
  pytestDeclaredNotInstalled?: boolean;
}

export function testReportFrom(result: RunResult, context: TestRunContext): TestRunReport {
  const events = decodeTestEvents(result.testEvents ?? []);
  const toProject = projectPaths(result, context.files);
  const tests: TestResult[] = [];
  const open = new Set<string>();
  let status: number | undefined;
  let missingPytest = false;
  for (const event of events) {
    if (event.event === 'start') open.add(event.id);
    else if (event.event === 'result') {
      open.delete(event.id);
      tests.push(resultOf(event, toProject));
    } else if (event.event === 'finished') status = event.status;
    else if (event.kind === 'pytest-missing') missingPytest = true;
  }
  const running = [...open].pop();
  const problem = missingPytest ? { kind: 'pytest-missing' as const, message: context.pytestDeclaredNotInstalled ? PYTEST_NOT_INSTALLED_MESSAGE : PYTEST_MISSING_MESSAGE } : problemOf(result, context, status, running, tests.length);
  if (running !== undefined && problem) tests.push(interrupted(running, problem.message));
  return { framework: context.framework, tests, totals: totalsOf(tests), durationMs: result.durationMs, ...(problem ? { problem } : {}) };
}

export function totalsOf(tests: readonly TestResult[]): TestTotals {
  const totals = { total: tests.length } as TestTotals;
  for (const outcome of TEST_OUTCOMES) totals[outcome] = 0;
  for (const test of tests) totals[test.outcome] += 1;
  return totals;
}

function problemOf(result: RunResult, context: TestRunContext, status: number | undefined, running: string | undefined, count: number): TestRunProblem | undefined {
  const during = running === undefined ? '' : ` while ${running} was running`;
  switch (result.reason) {
    case 'engine-error':
      return { kind: 'engine', message: result.engineError?.message ?? 'the container engine failed' };
    case 'cancelled':
      return { kind: 'cancelled', message: `the test run was cancelled${during}` };
    case 'timeout':
      return { kind: 'timeout', message: `the time limit (${describeSeconds(context.limits.timeoutMs)}) stopped the test run${during}`, ...(running ? { test: running } : {}) };
    case 'oom':
      return { kind: 'limit', message: `the memory limit stopped the test run${during}`, ...(running ? { test: running } : {}) };
    case 'output-limit':
      return { kind: 'limit', message: `the output limit stopped the test run${during}`, ...(running ? { test: running } : {}) };
    default:
      break;
  }
  if (status === undefined || status === 2 || status === 3 || status === 4) {
    const said = lastLine(result.stderr);
    const how = status === undefined ? `the test run ended early (exit status ${result.exitCode})${during}` : `${context.framework} stopped with status ${status}`;
    return { kind: 'driver', message: said ? `${how}: ${said}` : how };
  }
  if (count === 0) {
    const matched = context.keyword === undefined ? '' : ` matching -k ${context.keyword}`;
    return { kind: 'no-tests', message: `no tests${matched} were found` };
  }
  return undefined;
}

function resultOf(event: TestResultEvent, toProject: (file: string) => string | undefined): TestResult {
  const file = event.file === undefined ? undefined : toProject(event.file);
  // One literal, so the fields keep the order the JSON report documents.
  return {
    id: event.id,
    outcome: event.outcome,
    durationMs: Math.round(event.durationMs * 10) / 10,
    ...(file !== undefined ? { file, ...(event.line !== undefined ? { line: event.line } : {}) } : {}),
    ...(event.collectionError ? { collectionError: true } : {}),
    ...(event.message !== undefined ? { message: event.message } : {}),
    ...(event.details !== undefined ? { details: event.details } : {}),
    ...(event.comparison ? { comparison: event.comparison } : {}),
    frames: event.frames.flatMap((frame) => {
      const relative = toProject(frame.file);
      return relative === undefined ? [] : [{ ...frame, file: relative }];
    }),
    stdout: event.stdout,
    stderr: event.stderr,
  };
}

function interrupted(id: string, message: string): TestResult {
  return { id, outcome: 'error', durationMs: 0, message, frames: [], stdout: '', stderr: '' };
}

/** Container paths (/app/...) back to the project's own files; anything else is no project path. */
function projectPaths(result: RunResult, files: Readonly<Record<string, string>>): (file: string) => string | undefined {
  const places = { workDir: result.workDir ?? SANDBOX_WORK_DIR, isRunFile: (relative: string) => Object.prototype.hasOwnProperty.call(files, relative) };
  return (file) => runFileOf(file, places);
}

function lastLine(text: string): string {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  return lines.length === 0 ? '' : lines[lines.length - 1].slice(0, 500);
}
