// How a run ended, in the words every surface uses (CLI summary, output channel, problems,
// notifications). A limit is said as what happened and which limit it was, never as a type name.
import { describeBytes, describeSeconds, type LimitName } from './limits';
import type { RunLimits, RunResult, TerminationReason } from './runTypes';

export function endingPhrase(result: Pick<RunResult, 'reason' | 'exitCode' | 'durationMs' | 'engineError' | 'failedChecks'>, limits: RunLimits): string {
  const limit = limitOf(result.reason);
  if (limit) return limitPhrase(limit, limits);
  const seconds = `${(result.durationMs / 1000).toFixed(2)} s`;
  switch (result.reason) {
    case 'cancelled':
      return `cancelled after ${seconds}`;
    case 'engine-error':
      return result.engineError?.message ?? 'the container engine failed';
    default:
      return `exited ${result.exitCode} in ${seconds}${failedChecksPhrase(result.failedChecks?.length ?? 0)}`;
  }
}

/** ", but 2 of its own checks failed" (doctest examples, unittest tests); '' for none. */
export function failedChecksPhrase(count: number): string {
  if (count === 0) return '';
  return count === 1 ? ', but 1 of its own checks failed' : `, but ${count} of its own checks failed`;
}

/** The limit a run was stopped at, if it was. */
export function limitOf(reason: TerminationReason): LimitName | undefined {
  return reason === 'timeout' ? 'time' : reason === 'output-limit' ? 'output' : reason === 'oom' ? 'memory' : undefined;
}

/** "stopped after 30 s (time limit)", "stopped after 1 MiB of output (output limit)". */
export function limitPhrase(limit: LimitName, limits: RunLimits): string {
  switch (limit) {
    case 'time':
      return `stopped after ${describeSeconds(limits.timeoutMs)} (time limit)`;
    case 'output':
      return `stopped after ${describeBytes(limits.outputLimitBytes)} of output (output limit)`;
    case 'memory':
      return `stopped at ${describeBytes(limits.memoryBytes)} of memory (memory limit)`;
  }
}

/** For a run that went on past the output cap with the rest discarded: what was left out; else ''. */
export function discardedPhrase(result: Pick<RunResult, 'reason' | 'truncated' | 'stdoutBytes' | 'stderrBytes'>, limits: RunLimits): string {
  if (result.reason === 'output-limit' || (!result.truncated.stdout && !result.truncated.stderr)) return '';
  const written = result.stdoutBytes + result.stderrBytes;
  return `output past ${describeBytes(limits.outputLimitBytes)} per stream was discarded (${describeBytes(written)} written)`;
}

/** Clean: exited 0 and none of the program's own checks (doctest, unittest) failed. */
export function succeeded(result: Pick<RunResult, 'reason' | 'exitCode' | 'failedChecks'>): boolean {
  return result.reason === 'exited' && result.exitCode === 0 && (result.failedChecks ?? []).length === 0;
}
