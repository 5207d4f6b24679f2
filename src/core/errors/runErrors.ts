// The errors of a finished run, last one being what ended the program: the exception captured in
// the interpreter when there is one, else the tracebacks parsed from stderr; a timeout, an
// out-of-memory kill, an output flood or a failing exit without a traceback becomes an error too.
import { fileText } from '../files/fileTexts';
import { fromCaptured, type PathMapping } from './capturedException';
import type { ErrorKind, PythonError } from './pythonError';
import { endingPhrase, succeeded } from '../run/runEnding';
import type { RunLimits, RunResult } from '../run/runTypes';
import { parseTracebacks } from './tracebackParser';

export interface RunFiles {
  files: Readonly<Record<string, string>>;
  entry: string;
}

export function errorsOfRun(result: RunResult, run: RunFiles, limits: RunLimits): PythonError[] {
  if (succeeded(result)) return [];
  if (result.reason === 'cancelled' || result.reason === 'engine-error') return [];
  const paths = pathsOf(result, run);
  const parsed = parseTracebacks(result.stderr, { ...paths, readSource: (file) => fileText(run.files, file) });
  const errors = result.captured ? [withPrintedMessage(fromCaptured(result.captured, paths), parsed[parsed.length - 1])] : parsed;
  const ending = endingError(result, run.entry, limits, errors.length > 0);
  return ending ? [...errors, ending] : errors;
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

function endingError(result: RunResult, entry: string, limits: RunLimits, hasTraceback: boolean): PythonError | undefined {
  const make = (type: string, kind: ErrorKind, message: string): PythonError => ({
    type, message, kind, file: entry, line: null, column: null, endLine: null, endColumn: null,
    suggestion: null, notes: [], frames: [], cause: null, context: null, exceptions: [],
  });
  switch (result.reason) {
    case 'timeout':
      return make('Timeout', 'timeout', endingPhrase(result, limits));
    case 'oom':
      return make('OutOfMemory', 'oom', endingPhrase(result, limits));
    case 'output-limit':
      return make('OutputLimit', 'output-limit', endingPhrase(result, limits));
    default: {
      if (hasTraceback) return undefined;
      const lastLine = result.stderr.trimEnd().split('\n').pop()?.trim();
      return make('ExitStatus', 'exit-without-traceback', `exited with status ${result.exitCode} without a traceback${lastLine ? `: ${lastLine}` : ''}`);
    }
  }
}
