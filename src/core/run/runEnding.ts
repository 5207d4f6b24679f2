// How a run ended, in the words every surface uses (CLI summary, output channel, error messages).
import { formatSize } from './limits';
import type { RunLimits, RunResult } from './runTypes';

export function endingPhrase(result: Pick<RunResult, 'reason' | 'exitCode' | 'durationMs' | 'engineError'>, limits: RunLimits): string {
  const seconds = `${(result.durationMs / 1000).toFixed(2)} s`;
  switch (result.reason) {
    case 'exited':
      return `exited ${result.exitCode} in ${seconds}`;
    case 'timeout':
      return `stopped after the ${limits.timeoutMs / 1000} s timeout`;
    case 'oom':
      return `killed for going over the ${formatSize(limits.memoryBytes)} memory limit`;
    case 'output-limit':
      return `stopped for writing more than ${formatSize(limits.outputLimitBytes)} to one stream`;
    case 'cancelled':
      return `cancelled after ${seconds}`;
    case 'engine-error':
      return result.engineError?.message ?? 'the container engine failed';
  }
}

export function succeeded(result: Pick<RunResult, 'reason' | 'exitCode'>): boolean {
  return result.reason === 'exited' && result.exitCode === 0;
}
