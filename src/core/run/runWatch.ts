// What every runner does while a program runs: keep capped output (and pass it on live), stop it
// at the timeout, on cancellation or past the output limit (unless the request lets it run with the
// rest of its output discarded) - once, for the first reason.
import { CappedOutput } from './cappedOutput';
import type { OutputStream, RunRequest, RunResult, TerminationReason } from './runTypes';

export class RunWatch {
  private readonly output: Record<OutputStream, CappedOutput>;
  private readonly timer: NodeJS.Timeout;
  private readonly onAbort = (): void => this.stop('cancelled');
  private resolveStopped: () => void = () => undefined;
  /** Why we stopped the program, if we did. */
  reason: TerminationReason | undefined;
  /** Settles when the program is stopped for a reason above. */
  readonly stopped = new Promise<void>((resolve) => (this.resolveStopped = resolve));

  /** `kill` ends the program; it is called once, with the first reason. */
  constructor(
    private readonly request: RunRequest,
    private readonly kill: () => void = () => undefined,
  ) {
    const limit = request.limits.outputLimitBytes;
    this.output = { stdout: new CappedOutput(limit), stderr: new CappedOutput(limit) };
    this.timer = setTimeout(() => this.stop('timeout'), request.limits.timeoutMs);
    request.signal?.addEventListener('abort', this.onAbort, { once: true });
    if (request.signal?.aborted) this.stop('cancelled');
  }

  /** Takes a chunk of the program's output. */
  take(stream: OutputStream, chunk: Buffer): void {
    const kept = this.output[stream].push(chunk);
    if (kept.length > 0) this.request.onOutput?.(stream, kept);
    if (this.output[stream].overLimit && this.request.outputOverflow !== 'discard') this.stop('output-limit');
  }

  stop(reason: TerminationReason): void {
    if (this.reason) return;
    this.reason = reason;
    this.kill();
    this.resolveStopped();
  }

  get stderr(): string {
    return this.output.stderr.text();
  }

  /** The output part of the result. */
  outputs(): Pick<RunResult, 'stdout' | 'stderr' | 'stdoutBytes' | 'stderrBytes' | 'truncated'> {
    const { stdout, stderr } = this.output;
    return {
      stdout: stdout.text(),
      stderr: stderr.text(),
      stdoutBytes: stdout.bytes,
      stderrBytes: stderr.bytes,
      truncated: { stdout: stdout.overLimit, stderr: stderr.overLimit },
    };
  }

  /** Stops the timer and the cancellation listener; the run is over. */
  close(): void {
    clearTimeout(this.timer);
    this.request.signal?.removeEventListener('abort', this.onAbort);
  }
}
