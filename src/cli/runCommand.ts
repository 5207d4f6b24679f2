// `self-heal run FILE...`: runs each file in the sandbox and reports what happened.
import * as fs from 'fs/promises';
import * as path from 'path';
import { mapWithLimit } from '../core/parallel';
import { errorsOfRun } from '../core/runErrors';
import { collectRunSet } from '../core/runSet';
import type { Runner, RunResult } from '../core/runTypes';
import { LocalRunner, UNSANDBOXED_NOTICE } from '../local/localRunner';
import { DockerSandbox } from '../sandbox/dockerSandbox';
import { parseArgs, UsageError } from './cliArgs';
import { readAll, type CliIo } from './cliIo';
import { checkPythonFile, InputError } from './inputFiles';
import { RUN_FLAGS, runOptionsFrom, type RunOptions } from './runOptions';
import { exitStatus, reportEntry, summaryLine } from './runReport';

export const RUN_USAGE = `Usage: self-heal run FILE... [options] [-- ARGS...]

Runs each Python file in a sandbox container and reports what happened.

Options:
  --json               print a JSON report (see docs/cli.md) instead of the programs' output
  --runner docker|local  docker (default) runs in a container; local runs an unsandboxed process
  --image IMG          container image (default python:3.11-slim)
  --docker-host URL    engine address, e.g. unix:///run/podman/podman.sock (default: DOCKER_HOST, then the usual sockets)
  --timeout SEC        wall-clock limit per program (default 30)
  --memory SIZE        memory limit, no swap on top (default 512m)
  --cpus N             CPU limit (default 1)
  --processes N        process limit (default 128)
  --network[=MODE]     allow network: bridge (the default when given), host, or none (the default)
  --output-limit SIZE  output kept per stream; the program is stopped past it (default 1m)
  --parallel N         programs run at once (default 2)
  --python PATH        interpreter for --runner local (default python3)
  --stdin FILE         feed FILE (or - for this terminal's input) to the program's stdin
`;

export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, RUN_FLAGS);
  if (parsed.flags.has('help')) {
    io.stdout.write(RUN_USAGE);
    return 0;
  }
  if (parsed.positionals.length === 0) throw new UsageError('name at least one Python file to run');
  const options = runOptionsFrom(parsed);
  const files = parsed.positionals;
  for (const file of files) await checkPythonFile(path.resolve(io.cwd, file)).catch(rethrowNamed(file));
  const stdin = await readStdin(options, io);
  const runSets = await Promise.all(files.map((file) => collectRunSet(path.resolve(io.cwd, file), { root: io.cwd })));

  const runner = createRunner(options, io, files.length);
  if (options.runner === 'local') io.stderr.write(`self-heal: ${UNSANDBOXED_NOTICE}\n`);
  const live = !options.json && files.length === 1;
  let results: RunResult[];
  try {
    results = await mapWithLimit(runSets, options.parallel, async (runSet, index) => {
      const result = await runner.run({
        files: runSet.files,
        entry: runSet.entry,
        args: parsed.rest,
        stdin,
        limits: options.limits,
        signal: io.signal,
        onOutput: live ? (stream, chunk) => io[stream].write(chunk) : undefined,
      });
      if (!options.json) printHuman(io, files[index], result, live, options);
      return result;
    });
  } finally {
    await runner.dispose();
  }
  if (options.json) {
    const entries = results.map((result, i) => reportEntry(files[i], result, errorsOfRun(result, runSets[i], options.limits)));
    io.stdout.write(`${JSON.stringify({ files: entries }, null, 2)}\n`);
  }
  return exitStatus(results);
}

export function createRunner(options: RunOptions, io: CliIo, fileCount: number): Runner {
  if (options.runner === 'local') return new LocalRunner(options.python);
  return new DockerSandbox({
    // Containers made ahead only pay off for files still waiting for a free slot.
    warmContainers: Math.max(0, Math.min(options.parallel, fileCount - options.parallel)),
    image: options.image,
    host: options.dockerHost,
    env: io.env,
    howToSetHost: 'pass --docker-host or set DOCKER_HOST',
    onPullProgress: options.json ? undefined : (p) => p.status.startsWith('Pulling ') && io.stderr.write(`self-heal: ${p.status}\n`),
  });
}

function printHuman(io: CliIo, file: string, result: RunResult, live: boolean, options: RunOptions): void {
  if (!live) {
    io.stdout.write(result.stdout);
    io.stderr.write(result.stderr);
  }
  if (result.stdout.length > 0 && !result.stdout.endsWith('\n')) io.stdout.write('\n');
  io.stderr.write(`${summaryLine(file, result, options.limits)}\n`);
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

export function rethrowNamed(file: string) {
  return (error: unknown): never => {
    if (error instanceof InputError) throw new InputError(error.message.replace(/^[^:]*:/, `${file}:`));
    throw error;
  };
}

