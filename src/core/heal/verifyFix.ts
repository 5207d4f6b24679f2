// The run that proves a fix chosen on its own (a quick fix): made exactly as the run that found the
// error was - the same driver, arguments and environment image - so a module found by its import
// check is imported again, not run as a script, and a project's requirements are there.
import { fileText } from '../files/fileTexts';
import type { PythonError } from '../errors/pythonError';
import { errorsOfRun } from '../errors/runErrors';
import type { OutputOverflow, RunLimits, Runner, RunResult } from '../run/runTypes';
import { ENVIRONMENT_NOT_PREPARED } from '../environment/environmentTypes';
import type { ImageFor, RunRecipe } from './healTargets';
import { pythonFilesOf } from './healRun';
import { changedLinesOf } from './changedLines';
import { judge, type Verdict } from './progress';

export interface FixToVerify {
  recipe: RunRecipe;
  /** The files as they were run, and the error and output of that run. */
  before: { files: Readonly<Record<string, string>>; error: PythonError; stdoutBytes: number };
  /** The files with the fix. */
  fixed: Readonly<Record<string, string>>;
}

export interface VerifyOptions {
  runner: Runner;
  limits: RunLimits;
  imageFor?: ImageFor;
  outputOverflow?: OutputOverflow;
  signal?: AbortSignal;
}

export type Verification =
  | { kind: 'ran'; result: RunResult; error: PythonError | null; verdict: Verdict }
  | { kind: 'not-ran'; result?: RunResult; why: string };

export async function verifyFix(fix: FixToVerify, options: VerifyOptions): Promise<Verification> {
  const { recipe, before, fixed } = fix;
  let image: string | undefined;
  try {
    image = await options.imageFor?.(fixed, options.signal);
  } catch (error) {
    return { kind: 'not-ran', why: `${ENVIRONMENT_NOT_PREPARED}${(error as Error).message}` };
  }
  const result = await options.runner.run({
    files: { ...pythonFilesOf(fixed), ...recipe.driver?.files }, entry: recipe.driver?.entry ?? recipe.entry, image,
    args: recipe.args, stdin: recipe.stdin, env: recipe.env, cwd: recipe.cwd, limits: options.limits, outputOverflow: options.outputOverflow, signal: options.signal,
  });
  if (result.reason === 'cancelled') return { kind: 'not-ran', result, why: 'cancelled' };
  if (result.reason === 'engine-error') return { kind: 'not-ran', result, why: result.engineError?.message ?? 'the engine failed' };
  const errors = errorsOfRun(result, { files: fixed, entry: recipe.entry, stdinGiven: recipe.stdin !== undefined }, options.limits);
  const error = errors.length > 0 ? errors[errors.length - 1] : null;
  const lines = (text: string | undefined) => (text ?? '').split('\n').length;
  // Only the error and how much it printed matter to the judge about the run before.
  const failed = { result: { reason: 'exited', exitCode: 1, stdoutBytes: before.stdoutBytes } as RunResult, error: before.error };
  const verdict = judge(failed, { result, error }, (file) => lines(fileText(fixed, file)) - lines(fileText(before.files, file)), changedLinesOf(before.files, fixed));
  return { kind: 'ran', result, error, verdict };
}
