// What `run` and `heal` do before any program runs: their flags read (or --help answered), the files
// named collected into targets, the program's input read, and the runner made with its environments.
import * as fs from 'fs/promises';
import * as path from 'path';
import type { RunnerWithEnvironments } from '../core/environment/environmentTypes';
import { PROOF_QUIET_MS, warmContainersFor } from '../core/run/parallel';
import { LocalRunner } from '../local/localRunner';
import { sandboxWithEnvironments } from '../sandbox/environment/sandboxWithEnvironments';
import { parseArgs, UsageError, type FlagSpec, type ParsedArgs } from './cliArgs';
import { readAll, type CliIo } from './cliIo';
import { InputError } from './inputFiles';
import { chooseCommandImage, imageLines } from './projectImage';
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
  /** Which image the files run in and why, for the human output (none for the local runner). */
  imageLines: string[];
}

/** The command's options and targets; undefined when --help asked for the usage, which is printed. */
export async function setUpCommand<Options extends RunOptions>(argv: readonly string[], io: CliIo, command: ProgramCommand<Options>): Promise<CommandSetup<Options> | undefined> {
  const parsed = parseArgs(argv, command.flags);
  if (parsed.flags.has('help')) {
    io.stdout.write(command.usage);
    return undefined;
  }
  if (parsed.positionals.length === 0) throw new UsageError(`name at least one Python file to ${command.verb}`);
  return { parsed, ...(await prepareTargets(command.optionsFrom(parsed, io.env), parsed.positionals, io.cwd)) };
}

/**
 * The files named (relative to `cwd`) as targets, and the image the project's Python version chooses
 * put into the options. `run`, `heal` and the MCP server's tools all start here.
 */
export async function prepareTargets<Options extends RunOptions>(options: Options, named: readonly string[], cwd: string): Promise<Omit<CommandSetup<Options>, 'parsed'>> {
  const targets = await collectTargets(named, cwd);
  const image = await chooseCommandImage(options, targets, cwd);
  if (!image) return { options, targets, imageLines: [] };
  return { options: { ...options, image: image.choice.image }, targets, imageLines: imageLines(image) };
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
export function createRunner(options: RunOptions, io: CliIo, fileCount: number, heals: boolean): RunnerWithEnvironments {
  if (options.runner === 'local') return { runner: new LocalRunner(options.python) };
  return sandboxWithEnvironments({
    warmContainers: warmContainersFor(options.parallel, fileCount, heals),
    // One heal: its proof gets the engine to itself. Many: the next file's runs need the refills at once.
    quietAfterRunMs: heals && fileCount === 1 ? PROOF_QUIET_MS : 0,
    image: options.image,
    hosts: options.dockerHosts,
    onEngineWarning: (message) => io.stderr.write(`self-heal: warning: ${message}\n`),
    access: options.engineAccess,
    env: io.env,
    howToSetHost: 'pass --docker-host or set DOCKER_HOST',
    onPullProgress: options.json ? undefined : (p) => p.status.startsWith('Pulling ') && io.stderr.write(`self-heal: ${p.status}\n`),
  });
}
