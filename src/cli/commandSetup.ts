// What `run` and `heal` do before any program runs: their flags read (or --help answered), the files
// named collected into targets, the program's input read, and the runner made with its environments.
import * as fs from 'fs/promises';
import * as path from 'path';
import type { RunnerWithEnvironments } from '../core/environment/environmentTypes';
import { LocalRunner } from '../local/localRunner';
import { sandboxWithEnvironments } from '../sandbox/environment/sandboxWithEnvironments';
import { parseArgs, UsageError, type FlagSpec, type ParsedArgs } from './cliArgs';
import { readAll, type CliIo } from './cliIo';
import { InputError } from './inputFiles';
import type { RunOptions } from './runOptions';
import { collectTargets, type RunTarget } from './runTargets';

export interface ProgramCommand<Options extends RunOptions> {
  flags: Readonly<Record<string, FlagSpec>>;
  usage: string;
  /** As in "name at least one Python file to run". */
  verb: string;
  optionsFrom(parsed: ParsedArgs, env: NodeJS.ProcessEnv): Options;
}

export interface CommandSetup<Options extends RunOptions> {
  parsed: ParsedArgs;
  options: Options;
  targets: RunTarget[];
}

/** The command's options and targets; undefined when --help asked for the usage, which is printed. */
export async function setUpCommand<Options extends RunOptions>(argv: readonly string[], io: CliIo, command: ProgramCommand<Options>): Promise<CommandSetup<Options> | undefined> {
  const parsed = parseArgs(argv, command.flags);
  if (parsed.flags.has('help')) {
    io.stdout.write(command.usage);
    return undefined;
  }
  if (parsed.positionals.length === 0) throw new UsageError(`name at least one Python file to ${command.verb}`);
  const options = command.optionsFrom(parsed, io.env);
  return { parsed, options, targets: await collectTargets(parsed.positionals, io.cwd) };
}

export async function readStdin(options: RunOptions, io: CliIo): Promise<string | undefined> {
  if (options.stdinFrom === undefined) return undefined;
  if (options.stdinFrom === '-') return readAll(io.stdin);
  try {
    return await fs.readFile(path.resolve(io.cwd, options.stdinFrom), 'utf8');
  } catch (error) {
    throw new InputError(`--stdin ${options.stdinFrom}: cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
}

/** The runner the options choose; the sandbox comes with its environment images, the local runner has none. */
export function createRunner(options: RunOptions, io: CliIo, fileCount: number): RunnerWithEnvironments {
  if (options.runner === 'local') return { runner: new LocalRunner(options.python) };
  return sandboxWithEnvironments({
    // Containers made ahead only pay off for files still waiting for a free slot.
    warmContainers: Math.max(0, Math.min(options.parallel, fileCount - options.parallel)),
    image: options.image,
    host: options.dockerHost,
    env: io.env,
    howToSetHost: 'pass --docker-host or set DOCKER_HOST',
    onPullProgress: options.json ? undefined : (p) => p.status.startsWith('Pulling ') && io.stderr.write(`self-heal: ${p.status}\n`),
  });
}
