// One environment build: a container from the base image installs the requirements with pip, as the
// sandbox's user with the run's kinds of limits, and is committed to the environment's tag. The
// container is removed whatever happens.
import type Docker from 'dockerode';
import { StringDecoder } from 'string_decoder';
import { EngineError, withDeadline } from '../../core/run/engineError';
import { EnvironmentError } from '../../core/environment/environmentTypes';
import type { OutputStream } from '../../core/run/runTypes';
import { removeContainer } from '../containerRemoval';
import { SANDBOX_USER } from '../containerSpec';
import { BUILD_DRIVER_SOURCE, BUILD_USER_ID, DRIVER_MARKER, JOB_DIR, pipFailure, PTH_FILE, PTH_LINE, TARGET_DIR, type PipJob } from './pipInstall';
import { StreamDemuxer } from '../streamDemux';
import { tarOfEntries } from '../tarArchive';

export type BuildNetwork = 'bridge' | 'host';

export interface BuildSpec {
  baseImage: string;
  /** The base image's config, restored on the committed image (a commit takes the container's). */
  baseConfig: Docker.ImageInspectInfo['Config'];
  /** e.g. "localhost/self-heal-env:0123456789abcdef". */
  tag: string;
  requirements: readonly string[];
  job: PipJob;
  network: BuildNetwork;
  /** Labels of the build container, so a stale sweep finds it when the process that made it died. */
  labels: Record<string, string>;
  /** Labels of the committed image. */
  imageLabels: Record<string, string>;
  timeoutMs: number;
  /** Size of the build's /tmp, which bounds pip's files and what the image gains. Default BUILD_DISK_BYTES. */
  diskBytes?: number;
}

const ENGINE_CALL_DEADLINE_MS = 60_000;
export const BUILD_MEMORY_BYTES = 2 * 1024 ** 3;
export const BUILD_CPUS = 1;
export const BUILD_PROCESSES = 512;
/**
 * The disk a build may fill: pip's temporary files and the staged install live on this tmpfs, and
 * only the staged install is copied into the image. Podman here refuses StorageOpt size on ext4
 * ("overlay.size ... only supported for backingFS XFS"), so the cap is the tmpfs. Its pages count
 * against the memory limit too.
 */
export const BUILD_DISK_BYTES = 1024 ** 3;
const KEPT_LINES = 200;
/** Lines of pip's output an error carries for the user. */
const LOG_LINES = 60;
const MAX_LINE_CHARS = 2000;

export async function buildEnvironmentImage(docker: Docker, spec: BuildSpec, signal: AbortSignal, onLine: (line: string) => void): Promise<void> {
  const stop = new BuildStop(signal, spec.timeoutMs);
  const lines = new OutputLines(onLine);
  // Engine calls that may outlive the build (an attach stream, a wait on a removed container) end with it.
  const calls = new AbortController();
  let stream: NodeJS.ReadableStream | undefined;
  // Not raced: a container created after a cancellation must still be known, to be removed.
  const container = await withDeadline(docker.createContainer(buildContainerOptions(spec)), ENGINE_CALL_DEADLINE_MS, 'create build container');
  try {
    await stop.race(withDeadline(container.putArchive(jobArchive(spec), { path: '/' }), ENGINE_CALL_DEADLINE_MS, 'copy the build job'));
    // Attached before start, so no line is missed; the stream ends when the container stops.
    const attached = container.attach({ stream: true, stdout: true, stderr: true, abortSignal: calls.signal }) as Promise<NodeJS.ReadableStream>;
    stream = await stop.race(withDeadline(attached, ENGINE_CALL_DEADLINE_MS, 'attach to build container'));
    const ended = lines.readAll(stream);
    await stop.race(withDeadline(container.start(), ENGINE_CALL_DEADLINE_MS, 'start build container'));
    // The stream can end while the engine still reports the container running (Podman), and a
    // commit must not catch it mid-exit: wait() is slow there, but it is the word on the exit.
    const [, exit] = await stop.race(Promise.all([ended, container.wait({ abortSignal: calls.signal }) as Promise<{ StatusCode: number }>]));
    if (exit.StatusCode !== 0) throw pipFailure(lines.kept, { requirements: spec.requirements, baseImage: spec.baseImage, exitCode: exit.StatusCode }, LOG_LINES);
    const sitePackages = lines.markers.get('site-packages');
    if (!sitePackages || !/^\/[\w./+-]+$/.test(sitePackages)) throw new EnvironmentError(`The image ${spec.baseImage} has no site-packages folder to register the environment in.`);
    const pth = tarOfEntries([{ name: PTH_FILE, text: PTH_LINE, mode: 0o644 }]);
    await stop.race(withDeadline(container.putArchive(pth, { path: sitePackages }), ENGINE_CALL_DEADLINE_MS, 'register the environment'));
    const [repo, tag] = splitTag(spec.tag);
    const query = { container: container.id, repo, tag, changes: commitChanges(spec) };
    // Docker merges the body (a container config) over the container's; Podman applies `changes`.
    await stop.race(withDeadline(container.commit({ _query: query, _body: spec.baseConfig }), ENGINE_CALL_DEADLINE_MS, 'commit environment'));
  } catch (error) {
    const log = lines.kept.slice(-LOG_LINES).join('\n');
    if (error instanceof EnvironmentError) throw error.log ? error : new EnvironmentError(error.message, log);
    if (error instanceof EngineError) throw error;
    throw new EnvironmentError(`The engine failed while installing the requirements: ${(error as Error).message}`, log);
  } finally {
    stop.dispose();
    calls.abort();
    (stream as (NodeJS.ReadableStream & { destroy?: () => void }) | undefined)?.destroy?.();
    await removeContainer(container).catch(() => undefined); // the next start-up sweep retries
  }
}

/** The job, inside the target folder that belongs to the build user; the driver deletes it before pip starts. */
function jobArchive(spec: BuildSpec): Buffer {
  const owner = BUILD_USER_ID;
  return tarOfEntries([
    { name: `${TARGET_DIR.slice(1)}/`, mode: 0o755, owner },
    { name: `${JOB_DIR.slice(1)}/`, mode: 0o700, owner },
    { name: `${JOB_DIR.slice(1)}/job.json`, text: JSON.stringify(spec.job), mode: 0o600, owner },
    { name: `${JOB_DIR.slice(1)}/requirements.txt`, text: `${spec.requirements.join('\n')}\n`, mode: 0o600, owner },
  ]);
}

/** The run's limits, adapted: network for pip, a writable root for the install, a capped /tmp for everything else. */
export function buildContainerOptions(spec: Pick<BuildSpec, 'baseImage' | 'labels' | 'network' | 'diskBytes'>): Docker.ContainerCreateOptions {
  const tmpfs = (size: string | number): string => `rw,nosuid,nodev,size=${size},mode=1777`;
  return {
    Image: spec.baseImage,
    Cmd: ['python3', '-u', '-c', BUILD_DRIVER_SOURCE],
    User: SANDBOX_USER,
    WorkingDir: '/tmp',
    Labels: spec.labels,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    HostConfig: {
      NetworkMode: spec.network,
      Memory: BUILD_MEMORY_BYTES,
      MemorySwap: BUILD_MEMORY_BYTES,
      NanoCpus: BUILD_CPUS * 1e9,
      PidsLimit: BUILD_PROCESSES,
      // The world-writable folders of a Debian image, so the build user can fill nothing but these.
      Tmpfs: { '/tmp': tmpfs(spec.diskBytes ?? BUILD_DISK_BYTES), '/var/tmp': tmpfs('16m'), '/run/lock': tmpfs('1m') },
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      // Some engines refuse to start without explicit limits. nproc counts per user across the host
      // (a rootless engine's user): generous here, since PidsLimit is the per-container bound.
      Ulimits: [
        { Name: 'nofile', Soft: 4096, Hard: 4096 },
        { Name: 'nproc', Soft: 4096, Hard: 4096 },
      ],
      LogConfig: { Type: 'none', Config: {} },
      AutoRemove: false,
    },
  };
}

/**
 * Dockerfile instructions that give the committed image the base image's command and user back
 * (a commit records the build's), and clear the build container's sandbox labels, which would
 * otherwise mark every container later made from the image as ours to sweep.
 */
export function commitChanges(spec: Pick<BuildSpec, 'baseConfig' | 'labels' | 'imageLabels'>): string[] {
  const { Cmd, User, WorkingDir } = spec.baseConfig;
  // The build ran as the sandbox user in /tmp; an image that names no user or folder means root and "/".
  const changes = [`CMD ${JSON.stringify(Cmd ?? [])}`, `USER ${User || 'root'}`, `WORKDIR ${WorkingDir || '/'}`];
  // One label per instruction and no quotes: Podman 4 reads `LABEL k=v` as a single pair, quotes included.
  const labels = { ...Object.fromEntries(Object.keys(spec.labels).map((key) => [key, ''])), ...spec.imageLabels };
  for (const [key, value] of Object.entries(labels)) {
    if (!/^[\w.-]*$/.test(key + value)) throw new Error(`label not safe to commit: ${key}=${value}`);
    changes.push(`LABEL ${key}=${value}`);
  }
  return changes;
}

function splitTag(image: string): [string, string] {
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/') ? [image.slice(0, colon), image.slice(colon + 1)] : [image, 'latest'];
}

/** Ends a build early: the caller's signal (every waiter gave up) or the deadline. */
class BuildStop {
  private readonly stopped: Promise<never>;
  private timer?: NodeJS.Timeout;
  private onAbort?: () => void;

  constructor(private readonly signal: AbortSignal, timeoutMs: number) {
    this.stopped = new Promise<never>((_, reject) => {
      this.onAbort = () => reject(new EnvironmentError('Installing the requirements was cancelled.'));
      if (signal.aborted) this.onAbort();
      signal.addEventListener('abort', this.onAbort, { once: true });
      const within = timeoutMs < 60_000 ? `${timeoutMs / 1000} s` : `${Math.round(timeoutMs / 6_000) / 10} min`;
      this.timer = setTimeout(() => reject(new EnvironmentError(`Installing the requirements did not finish within ${within}.`)), timeoutMs);
    });
    this.stopped.catch(() => undefined);
  }

  race<T>(work: Promise<T>): Promise<T> {
    work.catch(() => undefined); // the stop may win; the work's own failure no longer matters then
    return Promise.race([work, this.stopped]);
  }

  dispose(): void {
    clearTimeout(this.timer);
    if (this.onAbort) this.signal.removeEventListener('abort', this.onAbort);
  }
}

/** pip's output as lines, each passed on as it completes; the last few kept for the error. */
class OutputLines {
  readonly kept: string[] = [];
  /** The driver's own lines (DRIVER_MARKER key=value), first value of each key. */
  readonly markers = new Map<string, string>();
  private readonly partial: Record<OutputStream, string> = { stdout: '', stderr: '' };
  private readonly decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };

  constructor(private readonly onLine: (line: string) => void) {}

  readAll(stream: NodeJS.ReadableStream): Promise<void> {
    const demuxer = new StreamDemuxer((from, payload) => this.push(from, this.decoders[from].write(payload)));
    stream.on('data', (chunk: Buffer) => demuxer.push(chunk));
    return new Promise((resolve) => {
      let finished = false;
      const done = (): void => {
        if (finished) return;
        finished = true;
        for (const from of ['stdout', 'stderr'] as const) {
          const rest = this.partial[from] + this.decoders[from].end();
          if (rest !== '') this.emit(rest);
        }
        resolve();
      };
      stream.once('end', done);
      stream.once('close', done);
      stream.once('error', done);
    });
  }

  private push(from: OutputStream, text: string): void {
    const parts = (this.partial[from] + text).split(/\r\n|\r|\n/);
    this.partial[from] = parts.pop() ?? '';
    parts.forEach((line) => this.emit(line));
  }

  private emit(line: string): void {
    if (line.startsWith(DRIVER_MARKER)) {
      const [key, ...value] = line.slice(DRIVER_MARKER.length).split('=');
      if (!this.markers.has(key)) this.markers.set(key, value.join('='));
      this.kept.push(line);
      return;
    }
    const shown = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
    this.kept.push(shown);
    if (this.kept.length > KEPT_LINES) this.kept.shift();
    this.onLine(shown);
  }
}
