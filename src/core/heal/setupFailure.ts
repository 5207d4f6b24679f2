// Why a heal could not judge the program at all, told apart so that the editor says the right thing
// and sends the user to the right place: the engine (no Docker or Podman answered, or it failed), the
// image (the run image is missing and could not be pulled), or the install (the workspace's
// requirements could not be installed into an environment image, or the user said no to installing).
import { ENVIRONMENT_NOT_PREPARED, InstallNotApproved } from '../environment/environmentTypes';
import type { EngineErrorCode } from '../run/engineError';

export type SetupFailureKind = 'engine' | 'image' | 'install' | 'install-declined';

export interface SetupFailure {
  kind: SetupFailureKind;
  /** The message the user reads, as the engine or the installer put it. */
  message: string;
}

export function setupFailureOfEngine(code: EngineErrorCode | undefined, message: string): SetupFailure {
  return { kind: code === 'image-unavailable' ? 'image' : 'engine', message };
}

/** An environment image that could not be made: pip failed (its error named), or the user said no. */
export function setupFailureOfInstall(error: unknown): SetupFailure & { kind: 'install' | 'install-declined' } {
  return { kind: error instanceof InstallNotApproved ? 'install-declined' : 'install', message: `${ENVIRONMENT_NOT_PREPARED}${(error as Error).message}` };
}
