// `self-heal run FILE|FOLDER...`: runs each file in the sandbox and reports what happened; a folder's
// entry points are run and its modules import-checked.
import { isProgram } from '../core/heal/healTargets';
import { launchRequest } from '../core/program/launch';
import { mapWithLimit } from '../core/run/parallel';
import type { PythonError } from '../core/errors/pythonError';
import { errorsOfRun } from '../core/errors/runErrors';
import type { RunResult } from '../core/run/runTypes';
import { UNSANDBOXED_NOTICE } from '../local/localRunner';
import type { CliIo } from './cliIo';
import { createRunner, readStdin, setUpCommand } from './commandSetup';
import { RUN_FLAGS, runOptionsFrom, type RunOptions } from './runOptions';
import { exitStatus, reportEntry, targetSummaryLine, withRole } from './runReport';
import type { RunTarget } from './runTargets';

export const RUN_USAGE = `Usage: self-heal run FILE|FOLDER... [options] [-- ARGS...]

Runs each Python file in a sandbox container and reports what happened. For a folder, its entry
points (a __main__ guard, code at top level, or a name such as main.py) are run and its other
modules are imported to check that they load (see docs/cli.md).

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
  const setup = await setUpCommand(argv, io, { flags: RUN_FLAGS, usage: RUN_USAGE, verb: 'run', optionsFrom: runOptionsFrom });
  if (!setup) return 0;
  const { parsed, options, targets } = setup;
  const stdin = await readStdin(options, io);

  const { runner } = createRunner(options, io, targets.length);
  if (options.runner === 'local') io.stderr.write(`self-heal: ${UNSANDBOXED_NOTICE}\n`);
  const live = !options.json && targets.length === 1;
  let outcomes: Array<{ result: RunResult; errors: PythonError[] }>;
  try {
    outcomes = await mapWithLimit(targets, options.parallel, async (target) => {
      const request = launchRequest(target.runSet.files, target.launch);
      const program = isProgram(target.launch);
      const result = await runner.run({
        files: request.files,
        entry: request.entry,
        // A module is imported, not run: the program's arguments and input are not for it.
        args: program ? parsed.rest : [],
        stdin: program ? stdin : undefined,
        limits: options.limits,
        signal: io.signal,
        onOutput: live ? (stream, chunk) => io[stream].write(chunk) : undefined,
      });
      // The program's files without the driver, so the driver's frames are outside them.
      // Input that ran out is the program's own EOFError when input was given, a need when none was.
      const errors = errorsOfRun(result, { ...target.runSet, stdinGiven: program && stdin !== undefined }, options.limits);
      if (!options.json) printHuman(io, target, result, errors, live, options);
      return { result, errors };
    });
  } finally {
    await runner.dispose();
  }
  if (options.json) {
    const entries = outcomes.map(({ result, errors }, i) => withRole(reportEntry(targets[i].file, result, errors), targets[i].role));
    io.stdout.write(`${JSON.stringify({ files: entries }, null, 2)}\n`);
  }
  return exitStatus(outcomes.map(({ result }) => result));
}

/** Entry points get the program's arguments and input; import checks do not. */
export { isProgram };

function printHuman(io: CliIo, target: RunTarget, result: RunResult, errors: PythonError[], live: boolean, options: RunOptions): void {
  if (!live) {
    io.stdout.write(result.stdout);
    io.stderr.write(result.stderr);
  }
  if (result.stdout.length > 0 && !result.stdout.endsWith('\n')) io.stdout.write('\n');
  io.stderr.write(`${targetSummaryLine(target.file, target.launch, result, errors, options.limits)}\n`);
}
