// The `self-heal run` report: the JSON entry per file (documented in docs/cli.md) and the one-line
// human summary.
import { endingPhrase, succeeded } from '../core/runEnding';
import type { PythonError } from '../core/pythonError';
import type { RunLimits, RunResult } from '../core/runTypes';

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
    errors,
  };
}

export function summaryLine(file: string, result: RunResult, limits: RunLimits): string {
  const mark = succeeded(result) ? '✓' : '✗';
  const where = ` (${result.engine.engine}${result.engine.warm ? ', warm' : ''})`;
  const showsEngine = result.reason !== 'cancelled' && result.reason !== 'engine-error';
  return `${mark} ${file}: ${endingPhrase(result, limits)}${showsEngine ? where : ''}`;
}

/** 0 when every program exited 0; 2 when the engine failed; 1 otherwise. */
export function exitStatus(results: readonly RunResult[]): number {
  if (results.some((r) => r.reason === 'engine-error')) return 2;
  return results.every(succeeded) ? 0 : 1;
}
