// A started container whose launcher waits for its job: creating, attaching and starting happen
// ahead of the run (the slow part on every engine), so a warm run only writes the job and waits.
import type Docker from 'dockerode';
import type { Duplex } from 'stream';
import { EngineError, withDeadline } from '../core/run/engineError';
import type { OutputStream } from '../core/run/runTypes';
import { removeContainer } from './containerRemoval';
import { isConnectionError } from './engineDiscovery';
import { containerOptions, type ContainerShape } from './containerSpec';
import { StreamDemuxer } from './streamDemux';

const CREATE_DEADLINE_MS = 30_000;
const ATTACH_DEADLINE_MS = 15_000;
const START_DEADLINE_MS = 30_000;

export class PreparedContainer {
  private frameHandler: (stream: OutputStream, payload: Buffer) => void = () => undefined;
  private alive = true;
  private leaving = false;
  /** Settles when the attach stream ends: the container has stopped (or the engine went away). */
  readonly ended: Promise<void>;

  constructor(
    readonly container: Docker.Container,
    readonly stream: Duplex,
  ) {
    const demuxer = new StreamDemuxer((s, payload) => this.frameHandler(s, payload));
    stream.on('data', (chunk: Buffer) => demuxer.push(chunk));
    this.ended = new Promise((resolve) => {
      const done = (): void => {
        this.alive = false;
        resolve();
      };
      stream.once('end', done);
      stream.once('close', done);
      stream.once('error', done);
    });
  }

  get isAlive(): boolean {
    return this.alive;
  }

  /** The launcher sent its last frame and is exiting by itself. */
  get isLeaving(): boolean {
    return this.leaving;
  }

  markLeaving(): void {
    this.leaving = true;
  }

  onFrame(handler: (stream: OutputStream, payload: Buffer) => void): void {
    this.frameHandler = handler;
  }
}

export async function prepareContainer(docker: Docker, shape: ContainerShape, labels: Record<string, string>): Promise<PreparedContainer> {
  const container = await withDeadline(docker.createContainer(containerOptions(shape, labels)), CREATE_DEADLINE_MS, 'create container');
  let stream: Duplex | undefined;
  try {
    // Attach before start so no output is missed (and waiting for the stream's end is far faster
    // than wait() on Podman). dockerode sends its options as a request body that Podman forwards
    // to stdin: the launcher skips everything before the job marker.
    const attaching = container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true }) as unknown as Promise<Duplex>;
    let abandoned = false;
    // An attach that answers after its deadline would hold a socket (and the process) open forever.
    void attaching.then((late) => abandoned && late.destroy(), () => undefined);
    stream = await withDeadline(attaching, ATTACH_DEADLINE_MS, 'attach to container').catch((error: unknown) => {
      abandoned = true;
      throw error;
    });
    const prepared = new PreparedContainer(container, stream);
    await withDeadline(container.start(), START_DEADLINE_MS, 'start container');
    return prepared;
  } catch (error) {
    stream?.destroy();
    removeContainer(container).catch(() => undefined);
    if (error instanceof EngineError || isConnectionError(error)) throw error;
    throw new EngineError('api', `The engine could not start a sandbox container: ${(error as Error).message}`);
  }
}
