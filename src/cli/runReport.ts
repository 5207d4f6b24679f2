// The `self-heal run` report: the JSON entry per file (documented in docs/cli.md) and the one-line
// human summary.
import { formatSize } from '../core/limits';
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
  const seconds = `${(result.durationMs / 1000).toFixed(2)} s`;
  const where = `${result.engine.engine}${result.engine.warm ? ', warm' : ''}`;
  const ok = result.reason === 'exited' && result.exitCode === 0;
  const mark = ok ? '✓' : '✗';
  switch (result.reason) {
    case 'exited':
      return `${mark} ${file}: exited ${result.exitCode} in ${seconds} (${where})`;
    case 'timeout':
      return `${mark} ${file}: stopped after the ${limits.timeoutMs / 1000} s timeout (${where})`;
    case 'oom':
      return `${mark} ${file}: killed for going over the ${formatSize(limits.memoryBytes)} memory limit (${where})`;
    case 'output-limit':
      return `${mark} ${file}: stopped for writing more than ${formatSize(limits.outputLimitBytes)} to one stream (${where})`;
    case 'cancelled':
      return `${mark} ${file}: cancelled after ${seconds}`;
    case 'engine-error':
      return `${mark} ${file}: ${result.engineError?.message ?? 'the container engine failed'}`;
  }
}

/** 0 when every program exited 0; 2 when the engine failed; 1 otherwise. */
export function exitStatus(results: readonly RunResult[]): number {
  if (results.some((r) => r.reason === 'engine-error')) return 2;
  return results.every((r) => r.reason === 'exited' && r.exitCode === 0) ? 0 : 1;
}
