// One run inside a prepared container: send the job, collect capped output, enforce the timeout,
// honour cancellation, and say why the run ended.
import { CappedOutput } from '../core/cappedOutput';
import { EngineError, withDeadline } from '../core/engineError';
import type { EngineFacts, OutputStream, RunRequest, RunResult, TerminationReason } from '../core/runTypes';
import { APP_DIR, encodeJob, LAUNCHER_FAILURE_EXIT } from './launcher';
import type { PreparedContainer } from './preparedContainer';
import { TrailerReader } from './trailerReader';

const INSPECT_DEADLINE_MS = 10_000;
/** What the kernel's OOM killer (SIGKILL) leaves as exit status. */
const SIGKILL_EXIT = 137;

export async function executeJob(prepared: PreparedContainer, request: RunRequest, engine: EngineFacts): Promise<RunResult> {
  const output = { stdout: new CappedOutput(request.limits.outputLimitBytes), stderr: new CappedOutput(request.limits.outputLimitBytes) };
  let stopReason: TerminationReason | undefined;
  let stopped: () => void = () => undefined;
  const stoppedByUs = new Promise<void>((resolve) => (stopped = resolve));
  // Ending the wait at once (the container is removed in the background) keeps cancel under 1 s.
  const stop = (reason: TerminationReason): void => {
    if (stopReason) return;
    stopReason = reason;
    stopped();
  };

  const trailer = new TrailerReader();
  let reported: () => void = () => undefined;
  const exitReported = new Promise<void>((resolve) => (reported = resolve));
  prepared.onFrame((stream: OutputStream, frame: Buffer) => {
    const payload = stream === 'stderr' ? trailer.take(frame) : frame;
    const kept = output[stream].push(payload);
    if (kept.length > 0) request.onOutput?.(stream, kept);
    if (output[stream].overLimit) stop('output-limit');
    if (trailer.done) reported();
  });
  const timer = setTimeout(() => stop('timeout'), request.limits.timeoutMs);
  const onAbort = (): void => stop('cancelled');
  request.signal?.addEventListener('abort', onAbort, { once: true });

  const started = Date.now();
  try {
    if (request.signal?.aborted) stop('cancelled');
    else prepared.stream.write(encodeJob({ files: { ...request.files }, entry: request.entry, args: [...(request.args ?? [])], stdin: request.stdin ?? null }));
    await Promise.race([prepared.ended, stoppedByUs, exitReported]);
    const durationMs = Date.now() - started;
    const ending = stopReason
      ? { exitCode: null, reason: stopReason }
      : trailer.done
        ? endingFrom(trailer.exitCode as number, false, output.stderr.text())
        : await inspectEnding(prepared, output.stderr.text());
    return {
      ...ending,
      stdout: output.stdout.text(),
      stderr: output.stderr.text(),
      stdoutBytes: output.stdout.bytes,
      stderrBytes: output.stderr.bytes,
      truncated: { stdout: output.stdout.overLimit, stderr: output.stderr.overLimit },
      durationMs,
      engine,
      workDir: APP_DIR,
      ...(trailer.captured && !stopReason ? { captured: trailer.captured } : {}),
    };
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onAbort);
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
