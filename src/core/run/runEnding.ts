// How a run ended, in the words every surface uses (CLI summary, output channel, problems,
// notifications). A limit is said as what happened and which limit it was, never as a type name.
import { describeBytes, describeSeconds, type LimitName } from './limits';
import type { RunLimits, RunResult, TerminationReason } from './runTypes';

export function endingPhrase(result: Pick<RunResult, 'reason' | 'exitCode' | 'durationMs' | 'engineError'>, limits: RunLimits): string {
  const limit = limitOf(result.reason);
  if (limit) return limitPhrase(limit, limits);
  const seconds = `${(result.durationMs / 1000).toFixed(2)} s`;
  switch (result.reason) {
    case 'cancelled':
      return `cancelled after ${seconds}`;
    case 'engine-error':
      return result.engineError?.message ?? 'the container engine failed';
    default:
      return `exited ${result.exitCode} in ${seconds}`;
  }
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

export function succeeded(result: Pick<RunResult, 'reason' | 'exitCode'>): boolean {
  return result.reason === 'exited' && result.exitCode === 0;
}
