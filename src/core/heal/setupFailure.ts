// Why a heal could not judge the program at all, told apart so that the editor says the right thing
// and sends the user to the right place: the engine (no Docker or Podman answered, or it failed), the
// image (the run image is missing and could not be pulled), or the install (the workspace's
// requirements could not be installed into an environment image, or the user said no to installing).
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
