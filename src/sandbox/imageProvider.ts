// Makes sure the run image is present, pulling it with progress when it is not.
import type Docker from 'dockerode';
import { EngineError, withDeadline } from '../core/run/engineError';

export interface PullProgress {
  image: string;
  status: string;
  /** Layer id, when the event is about one layer. */
  id?: string;
  current?: number;
  total?: number;
}

const INSPECT_DEADLINE_MS = 10_000;
const PULL_DEADLINE_MS = 15 * 60_000;

export async function ensureImage(docker: Docker, image: string, onProgress?: (p: PullProgress) => void): Promise<void> {
  try {
    await withDeadline(docker.getImage(image).inspect(), INSPECT_DEADLINE_MS, `inspect image ${image}`);
    return;
  } catch (error) {
    if (error instanceof EngineError || (error as { statusCode?: number }).statusCode !== 404) throw asApiError(error, image);
  }
  onProgress?.({ image, status: `Pulling ${image}` });
  try {
    await withDeadline(pull(docker, image, onProgress), PULL_DEADLINE_MS, `pull ${image}`);
  } catch (error) {
    const reason = (error as Error).message.replace(/\s+/g, ' ').trim();
    throw new EngineError(
      'image-unavailable',
      `The image "${image}" is not on this machine and could not be pulled (${reason}). ` +
        `Check the name, connect to its registry and run "docker pull ${image}", or choose another image (selfHeal.image / --image).`,
    );
  }
}

function pull(docker: Docker, image: string, onProgress?: (p: PullProgress) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    docker.pull(image, (err: Error | null, stream: NodeJS.ReadableStream) => {
      if (err) return reject(err);
      docker.modem.followProgress(
        stream,
        (doneErr: Error | null, events: Array<{ error?: string }>) => {
          const failed = doneErr ?? events.find((e) => e.error);
          if (failed) reject(failed instanceof Error ? failed : new Error(String(failed.error)));
          else resolve();
        },
        (event: { status?: string; id?: string; progressDetail?: { current?: number; total?: number }; error?: string }) => {
          if (event.error) return;
          onProgress?.({ image, status: event.status ?? '', id: event.id, current: event.progressDetail?.current, total: event.progressDetail?.total });
        },
      );
    });
  });
}

function asApiError(error: unknown, image: string): EngineError {
  if (error instanceof EngineError) return error;
  return new EngineError('api', `The engine could not inspect the image "${image}": ${(error as Error).message}`);
}
