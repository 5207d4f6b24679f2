// Turns `self-heal run` flags into limits and runner choices, refusing anything unclear.
import { checkLimits, DEFAULT_LIMITS, NETWORK_MODES, parseSize } from '../core/run/limits';
import type { NetworkMode, RunLimits } from '../core/run/runTypes';
import type { EngineAccess } from '../core/settings/settingsModel';
import { flagTable, flagValue, UsageError, type ParsedArgs } from './cliArgs';
import { dockerHostsFrom, ENGINE_VALUE_FLAGS, engineAccessFrom } from './engineFlags';
import { pythonImagesFlag } from './projectImage';

export const RUN_FLAGS = flagTable({
  switch: ['json', 'help'],
  value: ['runner', 'image', 'python-images', ...ENGINE_VALUE_FLAGS, 'timeout', 'memory', 'cpus', 'processes', 'output-limit', 'parallel', 'python', 'stdin', 'sarif', 'summary', 'changed-since'],
  optional: ['network'],
});

export interface RunOptions {
  json: boolean;
  runner: 'docker' | 'local';
  /** --image, until the setup puts the image the project's Python version chose here (projectImage.ts). */
  image?: string;
  /** --python-images: image by Python version, laid over the official images. */
  imagesByPythonVersion: Record<string, string>;
  /** --docker-host, each time it was given: none means discovery, several spread the runs. */
  dockerHosts: string[];
  engineAccess: EngineAccess;
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
  const dockerHosts = dockerHostsFrom(args);
  // Two at once per engine: each engine's CPUs are kept busy without the runs queueing on one.
  const parallel = numberFlag(text('parallel'), 'parallel', 2 * Math.max(1, dockerHosts.length));
  if (!Number.isInteger(parallel) || parallel < 1) throw new UsageError('--parallel must be a whole number of at least 1');
  return {
    json: args.flags.has('json'),
    runner,
    image: text('image'),
    imagesByPythonVersion: pythonImagesFlag(text('python-images')),
    dockerHosts,
    engineAccess: engineAccessFrom(args),
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
