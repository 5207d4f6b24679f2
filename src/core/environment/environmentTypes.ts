// The run environment: the dependencies a workspace declares (requirements.txt, pyproject.toml)
// decide which image a program runs in. Core defines the contract; src/sandbox builds the images.
import type { Runner } from '../run/runTypes';

/** Builds (once per dependency set) and returns the image to run a program in. */
export interface EnvironmentProvider {
  /**
   * `requirements` are requirement lines as pip reads them (comments and blanks removed), in a
   * stable order. An empty list means the base image. Rejects with an EnvironmentError when the
   * install fails, naming the requirement when pip does. `rebuild`: build anew even when the image
   * exists (after a changed index or a yanked release), replacing it.
   */
  imageFor(requirements: readonly string[], options?: ImageRequest): Promise<string>;
}

export interface ImageRequest {
  signal?: AbortSignal;
  /** pip's output lines while the image is built. */
  onProgress?: (line: string) => void;
  /** Called once when the image is not there and is being built (or a build under way is joined), before pip's first line. */
  onBuild?: () => void;
  rebuild?: boolean;
}

/** The network pip uses while installing; the programs that run in the image never get one from it. */
export type BuildNetwork = 'bridge' | 'host';

/** What the user decides about building environment images; the engine and the base image are the runner's. */
export interface EnvironmentChoices {
  /**
   * Let pip build source archives (sdists, URLs, VCS links, local paths), which runs the package's
   * own build code with the index settings in reach. Default false: wheels only.
   */
  allowSourceBuilds?: boolean;
  /** Default bridge. */
  buildNetwork?: BuildNetwork;
  /** Environment for pip only, e.g. { PIP_INDEX_URL: URL } for a mirror; never stored in the image. */
  pipEnv?: Readonly<Record<string, string>>;
  /** Receives pip's output lines when a call passes no onProgress of its own. */
  onProgress?: (line: string) => void;
}

/**
 * A runner as it is made for the CLI or the editor, with the environment images programs run in on
 * it (built over the same engine and base image), so no caller needs to know the runner's class.
 * `environments` is absent for a runner without images (the local one).
 */
export interface RunnerWithEnvironments {
  runner: Runner;
  environments?: (choices: EnvironmentChoices) => EnvironmentProvider;
}

export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
  /** The installer's output tail, for the user to read. */
  constructor(message: string, readonly log: string = '') {
    super(message);
  }
}

/** How a heal's stop reason begins when the environment (not the engine) failed; the editor tells them apart. */
export const ENVIRONMENT_NOT_PREPARED = 'the environment could not be prepared: ';

/** The user said no to installing a set: nothing is broken, so it is not reported as a failed install. */
export class InstallNotApproved extends EnvironmentError {}
