// One run of the program during a heal: its files in the environment image they ask for, started
// through the generated driver when there is one, reduced to the error that ended it.
import { errorsOfRun } from '../errors/runErrors';
import { setupFailureOfInstall } from './setupFailure';
import type { HealStep } from './healFile';
import { reportProgress, type HealSession } from './healSession';
import type { RunState } from './progress';

/** Thrown when the environment image cannot be made, so the loop can report it as a stop reason. */
export class StopHeal extends Error {
  constructor(message: string, readonly kind: 'install' | 'install-declined') {
    super(message);
  }
}

export async function runForHeal(session: HealSession, files: Record<string, string>, attempt: number, step: HealStep): Promise<RunState> {
  const { input, options } = session;
  let image: string | undefined;
  if (options.imageFor) {
    try {
      image = await options.imageFor(files, options.signal);
    } catch (error) {
      const failure = setupFailureOfInstall(error);
      throw new StopHeal(failure.message, failure.kind);
    }
  }
  reportProgress(session, attempt, step);
  const driver = input.driver;
  const result = await options.runner.run({
    files: { ...pythonFilesOf(files), ...driver?.files }, entry: driver?.entry ?? input.entry, image, args: options.args, stdin: options.stdin,
    env: options.env, cwd: options.cwd, limits: options.limits, outputOverflow: options.outputOverflow, signal: options.signal,
  });
  const errors = errorsOfRun(result, { files, entry: input.entry, stdinGiven: options.stdin !== undefined }, options.limits);
  return { result, error: errors.length > 0 ? errors[errors.length - 1] : null };
}

/** Only Python files go into the sandbox; requirements reach it through the image. */
export function pythonFilesOf(files: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([file]) => file.endsWith('.py')));
}
