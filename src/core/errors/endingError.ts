// The error for a run that ended without an exception of its own: a limit stopped it, or it exited
// with a failing status and no traceback. Named in words ("time limit"), never as a made-up
// exception type, and placed where the ending is known to have happened (endingPlaces.ts).
import { fileText } from '../files/fileTexts';
import type { PathMapping } from './capturedException';
import { exitCallLine, parseArgsLine } from './endingPlaces';
import { deliberateExitOf } from './expectedExits';
import type { ErrorKind, PythonError } from './pythonError';
import { limitOf, limitPhrase } from '../run/runEnding';
import type { RunLimits, RunResult } from '../run/runTypes';

const LIMIT_ERRORS = {
  time: { type: 'time limit', kind: 'timeout' },
  output: { type: 'output limit', kind: 'output-limit' },
  memory: { type: 'memory limit', kind: 'memory-limit' },
} as const;

export function endingLine(
  result: RunResult,
  run: { files: Readonly<Record<string, string>>; entry: string },
  limits: RunLimits,
  paths: PathMapping,
  hasTraceback: boolean,
): PythonError | undefined {
  const make = (type: string, kind: ErrorKind, message: string, line: number | null = null, notes: string[] = []): PythonError => ({
    type, message, kind, file: run.entry, line, column: null, endLine: null, endColumn: null,
    suggestion: null, notes, frames: [], cause: null, context: null, exceptions: [],
  });
  const limit = limitOf(result.reason);
  if (limit) {
    const { type, kind } = LIMIT_ERRORS[limit];
    const error = make(type, kind, limitPhrase(limit, limits));
    const at = result.stoppedAt && { file: paths.mapPath(result.stoppedAt.file), line: result.stoppedAt.line };
    if (at && paths.isRunFile(at.file)) Object.assign(error, { file: at.file, line: at.line });
    return error;
  }
  if (hasTraceback) return undefined;
  const source = fileText(run.files, run.entry) ?? '';
  const deliberate = deliberateExitOf(result.exitCode, result.stderr);
  if (deliberate?.via === 'usage') return make('SystemExit', 'needs-arguments', deliberate.message, parseArgsLine(source) ?? null, [deliberate.usage ?? '']);
  if (deliberate) return make('SystemExit', 'needs-arguments', deliberate.message, exitCallLine(source, deliberate.message) ?? null);
  const lastLine = result.stderr.trimEnd().split('\n').pop()?.trim();
  return make('ExitStatus', 'exit-without-traceback', `exited with status ${result.exitCode} without a traceback${lastLine ? `: ${lastLine}` : ''}`);
}
