// The `self-heal run` report: the JSON entry per file (documented in docs/cli.md) and the one-line
// human summary.
import type { ClassifiedFile } from '../core/program/entryPoints';
import type { Launch } from '../core/program/launch';
import { expectedOutcomeOf, problemText } from '../core/errors/expectedExits';
import { endingPhrase, succeeded } from '../core/run/runEnding';
import { engineLabel } from '../core/run/runResults';
import type { PythonError } from '../core/errors/pythonError';
import type { EngineFacts, RunLimits, RunResult } from '../core/run/runTypes';

export interface RunReportEntry {
  file: string;
  exitCode: number | null;
  reason: RunResult['reason'];
  stdout: string;
  stderr: string;
  stdoutBytes: number;
  stderrBytes: number;
  truncated: RunResult['truncated'];
  durationMs: number;
  engine: RunResult['engine'];
  engineError: { code: string; message: string } | null;
  errors: PythonError[];
}

export function reportEntry(file: string, result: RunResult, errors: PythonError[]): RunReportEntry {
  return {
    file,
    exitCode: result.exitCode,
    reason: result.reason,
    stdout: result.stdout,
    stderr: result.stderr,
    stdoutBytes: result.stdoutBytes,
    stderrBytes: result.stderrBytes,
    truncated: result.truncated,
    durationMs: result.durationMs,
    engine: result.engine,
    engineError: result.engineError ? { code: result.engineError.code, message: result.engineError.message } : null,
    errors: errors.map(reportedError),
  };
}

/** The error as the report documents it: without the launcher's candidate names, a hint for the fixers that can run to thousands. */
function reportedError(error: PythonError): PythonError {
  const { candidates: _hint, ...shown } = error;
  const chained = (other: PythonError | null) => (other ? reportedError(other) : null);
  return { ...shown, cause: chained(error.cause), context: chained(error.context), exceptions: error.exceptions.map(reportedError) };
}

/** A found file's entry names its role right after the file: `{ file, role, roleReason, exitCode, ... }`. */
export function withRole<T extends { file: string }>(entry: T, role: Pick<ClassifiedFile, 'role' | 'reason'> | undefined): T | (T & { role: string; roleReason: string }) {
  if (!role) return entry;
  const { file, ...rest } = entry;
  return { file, role: role.role, roleReason: role.reason, ...rest } as T & { role: string; roleReason: string };
}

/** The summary of a run or an import check, e.g. `✓ pkg/util.py: imports cleanly in 0.05 s (Podman Engine 4.3.1)`. */
export function targetSummaryLine(file: string, launch: Launch, result: RunResult, errors: readonly PythonError[], limits: RunLimits): string {
  const ending = errors[errors.length - 1];
  const expected = expectedOutcomeOf(ending);
  if (expected) {
    const name = launch.kind === 'run-module' ? `${file} (${launch.command})` : file;
    return `${expected === 'stopped-at-limit' ? '■' : '?'} ${name}: ${launch.kind === 'import' ? 'import ' : ''}${problemText(ending)} (${engineWhere(result.engine)})`;
  }
  if (launch.kind === 'run') return summaryLine(file, result, limits);
  if (launch.kind === 'run-module') return summaryLine(`${file} (${launch.command})`, result, limits);
  const verb = launch.kind === 'import' ? 'import' : 'compile';
  const where = ` (${engineWhere(result.engine)})`;
  if (result.reason === 'cancelled' || result.reason === 'engine-error') return summaryLine(file, result, limits);
  if (succeeded(result)) return `✓ ${file}: ${verb}s cleanly in ${(result.durationMs / 1000).toFixed(2)} s${where}`;
  if (result.reason !== 'exited') return `✗ ${file}: ${verb} ${endingPhrase(result, limits)}${where}`;
  const error = errors[errors.length - 1];
  const at = error?.file && error.line ? ` at ${error.file}:${error.line}` : '';
  return `✗ ${file}: does not ${verb}: ${error ? `${error.type}: ${error.message}${at}` : endingPhrase(result, limits)}${where}`;
}

/** The engine as a summary names it (engineLabel), and whether its container was waiting warm. */
function engineWhere(engine: EngineFacts): string {
  return `${engineLabel(engine)}${engine.warm ? ', warm' : ''}`;
}

export function summaryLine(file: string, result: RunResult, limits: RunLimits): string {
  const mark = succeeded(result) ? '✓' : '✗';
  const where = ` (${engineWhere(result.engine)})`;
  const showsEngine = result.reason !== 'cancelled' && result.reason !== 'engine-error';
  return `${mark} ${file}: ${endingPhrase(result, limits)}${showsEngine ? where : ''}`;
}

/** 0 when every program exited 0; 2 when the engine failed; 1 otherwise. */
export function exitStatus(results: readonly RunResult[]): number {
  if (results.some((r) => r.reason === 'engine-error')) return 2;
  return results.every(succeeded) ? 0 : 1;
}
