// What `run`, `heal` and `test` found, in the CI reports' one shape (reports/reportTypes.ts): each
// error where it broke, its traceback in the project's files, and for `heal` the fix a sandboxed
// re-run proved. Paths become relative to the repository root, which is what code scanning matches.
import * as path from 'path';
import type { FileHealRecord } from '../core/heal/ledger';
import type { ErrorKind, PythonError } from '../core/errors/pythonError';
import type { TestResult, TestRunReport } from '../core/testing/testTypes';
import { succeeded } from '../core/run/runEnding';
import type { ReportFinding, ReportFix, ReportFrame, ReportResults } from './reports/reportTypes';
import type { RunTarget } from './runTargets';
import type { TargetRun } from './runWorkflow';

/** Stops that are not bugs in the code (errors/expectedExits.ts): warnings, not errors. */
const WARNING_KINDS: readonly ErrorKind[] = ['timeout', 'oom', 'output-limit', 'memory-limit', 'needs-input', 'needs-arguments'];

/** A path of a run's folder (`root`) as the repository names it; undefined outside the repository. */
export type RepoPath = (root: string, file: string) => string | undefined;

export function repoPaths(repoRoot: string): RepoPath {
  return (root, file) => {
    const relative = path.relative(repoRoot, path.resolve(root, file));
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return relative.split(path.sep).join('/');
  };
}

/** What `run` reports: a file passed when it ran (or imported) clean. */
export function runResults(targets: readonly RunTarget[], runs: readonly TargetRun[], repoRoot: string): ReportResults {
  const passed = runs.filter(({ result }) => succeeded(result)).length;
  return { command: 'run', checked: runs.length, passed, failed: runs.length - passed, findings: runFindings(targets, runs, repoPaths(repoRoot)) };
}

/** What `heal` reports: a file passed when it runs clean at the end, healed or not broken. */
export function healResults(targets: readonly RunTarget[], records: readonly FileHealRecord[], repoRoot: string): ReportResults {
  const passed = records.filter((record) => record.outcome === 'clean' || record.outcome === 'healed').length;
  return { command: 'heal', checked: records.length, passed, failed: records.length - passed, findings: healFindings(targets, records, repoPaths(repoRoot)) };
}

/** What `test` reports: tests that failed or erred are the failures. */
export function testResults(report: TestRunReport, projectRoot: string, repoRoot: string): ReportResults {
  const failed = report.totals.failed + report.totals.error;
  return { command: 'test', checked: report.totals.total, passed: report.totals.passed + report.totals.xpassed, failed, findings: testFindings(report, projectRoot, repoPaths(repoRoot)) };
}

export function runFindings(targets: readonly RunTarget[], runs: readonly TargetRun[], repoPath: RepoPath): ReportFinding[] {
  return runs.flatMap(({ errors }, i) => errors.map((error) => errorFinding(error, targets[i], repoPath)));
}

export function healFindings(targets: readonly RunTarget[], records: readonly FileHealRecord[], repoPath: RepoPath): ReportFinding[] {
  return records.flatMap((record, i) => {
    const target = targets[i];
    const first = record.firstRun.error;
    const last = record.lastRun.error;
    const findings: ReportFinding[] = [];
    if (first) findings.push({ ...errorFinding(first, target, repoPath), ...verifiedFix(record, target, repoPath) });
    // A file the heal got further with but not clean ends on another error: that one is still open.
    if (last && record.outcome !== 'healed' && (!first || last.type !== first.type || last.line !== first.line || last.file !== first.file)) {
      findings.push(errorFinding(last, target, repoPath));
    }
    return findings;
  });
}

export function testFindings(report: TestRunReport, projectRoot: string, repoPath: RepoPath): ReportFinding[] {
  return report.tests.filter((test) => test.outcome === 'failed' || test.outcome === 'error').map((test) => testFinding(test, projectRoot, repoPath));
}

function errorFinding(error: PythonError, target: RunTarget, repoPath: RepoPath): ReportFinding {
  const root = target.runSet.root;
  const file = error.file === null ? undefined : repoPath(root, error.file);
  const frames = error.frames.filter((frame) => !frame.external).flatMap((frame) => framesOf(repoPath(root, frame.file), frame.line, frame.function));
  return {
    ruleId: error.type,
    level: WARNING_KINDS.includes(error.kind) ? 'warning' : 'error',
    message: error.message,
    ...(file === undefined ? {} : place(file, error)),
    subject: target.file,
    frames,
    fixState: 'not-fixed',
  };
}

function place(file: string, error: PythonError): Pick<ReportFinding, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'> {
  const at: Pick<ReportFinding, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'> = { file };
  if (error.line !== null) at.line = error.line;
  if (error.line !== null && error.column !== null) at.column = error.column;
  if (error.line !== null && error.endLine !== null) at.endLine = error.endLine;
  if (error.line !== null && error.column !== null && error.endColumn !== null) at.endColumn = error.endColumn;
  return at;
}

function framesOf(file: string | undefined, line: number, name: string): ReportFrame[] {
  return file === undefined ? [] : [{ file, line, function: name }];
}

/** The heal's changes when a re-run proved the file runs clean with them; nothing for a partial fix. */
function verifiedFix(record: FileHealRecord, target: RunTarget, repoPath: RepoPath): Pick<ReportFinding, 'fix' | 'fixState'> {
  if (record.outcome !== 'healed' || record.diff === '') return { fixState: 'not-fixed' };
  const kept = record.attempts.filter((attempt) => attempt.fix && (attempt.outcome === 'healed' || attempt.outcome === 'progress'));
  const changes = Object.entries(record.changedFiles).flatMap(([file, after]) => {
    const inRepo = repoPath(target.runSet.root, file);
    return inRepo === undefined ? [] : [{ file: inRepo, before: target.runSet.files[file] ?? '', after }];
  });
  const fix: ReportFix = { description: kept.map((attempt) => `${attempt.fix?.source}: ${attempt.fix?.description}`).join('; '), diff: record.diff, changes };
  return { fix, fixState: 'verified' };
}

function testFinding(test: TestResult, projectRoot: string, repoPath: RepoPath): ReportFinding {
  const frames = test.frames.flatMap((frame) => framesOf(repoPath(projectRoot, frame.file), frame.line, frame.function));
  const innermost = frames[frames.length - 1];
  const file = innermost?.file ?? (test.file === undefined ? undefined : repoPath(projectRoot, test.file));
  const line = innermost?.line ?? test.line;
  const message = test.message ?? (test.outcome === 'error' ? 'error' : 'failed');
  const type = /^([A-Za-z_][\w.]*)(?::|$)/.exec(message)?.[1];
  return {
    ruleId: type ?? 'test-failure',
    level: 'error',
    message: type ? message.slice(type.length).replace(/^:\s*/, '') : message,
    ...(file === undefined ? {} : { file, ...(line === undefined ? {} : { line }) }),
    subject: test.id,
    frames,
    fixState: 'not-fixed',
  };
}
