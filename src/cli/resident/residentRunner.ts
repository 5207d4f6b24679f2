// The Runner `self-heal run` uses when a resident runner answers for its engine: each run is sent
// to it and its output and result come back. When none takes the run (it ended, left only its
// socket file, is stopping, or does not answer at once), the run is made by the CLI's own sandbox,
// as without one.
import * as net from 'net';
import { EngineError } from '../../core/run/engineError';
import { resultWithoutProgram } from '../../core/run/runResults';
import type { EngineFacts, Runner, RunRequest, RunResult } from '../../core/run/runTypes';
import { readMessages, receivedResult, SILENCE_MS, writeMessage, type FromRunner } from './residentProtocol';

/** A runner that does not take a run this soon is passed over (stopped, wedged, or gone). */
const ACCEPT_MS = 5_000;
/** After a cancel, how long the runner has to answer before the run is reported cancelled anyway. */
const CANCEL_GRACE_MS = 15_000;

/** The runner did not take the run: it can go to the CLI's own sandbox instead. */
class NotTaken extends Error {}

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
        if (!(error instanceof NotTaken)) throw error;
        // Runs in parallel can all find the runner gone: they share one sandbox of the CLI's own.
        this.direct ??= this.makeDirect();
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
    const facts: EngineFacts = { runner: 'docker', sandboxed: true, engine: 'resident runner', image };
    return new Promise((resolve, reject) => {
      const connection = net.connect(this.socket);
      let accepted = false;
      let settled = false;
      let timer = setTimeout(() => notTaken(`did not take the run within ${ACCEPT_MS / 1000} s`), ACCEPT_MS);
      const settle = () => {
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', cancel);
        connection.destroy();
      };
      const notTaken = (why: string) => {
        if (settled) return;
        settle();
        reject(new NotTaken(why));
      };
      const finish = (result: RunResult) => {
        if (settled) return;
        settle();
        resolve(result);
      };
      const lost = (why: string) =>
        finish(resultWithoutProgram('engine-error', facts, Date.now() - started, new EngineError('unreachable', `The resident runner (${this.socket}) ${why}; see "self-heal resident status", or stop it.`)));
      let cancelling = false;
      const cancel = () => {
        if (!accepted) return finish(resultWithoutProgram('cancelled', facts, Date.now() - started));
        cancelling = true;
        writeMessage(connection, { type: 'cancel' });
        clearTimeout(timer);
        timer = setTimeout(() => finish(resultWithoutProgram('cancelled', facts, Date.now() - started)), CANCEL_GRACE_MS);
      };
      connection.once('connect', () => {
        writeMessage(connection, { type: 'run', request: { ...sent, image, streamOutput: Boolean(onOutput) } });
      });
      connection.on('error', (error) => (accepted ? lost(`failed during the run (${error.message})`) : notTaken(error.message)));
      connection.on('close', () => (accepted ? lost('ended before the run did') : notTaken('closed the connection')));
      // Once it took the run, the runner is heard from every few seconds (pulling an image takes as
      // long as it takes); silence means it is wedged.
      const heard = () => {
        clearTimeout(timer);
        timer = setTimeout(() => lost(`fell silent for ${SILENCE_MS / 1000} s`), SILENCE_MS);
      };
      readMessages<FromRunner>(connection, (message) => {
        if (settled) return;
        if (message.type === 'accepted') {
          // From here the run is the runner's: the CLI never makes it too.
          accepted = true;
          writeMessage(connection, { type: 'go' });
          heard();
          if (signal?.aborted) cancel();
          return;
        }
        if (accepted && !cancelling) heard();
        if (message.type === 'output') onOutput?.(message.stream, Buffer.from(message.data, 'base64'));
        else if (message.type === 'result') finish(receivedResult(message.result));
        else if (message.type === 'refused') (accepted ? lost(`refused the run: ${message.reason}`) : notTaken(message.reason));
      });
      if (signal?.aborted) return cancel();
      signal?.addEventListener('abort', cancel, { once: true });
    });
  }
}
