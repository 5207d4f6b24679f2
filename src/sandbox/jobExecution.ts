// One run inside a prepared container: send the job, collect capped output (stopping the program
// past the cap, or with `outputOverflow: 'discard'` counting what it writes past it and letting it
// run), enforce the timeout, honour cancellation, and say why the run ended; a program stopped at a
// limit is asked first where it was (stoppedPlace.ts), so its problem sits on that line. The program's own
// environment variables and working folder go in through a generated driver (runSettingsDriver.ts).
import { withRunSettings } from '../core/program/runSettingsDriver';
import { EngineError, withDeadline } from '../core/run/engineError';
import type { EngineFacts, OutputStream, RunRequest, RunResult } from '../core/run/runTypes';
import { RunWatch } from '../core/run/runWatch';
import { APP_DIR, encodeJob } from './launcher/launcherProtocol';
import type { PreparedContainer } from './preparedContainer';
import { LauncherFrames } from './launcher/launcherFrames';
import { askWhereStopped } from './stoppedPlace';

const INSPECT_DEADLINE_MS = 10_000;
/** How long a removal from outside is given to finish before the container is looked for again. */
const REMOVAL_SETTLE_MS = 500;
/** What the kernel's OOM killer (SIGKILL) leaves as exit status. */
const SIGKILL_EXIT = 137;

export async function executeJob(prepared: PreparedContainer, request: RunRequest, engine: EngineFacts): Promise<RunResult> {
  // Ending the wait at once (the container is removed in the background) keeps cancel under 1 s.
  const watch = new RunWatch(request);
  const frames = new LauncherFrames();
  let reported: () => void = () => undefined;
  const exitReported = new Promise<void>((resolve) => (reported = resolve));
  frames.onStdout = (bytes) => {
    if (!watch.reason) watch.take('stdout', bytes);
  };
  prepared.onFrame((stream: OutputStream, frame: Buffer) => {
    const program = stream === 'stderr' ? frames.take(frame) : frame;
    // Once stopped, the program's output ends there, though it runs on while it says where it was.
    if (!watch.reason) watch.take(stream, program);
    if (frames.done) {
      prepared.markLeaving();
      reported();
    }
  });

  const started = Date.now();
  try {
    const { files, entry } = withRunSettings(request);
    if (!watch.reason) prepared.stream.write(encodeJob({ files: { ...files }, entry, args: [...(request.args ?? [])], stdin: request.stdin ?? null }));
    await Promise.race([prepared.ended, watch.stopped, exitReported]);
    const durationMs = Date.now() - started;
    const stoppedAt = watch.reason === 'timeout' || watch.reason === 'output-limit' ? await askWhereStopped(prepared, frames) : undefined;
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
      ...(frames.failedChecks.length > 0 && !watch.reason ? { failedChecks: frames.failedChecks } : {}),
      ...(stoppedAt ? { stoppedAt } : {}),
      // Kept when a limit stopped the run too: the events so far name the test that was running.
      ...(frames.testEvents.length > 0 ? { testEvents: frames.testEvents } : {}),
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
    if (isNoSuchContainer(error)) throw removedFromOutside();
    throw new EngineError('api', `The container engine went away during the run: ${(error as Error).message}`);
  }
  // `rm -f` from elsewhere (a cleanup, another tool) ends PID 1 by a signal, with SIGKILL just as the
  // OOM killer would: a container gone a moment later was removed, whatever its status said.
  if (await removedMeanwhile(prepared)) throw removedFromOutside();
  return endingFrom(state.ExitCode, state.OOMKilled);
}

/** Whether the container is gone a moment after its launcher was killed: we remove ours only after the result. */
async function removedMeanwhile(prepared: PreparedContainer): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, REMOVAL_SETTLE_MS));
  try {
    await withDeadline(prepared.container.inspect(), INSPECT_DEADLINE_MS, 'inspect container');
    return false;
  } catch (error) {
    return isNoSuchContainer(error);
  }
}

function removedFromOutside(): EngineError {
  return new EngineError('api', 'The container was removed from outside Self-Heal during the run (by a cleanup or another tool); run it again.');
}

/** Docker says 404; Podman, racing its own removal, can say 500 "no such container". */
function isNoSuchContainer(error: unknown): boolean {
  return (error as { statusCode?: number }).statusCode === 404 || /no such container/i.test((error as Error).message ?? '');
}

function endingFrom(exitCode: number, oomKilled: boolean): Ending {
  // Podman never sets OOMKilled; a SIGKILL we did not send under a memory limit is the OOM killer.
  const oom = oomKilled || exitCode === SIGKILL_EXIT;
  return { exitCode, reason: oom ? 'oom' : 'exited' };
}
