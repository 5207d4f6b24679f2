// The program's own checks that failed (RunResult.failedChecks), as errors: a run with any is not
// clean even at exit 0. A doctest example that printed the wrong thing is a "doctest failure" on the
// example's line, with what was expected and what came; a check that raised (an example's
// NameError, a test's AssertionError) is that exception, placed where it was raised in the run's
// files (else on the example's line), so the fixers see the NameError they know how to heal.
import type { FailedCheck } from '../run/failedCheckTypes';
import { fromCaptured, type PathMapping } from './capturedException';
import type { CheckOrigin, PythonError } from './pythonError';

export function checkErrorsOf(checks: readonly FailedCheck[], paths: PathMapping): PythonError[] {
  return checks.map((check) => checkError(check, paths, { framework: check.framework, name: check.name, failedInRun: checks.length }));
}

function checkError(check: FailedCheck, paths: PathMapping, origin: CheckOrigin): PythonError {
  const file = check.file === null ? null : paths.mapPath(check.file);
  const example = file !== null && check.line !== null && paths.isRunFile(file) ? { file, line: check.line } : null;
  const where = check.framework === 'doctest'
    ? `in the doctest of ${check.name}${example ? ` at line ${example.line}` : ''}: >>> ${firstLine(check.source)}`
    : `in the test ${check.name}`;
  if (check.error) {
    const error = fromCaptured(check.error, paths);
    if (error.file === null && example) Object.assign(error, example);
    return { ...error, notes: [...error.notes, `raised ${where}`], check: origin };
  }
  const base = { column: null, endLine: null, endColumn: null, suggestion: null, frames: [], cause: null, context: null, exceptions: [], check: origin };
  if (check.framework !== 'doctest' && check.outcome !== 'unexpected success') {
    // A test that failed without an exception to show (pytest's strict xfail that passed, a setup error).
    return { ...base, type: 'test failure', kind: 'check', message: `${check.name} ${check.outcome === 'error' ? 'had an error' : 'failed'}`, file: null, line: null, notes: [`failed ${where}`] };
  }
  if (check.outcome === 'unexpected success') {
    return { ...base, type: 'unexpected success', kind: 'check', message: `${check.name} passed, but it is marked as an expected failure`, file: null, line: null, notes: [] };
  }
  const message = `${firstLine(check.source)} printed ${shown(check.got)}, expected ${shown(check.expected)}`;
  return { ...base, type: 'doctest failure', kind: 'check', message, file: example?.file ?? null, line: example?.line ?? null, notes: [`failed ${where}`] };
}

function firstLine(text: string | null): string {
  return (text ?? '').split('\n')[0].trim();
}

/** Output as one line: "nothing", or its lines joined with the escapes Python would show. */
function shown(output: string | null): string {
  const text = (output ?? '').replace(/\n$/, '');
  return text === '' ? 'nothing' : text.includes('\n') ? JSON.stringify(text) : text;
}
