// Turns `self-heal run` flags into limits and runner choices, refusing anything unclear.
import { checkLimits, DEFAULT_LIMITS, NETWORK_MODES, parseSize } from '../core/run/limits';
import type { NetworkMode, RunLimits } from '../core/run/runTypes';
import { flagTable, flagValue, UsageError, type ParsedArgs } from './cliArgs';

export const RUN_FLAGS = flagTable({
  switch: ['json', 'help'],
  value: ['runner', 'image', 'docker-host', 'timeout', 'memory', 'cpus', 'processes', 'output-limit', 'parallel', 'python', 'stdin'],
  optional: ['network'],
});

export interface RunOptions {
  json: boolean;
  runner: 'docker' | 'local';
  image?: string;
  dockerHost?: string;
  python: string;
  parallel: number;
  /** A file to feed to the program's stdin, or '-' for this process's stdin. */
  stdinFrom?: string;
  limits: RunLimits;
}

export function runOptionsFrom(args: ParsedArgs): RunOptions {
  const text = (name: string): string | undefined => flagValue(args, name);
  const runner = text('runner') ?? 'docker';
  if (runner !== 'docker' && runner !== 'local') throw new UsageError(`--runner must be docker or local, not "${runner}"`);
  const limits: RunLimits = {
    timeoutMs: numberFlag(text('timeout'), 'timeout', DEFAULT_LIMITS.timeoutMs / 1000) * 1000,
    memoryBytes: sizeFlag(text('memory'), 'memory', DEFAULT_LIMITS.memoryBytes),
    cpus: numberFlag(text('cpus'), 'cpus', DEFAULT_LIMITS.cpus),
    processes: numberFlag(text('processes'), 'processes', DEFAULT_LIMITS.processes),
    network: networkFlag(args.flags.get('network')),
    outputLimitBytes: sizeFlag(text('output-limit'), 'output-limit', DEFAULT_LIMITS.outputLimitBytes),
  };
  const problem = checkLimits(limits);
  if (problem) throw new UsageError(problem);
  const parallel = numberFlag(text('parallel'), 'parallel', 2);
  if (!Number.isInteger(parallel) || parallel < 1) throw new UsageError('--parallel must be a whole number of at least 1');
  return {
    json: args.flags.has('json'),
    runner,
    image: text('image'),
    dockerHost: text('docker-host'),
    python: text('python') ?? 'python3',
    parallel,
    stdinFrom: text('stdin'),
    limits,
  };
}

function numberFlag(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) throw new UsageError(`--${name} must be a positive number, not "${value}"`);
  return number;
}

function sizeFlag(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const bytes = parseSize(value);
  if (bytes === undefined) throw new UsageError(`--${name} must be a size such as 64m or 1g, not "${value}"`);
  return bytes;
}

function networkFlag(value: string | true | undefined): NetworkMode {
  if (value === undefined) return 'none';
  if (value === true) return 'bridge';
  if (!NETWORK_MODES.includes(value as NetworkMode)) throw new UsageError(`--network must be one of ${NETWORK_MODES.join(', ')}, not "${value}"`);
  return value as NetworkMode;
}
