// One run inside a prepared container: send the job, collect capped output, enforce the timeout,
// honour cancellation, and say why the run ended.
import { EngineError, withDeadline } from '../core/engineError';
import type { EngineFacts, OutputStream, RunRequest, RunResult } from '../core/runTypes';
import { RunWatch } from '../core/runWatch';
import { APP_DIR, encodeJob, LAUNCHER_FAILURE_EXIT } from './launcher';
import type { PreparedContainer } from './preparedContainer';
import { TrailerReader } from './trailerReader';

const INSPECT_DEADLINE_MS = 10_000;
/** What the kernel's OOM killer (SIGKILL) leaves as exit status. */
const SIGKILL_EXIT = 137;

export async function executeJob(prepared: PreparedContainer, request: RunRequest, engine: EngineFacts): Promise<RunResult> {
  // Ending the wait at once (the container is removed in the background) keeps cancel under 1 s.
  const watch = new RunWatch(request);
  const trailer = new TrailerReader();
  let reported: () => void = () => undefined;
  const exitReported = new Promise<void>((resolve) => (reported = resolve));
  prepared.onFrame((stream: OutputStream, frame: Buffer) => {
    watch.take(stream, stream === 'stderr' ? trailer.take(frame) : frame);
    if (trailer.done) reported();
  });

  const started = Date.now();
  try {
    if (!watch.reason) prepared.stream.write(encodeJob({ files: { ...request.files }, entry: request.entry, args: [...(request.args ?? [])], stdin: request.stdin ?? null }));
    await Promise.race([prepared.ended, watch.stopped, exitReported]);
    const durationMs = Date.now() - started;
    const ending = watch.reason
      ? { exitCode: null, reason: watch.reason }
      : trailer.done
        ? endingFrom(trailer.exitCode as number, false, watch.stderr)
        : await inspectEnding(prepared, watch.stderr);
    return {
      ...ending,
      ...watch.outputs(),
      durationMs,
      engine,
      workDir: APP_DIR,
      ...(trailer.captured && !watch.reason ? { captured: trailer.captured } : {}),
    };
  } finally {
    watch.close();
    prepared.onFrame(() => undefined);
  }
}

type Ending = Pick<RunResult, 'exitCode' | 'reason'>;

/** Used when the launcher itself died (no trailer): the engine knows how the container ended. */
async function inspectEnding(prepared: PreparedContainer, stderr: string): Promise<Ending> {
  let state;
  try {
    state = (await withDeadline(prepared.container.inspect(), INSPECT_DEADLINE_MS, 'inspect container')).State;
  } catch (error) {
    if (error instanceof EngineError) throw error;
    throw new EngineError('api', `The container engine went away during the run: ${(error as Error).message}`);
  }
  return endingFrom(state.ExitCode, state.OOMKilled, stderr);
}

function endingFrom(exitCode: number, oomKilled: boolean, stderr: string): Ending {
  if (exitCode === LAUNCHER_FAILURE_EXIT && stderr.startsWith('self-heal launcher:')) {
    throw new EngineError('api', stderr.trim());
  }
  // Podman never sets OOMKilled; a SIGKILL we did not send under a memory limit is the OOM killer.
  const oom = oomKilled || exitCode === SIGKILL_EXIT;
  return { exitCode, reason: oom ? 'oom' : 'exited' };
}
