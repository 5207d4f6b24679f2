// One run inside a prepared container: send the job, collect capped output (stopping the program
// past the cap, or with `outputOverflow: 'discard'` counting what it writes past it and letting it
// run), enforce the timeout, honour cancellation, and say why the run ended. The program's own
// environment variables and working folder go in through a generated driver (runSettingsDriver.ts).
import { withRunSettings } from '../core/program/runSettingsDriver';
import { EngineError, withDeadline } from '../core/run/engineError';
import type { EngineFacts, OutputStream, RunRequest, RunResult } from '../core/run/runTypes';
import { RunWatch } from '../core/run/runWatch';
import { APP_DIR, encodeJob } from './launcher/launcherProtocol';
import type { PreparedContainer } from './preparedContainer';
import { LauncherFrames } from './launcher/launcherFrames';

const INSPECT_DEADLINE_MS = 10_000;
/** What the kernel's OOM killer (SIGKILL) leaves as exit status. */
const SIGKILL_EXIT = 137;

export async function executeJob(prepared: PreparedContainer, request: RunRequest, engine: EngineFacts): Promise<RunResult> {
  // Ending the wait at once (the container is removed in the background) keeps cancel under 1 s.
  const watch = new RunWatch(request);
  const frames = new LauncherFrames();
  let reported: () => void = () => undefined;
  const exitReported = new Promise<void>((resolve) => (reported = resolve));
  prepared.onFrame((stream: OutputStream, frame: Buffer) => {
    watch.take(stream, stream === 'stderr' ? frames.take(frame) : frame);
    if (frames.done) reported();
  });

  const started = Date.now();
  try {
    const { files, entry } = withRunSettings(request);
    if (!watch.reason) prepared.stream.write(encodeJob({ files: { ...files }, entry, args: [...(request.args ?? [])], stdin: request.stdin ?? null }));
    await Promise.race([prepared.ended, watch.stopped, exitReported]);
    const durationMs = Date.now() - started;
    if (frames.failure !== undefined && !watch.reason) throw new EngineError('api', `self-heal launcher: ${frames.failure}`);
    const ending = watch.reason
      ? { exitCode: null, reason: watch.reason }
      : frames.exitCode !== undefined
        ? endingFrom(frames.exitCode, false)
        : await inspectEnding(prepared);
    return {
      ...ending,
      ...watch.outputs(),
      durationMs,
      engine,
      workDir: APP_DIR,
      ...(frames.captured && !watch.reason ? { captured: frames.captured } : {}),
    };
  } finally {
    watch.close();
    prepared.onFrame(() => undefined);
  }
}

type Ending = Pick<RunResult, 'exitCode' | 'reason'>;

/** Used when the launcher itself died (no report): the engine knows how the container ended. */
async function inspectEnding(prepared: PreparedContainer): Promise<Ending> {
  let state;
  try {
    state = (await withDeadline(prepared.container.inspect(), INSPECT_DEADLINE_MS, 'inspect container')).State;
  } catch (error) {
    if (error instanceof EngineError) throw error;
    throw new EngineError('api', `The container engine went away during the run: ${(error as Error).message}`);
  }
  return endingFrom(state.ExitCode, state.OOMKilled);
}

function endingFrom(exitCode: number, oomKilled: boolean): Ending {
  // Podman never sets OOMKilled; a SIGKILL we did not send under a memory limit is the OOM killer.
  const oom = oomKilled || exitCode === SIGKILL_EXIT;
  return { exitCode, reason: oom ? 'oom' : 'exited' };
}
