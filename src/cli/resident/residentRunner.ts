// The Runner `self-heal run` uses when a resident runner answers for its engine: each run is sent
// to it and its output and result come back. When none answers (it ended, or left only its socket
// file), the run is made by the CLI's own sandbox, as without one.
import * as net from 'net';
import { EngineError } from '../../core/run/engineError';
import { resultWithoutProgram } from '../../core/run/runResults';
import type { Runner, RunRequest, RunResult } from '../../core/run/runTypes';
import { readMessages, receivedResult, writeMessage, type FromRunner } from './residentProtocol';

/** Connecting failed before anything was sent: the run can go to the CLI's own sandbox instead. */
class NotReached extends Error {}

export class ResidentRunner implements Runner {
  private direct?: Runner;

  /** `image`: the run's image when the request names none (the CLI's choice for the project). */
  constructor(
    private readonly socket: string,
    private readonly image: string,
    private readonly makeDirect: () => Runner,
  ) {}

  async run(request: RunRequest): Promise<RunResult> {
    if (!this.direct) {
      try {
        return await this.sendRun(request);
      } catch (error) {
        if (!(error instanceof NotReached)) throw error;
        this.direct = this.makeDirect();
      }
    }
    return this.direct.run(request);
  }

  async dispose(): Promise<void> {
    await this.direct?.dispose();
  }

  private sendRun(request: RunRequest): Promise<RunResult> {
    const { signal, onOutput, ...sent } = request;
    const started = Date.now();
    const image = request.image ?? this.image;
    return new Promise((resolve, reject) => {
      const connection = net.connect(this.socket);
      let connected = false;
      let settled = false;
      const cancel = () => connection.writable && writeMessage(connection, { type: 'cancel' });
      const finish = (result: RunResult) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', cancel);
        connection.destroy();
        resolve(result);
      };
      const lost = (why: string) =>
        finish(resultWithoutProgram('engine-error', { runner: 'docker', sandboxed: true, engine: 'resident runner', image }, Date.now() - started, new EngineError('unreachable', `The resident runner (${this.socket}) ${why}; run "self-heal resident status" to check it, or stop it.`)));
      connection.once('connect', () => {
        connected = true;
        writeMessage(connection, { type: 'run', request: { ...sent, image, streamOutput: Boolean(onOutput) } });
        if (signal?.aborted) cancel();
        else signal?.addEventListener('abort', cancel, { once: true });
      });
      connection.on('error', (error) => {
        if (!connected) {
          settled = true;
          connection.destroy();
          return reject(new NotReached(error.message));
        }
        lost(`failed during the run (${error.message})`);
      });
      connection.on('close', () => lost('ended before the run did'));
      readMessages<FromRunner>(connection, (message) => {
        if (message.type === 'output') onOutput?.(message.stream, Buffer.from(message.data, 'base64'));
        else if (message.type === 'result') finish(receivedResult(message.result));
        else if (message.type === 'refused') lost(`refused the run: ${message.reason}`);
      });
    });
  }
}
