// The run environment: the dependencies a workspace declares (requirements.txt, pyproject.toml)
// decide which image a program runs in. Core defines the contract; src/sandbox builds the images.

/** Builds (once per dependency set) and returns the image to run a program in. */
export interface EnvironmentProvider {
  /**
   * `requirements` are requirement lines as pip reads them (comments and blanks removed), in a
   * stable order. An empty list means the base image. Rejects with an EnvironmentError when the
   * install fails, naming the requirement when pip does.
   */
  imageFor(requirements: readonly string[], options?: { signal?: AbortSignal; onProgress?: (line: string) => void }): Promise<string>;
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
