// The errors of a finished run, last one being what ended the program: the exception captured in
// the interpreter when there is one, else the tracebacks parsed from stderr; a limit (time, output,
// memory) or a failing exit without a traceback becomes an error too. The program's own checks that
// failed (checkErrors.ts) come first, in the order they failed; at exit 0 they are the only errors. Endings that are not bugs
// (expectedExits.ts) get their own kinds here: input() without stdin, an argparse usage exit or a
// SystemExit message, a limit.
import { fileText } from '../files/fileTexts';
import { fromCaptured, type PathMapping } from './capturedException';
import { checkErrorsOf } from './checkErrors';
import { endingLine } from './endingError';
import { isInputWithoutStdin } from './expectedExits';
import type { PythonError } from './pythonError';
import { succeeded } from '../run/runEnding';
import type { RunLimits, RunResult } from '../run/runTypes';
import { parseTracebacks } from './tracebackParser';

export interface RunFiles {
  files: Readonly<Record<string, string>>;
  entry: string;
  /** Whether the run was given standard input; absent counts as none given. */
  stdinGiven?: boolean;
}

export function errorsOfRun(result: RunResult, run: RunFiles, limits: RunLimits): PythonError[] {
  if (succeeded(result)) return [];
  if (result.reason === 'cancelled' || result.reason === 'engine-error') return [];
  const paths = pathsOf(result, run);
  const checks = checkErrorsOf(result.failedChecks ?? [], paths);
  if (result.reason === 'exited' && result.exitCode === 0) return checks;
  const parsed = parseTracebacks(result.stderr, { ...paths, readSource: (file) => fileText(run.files, file) });
  // With failed checks and no uncaught exception (unittest.main() exiting 1), the tracebacks on
  // stderr are the test report's, already read from the checks themselves.
  const crash = result.captured ? [withPrintedMessage(fromCaptured(result.captured, paths), parsed[parsed.length - 1])] : checks.length > 0 ? [] : parsed;
  const errors = [...checks, ...crash];
  const ending = endingLine(result, run, limits, paths, errors.length > 0);
  if (ending) return [...errors, ending];
  const last = errors[errors.length - 1];
  if (last && !last.check && result.reason === 'exited' && isInputWithoutStdin(last, run.stdinGiven === true)) last.kind = 'needs-input';
  return errors;
}

/**
 * CPython adds "Did you mean ...?" while printing (3.10, 3.11: not in str() nor the traceback
 * module), so the printed line, when it is the same exception, carries the suggestion.
 */
function withPrintedMessage(captured: PythonError, printed: PythonError | undefined): PythonError {
  // Only the exception line: text reads notes printed after it as message lines.
  const line = printed?.message.split('\n')[0];
  if (!printed || line === undefined || printed.type !== captured.type || captured.message.includes('\n') || line === captured.message || !line.startsWith(captured.message)) return captured;
  return { ...captured, message: line, suggestion: captured.suggestion ?? printed.suggestion };
}

/** Paths as the interpreter printed them (under the run's working folder) -> workspace paths. */
export function pathsOf(result: Pick<RunResult, 'workDir'>, run: RunFiles): PathMapping {
  const prefix = result.workDir ? `${result.workDir.replace(/[\\/]+$/, '')}/` : undefined;
  return {
    mapPath: (file) => (prefix && file.replace(/\\/g, '/').startsWith(prefix) ? file.replace(/\\/g, '/').slice(prefix.length) : file),
    isRunFile: (file) => file in run.files,
  };
}
