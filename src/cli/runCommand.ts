// `self-heal run FILE|FOLDER...`: runs each file in the sandbox and reports what happened; a folder's
// entry points are run and its modules import-checked.
import { isProgram } from '../core/program/launch';
import type { PythonError } from '../core/errors/pythonError';
import { withDiskPaths } from '../core/errors/tracebackPaths';
import { SANDBOX_WORK_DIR, type RunResult } from '../core/run/runTypes';
import { UNSANDBOXED_NOTICE } from '../local/localRunner';
import type { CliIo } from './cliIo';
import { createRunner, readStdin, setUpCommand } from './commandSetup';
import { residentOrDirect } from './residentChoice';
import { diskPlacesOf, LiveDiskPathOutput } from './diskPathOutput';
import { ENGINE_FLAGS_USAGE } from './engineFlags';
import { nothingChanged, reportRequest, reportRoot, REPORT_USAGE, changedTargets, writeReports } from './reportFlags';
import { runResults } from './reportFindings';
import { RUN_FLAGS, runOptionsFrom, type RunOptions } from './runOptions';
import { exitStatus, reportEntry, targetSummaryLine, withRole } from './runReport';
import type { RunTarget } from './runTargets';
import { runTargets, type TargetRun } from './runWorkflow';

export const RUN_USAGE = `Usage: self-heal run FILE|FOLDER... [options] [-- ARGS...]

Runs each Python file in a sandbox container and reports what happened. For a folder, its entry
points (a __main__ guard, code at top level, or a name such as main.py) are run and its other
modules are imported to check that they load (see docs/cli.md).

Options:
  --json               print a JSON report (see docs/cli.md) instead of the programs' output
  --runner docker|local  docker (default) runs in a container; local runs an unsandboxed process
  --image IMG          container image for every file (default: by the project's Python version, see
                       --python-images; python:3.11-slim when the project states none)
  --python-images V=IMG,...
                       images by the Python version the project's .python-version or
                       requires-python asks for, laid over the official python:V-slim images
                       (3.9 to 3.13); "V=" removes one
${ENGINE_FLAGS_USAGE}  --timeout SEC        wall-clock limit per program (default 30)
  --memory SIZE        memory limit, no swap on top (default 512m)
  --cpus N             CPU limit (default 1)
  --processes N        process limit (default 128)
  --network[=MODE]     allow network: bridge (the default when given), host, or none (the default)
  --output-limit SIZE  output kept per stream; the program is stopped past it (default 1m)
  --parallel N         programs run at once (default 2 per engine)
  --python PATH        interpreter for --runner local (default python3)
  --stdin FILE         feed FILE (or - for this terminal's input) to the program's stdin
${REPORT_USAGE}`;

export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const setup = await setUpCommand(argv, io, { flags: RUN_FLAGS, usage: RUN_USAGE, verb: 'run', optionsFrom: runOptionsFrom });
  if (!setup) return 0;
  const { parsed, options } = setup;
  const reports = reportRequest(parsed);
  const root = await reportRoot(io.cwd);
  const targets = await changedTargets(reports, setup.targets, io, options.json);
  if (targets.length === 0) return nothingChanged(reports, io, root, 'run', options.json);
  const stdin = await readStdin(options, io);

  const runner = residentOrDirect(options, io, () => createRunner(options, io, targets.length, false).runner);
  if (options.runner === 'local') io.stderr.write(`self-heal: ${UNSANDBOXED_NOTICE}\n`);
  if (!options.json) for (const line of setup.imageLines) io.stderr.write(`self-heal: ${line}\n`);
  const live = !options.json && targets.length === 1;
  // A local run's folder is new each time: only the sandbox's frames can be mapped as they come.
  const liveOutput = live ? new LiveDiskPathOutput(diskPlacesOf(targets[0].runSet, options.runner === 'local' ? undefined : SANDBOX_WORK_DIR, io.cwd)) : undefined;
  let outcomes: TargetRun[];
  try {
    outcomes = await runTargets(targets, {
      runner, limits: options.limits, parallel: options.parallel, args: parsed.rest, stdin, signal: io.signal,
      onOutput: liveOutput ? (stream, chunk) => io[stream].write(liveOutput.push(stream, chunk)) : undefined,
      onRun: (target, { result, errors }) => {
        if (liveOutput) for (const stream of ['stdout', 'stderr'] as const) io[stream].write(liveOutput.end(stream));
        if (!options.json) printHuman(io, target, result, errors, live, options);
      },
    });
  } finally {
    await runner.dispose();
  }
  if (options.json) {
    const entries = outcomes.map(({ result, errors }, i) => withRole(reportEntry(targets[i].file, result, errors), targets[i].role));
    io.stdout.write(`${JSON.stringify({ files: entries }, null, 2)}\n`);
  }
  await writeReports(reports, io, root, runResults(targets, outcomes, root));
  return exitStatus(outcomes.map(({ result }) => result));
}

/** Entry points get the program's arguments and input; import checks do not. */
export { isProgram };

function printHuman(io: CliIo, target: RunTarget, result: RunResult, errors: PythonError[], live: boolean, options: RunOptions): void {
  if (!live) {
    const places = diskPlacesOf(target.runSet, result.workDir, io.cwd);
    io.stdout.write(withDiskPaths(result.stdout, places));
    io.stderr.write(withDiskPaths(result.stderr, places));
  }
  if (result.stdout.length > 0 && !result.stdout.endsWith('\n')) io.stdout.write('\n');
  io.stderr.write(`${targetSummaryLine(target.file, target.launch, result, errors, options.limits)}\n`);
}
