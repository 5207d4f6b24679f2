// One environment build: a container from the base image installs the requirements with pip, as the
// sandbox's user with the run's kinds of limits, and is committed to the environment's tag. The
// container is removed whatever happens.
import type Docker from 'dockerode';
import { EngineError, withDeadline } from '../../core/run/engineError';
import { EnvironmentError } from '../../core/environment/environmentTypes';
import { removeContainer } from '../containerRemoval';
import { tarOfEntries } from '../tarArchive';
import { buildContainerOptions, commitChanges, type BuildSpec } from './buildContainerSpec';
import { BuildOutputLines } from './buildOutputLines';
import { BUILD_USER_ID, JOB_DIR, PTH_FILE, PTH_LINE, TARGET_DIR } from './pipBuildDriver';
import { pipFailure } from './pipFailure';

const ENGINE_CALL_DEADLINE_MS = 60_000;
/** Lines of pip's output an error carries for the user. */
const LOG_LINES = 60;

export async function buildEnvironmentImage(docker: Docker, spec: BuildSpec, signal: AbortSignal, onLine: (line: string) => void): Promise<void> {
  const stop = new BuildStop(signal, spec.timeoutMs);
  const lines = new BuildOutputLines(onLine);
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

