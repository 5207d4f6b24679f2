// The resident runner's messages: one JSON text per line over its socket. A run's request goes
// without its signal and output callback (a cancel message and output messages stand for them);
// output travels as base64 (live and in the result), so no byte a program prints can end a line or
// look like a message, and a stream of control bytes does not grow sixfold as JSON escapes.
import { EngineError, type EngineErrorCode } from '../../core/run/engineError';
import type { OutputStream, RunRequest, RunResult } from '../../core/run/runTypes';

export type SentRunRequest = Omit<RunRequest, 'signal' | 'onOutput'> & { streamOutput: boolean };

export type ToRunner =
  | { type: 'run'; request: SentRunRequest }
  /** After 'accepted': the run may start. A client that gave up waiting never sends it, so a run is never made twice. */
  | { type: 'go' }
  | { type: 'cancel' }
  | { type: 'status' }
  | { type: 'stop' };

export interface RunnerStatus {
  pid: number;
  /** Started containers waiting for a run. */
  warm: number;
  startedAt: string;
  runs: number;
  idleExitSeconds: number;
}

export type FromRunner =
  /** Sent as soon as a run is taken: a runner that does not say so at once is not used. */
  | { type: 'accepted' }
  /** Sent every few seconds during a run and a stop: a runner that falls silent is given up on. */
  | { type: 'alive' }
  | { type: 'output'; stream: OutputStream; data: string }
  | { type: 'result'; result: SentRunResult }
  | { type: 'status'; status: RunnerStatus }
  /** Sent on the connection that asked to stop, once runs under way ended and the containers are gone. */
  | { type: 'stopped'; runs: number }
  | { type: 'refused'; reason: string };

/** A result with its output as base64 and its engine error as plain data. */
export type SentRunResult = Omit<RunResult, 'engineError'> & { engineError?: { code: EngineErrorCode; message: string } };

/** How often a runner says it is alive during a run or a stop. */
export const ALIVE_EVERY_MS = 5_000;
/** A runner silent this long during a run or a stop is given up on (wedged, or stopped with SIGSTOP). */
export const SILENCE_MS = 30_000;

/**
 * A line longer than this is not a message of ours: well above a run's files (capped far below it)
 * and its output in base64, well below the longest string V8 can hold.
 */
export const MAX_LINE_CHARS = 256 * 1024 * 1024;

const toBase64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const fromBase64 = (data: string) => Buffer.from(data, 'base64').toString('utf8');

export function sentResult(result: RunResult): SentRunResult {
  const { engineError, ...rest } = result;
  const sent = { ...rest, stdout: toBase64(rest.stdout), stderr: toBase64(rest.stderr) };
  return engineError ? { ...sent, engineError: { code: engineError.code, message: engineError.message } } : sent;
}

export function receivedResult(sent: SentRunResult): RunResult {
  const { engineError, ...rest } = sent;
  const result = { ...rest, stdout: fromBase64(rest.stdout), stderr: fromBase64(rest.stderr) };
  return engineError ? { ...result, engineError: new EngineError(engineError.code, engineError.message) } : result;
}

/** Calls `onMessage` with each whole line read from `stream`, parsed; a line that is not JSON ends the exchange. */
export function readMessages<T>(stream: NodeJS.ReadableStream & { destroy(error?: Error): void }, onMessage: (message: T) => void): void {
  // Only each new chunk is searched for the line's end: a long line costs its length once.
  let parts: string[] = [];
  let pendingChars = 0;
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    let start = 0;
    for (let end = chunk.indexOf('\n'); end >= 0; end = chunk.indexOf('\n', start)) {
      parts.push(chunk.slice(start, end));
      const line = parts.join('');
      parts = [];
      pendingChars = 0;
      start = end + 1;
      let message: T;
      try {
        message = JSON.parse(line) as T;
      } catch {
        return stream.destroy(new Error('a message that is not JSON'));
      }
      onMessage(message);
    }
    if (start < chunk.length) {
      parts.push(chunk.slice(start));
      pendingChars += chunk.length - start;
      if (pendingChars > MAX_LINE_CHARS) stream.destroy(new Error('a message longer than the protocol allows'));
    }
  });
}

export function writeMessage(stream: NodeJS.WritableStream, message: ToRunner | FromRunner): void {
  stream.write(`${JSON.stringify(message)}\n`);
}
