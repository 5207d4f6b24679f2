// The resident runner's messages: one JSON text per line over its socket. A run's request goes
// without its signal and output callback (a cancel message and output messages stand for them);
// output travels as base64, so no byte a program prints can end a line or look like a message.
import { EngineError, type EngineErrorCode } from '../../core/run/engineError';
import type { OutputStream, RunRequest, RunResult } from '../../core/run/runTypes';

export type SentRunRequest = Omit<RunRequest, 'signal' | 'onOutput'> & { streamOutput: boolean };

export type ToRunner =
  | { type: 'run'; request: SentRunRequest }
  | { type: 'cancel' }
  | { type: 'status' }
  | { type: 'stop' };

export interface RunnerStatus {
  pid: number;
  startedAt: string;
  runs: number;
  idleExitSeconds: number;
}

export type FromRunner =
  | { type: 'output'; stream: OutputStream; data: string }
  | { type: 'result'; result: SentRunResult }
  | { type: 'status'; status: RunnerStatus }
  | { type: 'stopping' }
  | { type: 'refused'; reason: string };

export type SentRunResult = Omit<RunResult, 'engineError'> & { engineError?: { code: EngineErrorCode; message: string } };

/** A line longer than this is not a message of ours (a run's files are capped well below it). */
export const MAX_LINE_CHARS = 64 * 1024 * 1024;

export function sentResult(result: RunResult): SentRunResult {
  const { engineError, ...rest } = result;
  return engineError ? { ...rest, engineError: { code: engineError.code, message: engineError.message } } : rest;
}

export function receivedResult(sent: SentRunResult): RunResult {
  const { engineError, ...rest } = sent;
  return engineError ? { ...rest, engineError: new EngineError(engineError.code, engineError.message) } : rest;
}

/** Calls `onMessage` with each whole line read from `stream`, parsed; a line that is not JSON ends the exchange. */
export function readMessages<T>(stream: NodeJS.ReadableStream & { destroy(error?: Error): void }, onMessage: (message: T) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    if (pending.length > MAX_LINE_CHARS) return stream.destroy(new Error('a message longer than the protocol allows'));
    let end: number;
    while ((end = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 1);
      let message: T;
      try {
        message = JSON.parse(line) as T;
      } catch {
        return stream.destroy(new Error('a message that is not JSON'));
      }
      onMessage(message);
    }
  });
}

export function writeMessage(stream: NodeJS.WritableStream, message: ToRunner | FromRunner): void {
  stream.write(`${JSON.stringify(message)}\n`);
}
