// The run workflow `self-heal run` and the MCP server's run_python share: each target run once
// (entry points get the arguments and input, modules are import-checked without them), and its
// errors read from the result.
import { isProgram } from '../core/program/launch';
import { launchRequest } from '../core/program/launch';
import { mapWithLimit } from '../core/run/parallel';
import type { PythonError } from '../core/errors/pythonError';
import { errorsOfRun } from '../core/errors/runErrors';
import type { RunLimits, RunRequest, RunResult, Runner } from '../core/run/runTypes';
import type { RunTarget } from './runTargets';

export interface TargetRun {
  result: RunResult;
  errors: PythonError[];
}

export interface TargetRunOptions {
  runner: Runner;
  limits: RunLimits;
  parallel: number;
  args: readonly string[];
  stdin?: string;
  signal?: AbortSignal;
  /** Live output, for the human report when one program runs alone. */
  onOutput?: RunRequest['onOutput'];
  /** Each target's run as it ends (targets run in parallel, so not in order). */
  onRun?: (target: RunTarget, run: TargetRun) => void;
}

/** The runs of `targets`, in their order. The runner stays the caller's to dispose. */
export async function runTargets(targets: readonly RunTarget[], options: TargetRunOptions): Promise<TargetRun[]> {
  return mapWithLimit(targets, options.parallel, async (target) => {
    const request = launchRequest(target.runSet.files, target.launch);
    const program = isProgram(target.launch);
    const result = await options.runner.run({
      files: request.files,
      entry: request.entry,
      // A module is imported, not run: the program's arguments and input are not for it.
      args: program ? [...options.args] : [],
      stdin: program ? options.stdin : undefined,
      limits: options.limits,
      signal: options.signal,
      onOutput: options.onOutput,
    });
    // The program's files without the driver, so the driver's frames are outside them.
    // Input that ran out is the program's own EOFError when input was given, a need when none was.
    const errors = errorsOfRun(result, { ...target.runSet, stdinGiven: program && options.stdin !== undefined }, options.limits);
    const run = { result, errors };
    options.onRun?.(target, run);
    return run;
  });
}
