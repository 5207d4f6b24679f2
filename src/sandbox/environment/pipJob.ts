// The pip job a build runs: the options and environment pip gets, which decide what is installed and
// are part of the environment's identity (environmentHash).

export const BASE_PIP_ARGS: readonly string[] = ['--no-cache-dir', '--disable-pip-version-check', '--no-input', '--progress-bar', 'off'];
/** No build backend runs: pip takes wheels only, which are unpacked, never executed, at install time. */
export const WHEELS_ONLY_ARGS: readonly string[] = ['--only-binary=:all:'];

/**
 * Environment variables are used where an option is newer than some pips: an unknown variable is
 * ignored, an unknown option is an error. HOME and TMPDIR point at the build's capped /tmp (the
 * sandbox user's home does not exist).
 */
export const BASE_PIP_ENV: Readonly<Record<string, string>> = {
  PIP_BREAK_SYSTEM_PACKAGES: '1',
  PYTHONUNBUFFERED: '1',
  HOME: '/tmp',
  TMPDIR: '/tmp',
};

export interface PipJob {
  /** Options of `pip install`. */
  args: string[];
  /** The user's index options alone, for asking the index about a missing distribution. */
  indexArgs: string[];
  env: Record<string, string>;
  /** Whether pip may build source archives (which runs the package's code). */
  sourceBuilds: boolean;
}

export function pipJob(pipArgs: readonly string[], pipEnv: Readonly<Record<string, string>>, options: { allowSourceBuilds?: boolean } = {}): PipJob {
  const sourceBuilds = options.allowSourceBuilds === true;
  return {
    args: [...BASE_PIP_ARGS, ...(sourceBuilds ? [] : WHEELS_ONLY_ARGS), ...pipArgs],
    indexArgs: [...pipArgs],
    env: { ...BASE_PIP_ENV, ...pipEnv },
    sourceBuilds,
  };
}

/** How a user allows source builds, for messages. */
export const ALLOW_SOURCE_BUILDS_HINT = 'the setting selfHeal.environment.allowSourceBuilds or the flag --allow-source-builds';
