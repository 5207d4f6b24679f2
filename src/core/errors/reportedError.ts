// An error as an agent's tool reports it: the parsed error's fields a model acts on, without the
// frames and the launcher's internals. The MCP server and the editor's language model tools answer
// with the same shape, so an agent reads one form whichever way it reached Self-Heal.
import { tail } from '../run/outputTail';
import type { RunResult } from '../run/runTypes';
import type { PythonError } from './pythonError';

export interface ReportedError {
  type: string;
  message: string;
  kind: string;
  file: string | null;
  line: number | null;
  column: number | null;
  suggestion?: string;
  notes?: string[];
  causedBy?: ReportedError;
  whileHandling?: ReportedError;
  members?: ReportedError[];
}

export function reportedError(error: PythonError): ReportedError {
  const shown: ReportedError = { type: error.type, message: error.message, kind: error.kind, file: error.file, line: error.line, column: error.column };
  if (error.suggestion) shown.suggestion = error.suggestion;
  if (error.notes.length > 0) shown.notes = error.notes;
  if (error.cause) shown.causedBy = reportedError(error.cause);
  if (error.context) shown.whileHandling = reportedError(error.context);
  if (error.exceptions.length > 0) shown.members = error.exceptions.map(reportedError);
  return shown;
}

/** A run's ending, output tails and errors as the agents' tools report them; the caller adds the file and its summary. */
export function reportedRun(result: RunResult, errors: readonly PythonError[]): Record<string, unknown> {
  return {
    exitCode: result.exitCode,
    reason: result.reason,
    durationMs: Math.round(result.durationMs),
    stdoutTail: tail(result.stdout),
    stderrTail: tail(result.stderr),
    stdoutBytes: result.stdoutBytes,
    stderrBytes: result.stderrBytes,
    errors: errors.map(reportedError),
    ...(result.engineError ? { engineError: result.engineError.message } : {}),
  };
}
