// A test run as the agents' tools answer it (the MCP server's run_tests, agent mode's
// selfHeal_runTests): compact and the same shape every time - the totals, the problem that kept the
// tests from running, passing tests by id and the others with their message, place, compared values
// and a tail of what the framework showed.
import { tail } from '../run/outputTail';
import type { TestResult, TestRunReport } from './testTypes';

/** Tests listed in one answer; a larger suite's totals still count every test. */
const LISTED_TESTS = 200;
const DETAILS_TAIL_BYTES = 1500;

export function reportedTestRun(report: TestRunReport): Record<string, unknown> {
  return {
    framework: report.framework,
    totals: report.totals,
    durationMs: report.durationMs,
    ...(report.problem ? { problem: report.problem } : {}),
    tests: report.tests.slice(0, LISTED_TESTS).map(reportedTest),
    ...(report.tests.length > LISTED_TESTS ? { notListed: report.tests.length - LISTED_TESTS } : {}),
  };
}

function reportedTest(result: TestResult): Record<string, unknown> {
  const place = result.frames[result.frames.length - 1] ?? (result.file ? { file: result.file, line: result.line } : undefined);
  if (result.outcome === 'passed') return { id: result.id, outcome: result.outcome };
  return {
    id: result.id,
    outcome: result.outcome,
    ...(result.message ? { message: result.message } : {}),
    ...(place ? { file: place.file, line: place.line ?? null } : {}),
    ...(result.comparison ? { comparison: result.comparison } : {}),
    ...(result.details ? { detailsTail: tail(result.details, DETAILS_TAIL_BYTES) } : {}),
  };
}
