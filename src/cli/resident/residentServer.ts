// The resident runner: one process that keeps warm containers for one engine and runs what
// `self-heal run` sends it, so a one-shot run pays neither the engine connection nor a cold
// container. It runs programs exactly as the CLI's own sandbox does (the same Runner); it only
// carries requests in and results out. It ends after a time with no runs, removing its containers.
import * as fs from 'fs';
import * as net from 'net';
import { checkLimits } from '../../core/run/limits';
import type { Runner } from '../../core/run/runTypes';
import { ensureFolder, type ResidentPlace } from './residentPlace';
import { ALIVE_EVERY_MS, readMessages, sentResult, writeMessage, type FromRunner, type RunnerStatus, type SentRunRequest, type ToRunner } from './residentProtocol';

/** A connection that says nothing this long (no request, or no 'go' after 'accepted') is dropped: it would hold the idle exit. */
const SILENT_CLIENT_MS = 10_000;

export interface ResidentServerOptions {
  place: ResidentPlace;
  runner: Runner;
  /** Started containers waiting for a run, for the status. */
  warmWaiting: () => number;
  idleExitMs: number;
  log: (line: string) => void;
}

export class ResidentServer {
  private readonly server = net.createServer((connection) => this.serve(connection));
  private readonly startedAt = new Date().toISOString();
  private readonly open = new Set<net.Socket>();
  private readonly runsUnderWay = new Set<Promise<unknown>>();
  /** Connections waiting on a run or a stop: each hears 'alive' every few seconds until answered. */
  private readonly waiting = new Set<net.Socket>();
  private readonly alive = setInterval(() => this.waiting.forEach((connection) => writeMessage(connection, { type: 'alive' })), ALIVE_EVERY_MS);
  private runs = 0;
  private idleTimer?: ReturnType<typeof setTimeout>;
  private stopping?: Promise<void>;
  private resolveEnded: () => void = () => undefined;
  /** Resolves once the runner has stopped and its containers are gone. */
  readonly ended = new Promise<void>((resolve) => (this.resolveEnded = resolve));

  constructor(private readonly options: ResidentServerOptions) {}

  /** Listens on the place's socket; fails when another resident runner already answers there. */
  async listen(): Promise<void> {
    const { folder, socket } = this.options.place;
    ensureFolder(folder);
    if (fs.existsSync(socket)) {
      if (await answers(socket)) throw new Error(`a resident runner already answers at ${socket}`);
      fs.rmSync(socket, { force: true }); // left by a runner that did not end cleanly
    }
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(socket, () => resolve());
    });
    this.server.on('error', (error) => void this.stop(`the socket failed: ${error.message}`));
    fs.chmodSync(socket, 0o600);
    this.armIdleExit();
    this.options.log(`listening at ${socket} (PID ${process.pid})`);
  }

  /**
   * Stops taking runs (the socket file goes at once, so a new runner can start), lets the runs under
   * way end, and removes every container the runner made.
   */
  stop(why: string): Promise<void> {
    if (!this.stopping) {
      this.options.log(`stopping: ${why}`);
      clearTimeout(this.idleTimer);
      this.server.close();
      this.stopping = (async () => {
        while (this.runsUnderWay.size > 0) await Promise.allSettled([...this.runsUnderWay]);
        await this.options.runner.dispose();
        clearInterval(this.alive);
        this.resolveEnded();
      })();
    }
    return this.stopping;
  }

  private armIdleExit(): void {
    clearTimeout(this.idleTimer);
    if (this.open.size > 0 || this.stopping) return;
    this.idleTimer = setTimeout(() => void this.stop(`no run for ${this.options.idleExitMs / 1000} s`), this.options.idleExitMs);
  }

  private serve(connection: net.Socket): void {
    this.open.add(connection);
    clearTimeout(this.idleTimer);
    const controller = new AbortController();
    let request: SentRunRequest | undefined;
    const send = (message: FromRunner) => {
      if (!connection.destroyed) writeMessage(connection, message);
    };
    const refuse = (reason: string) => {
      send({ type: 'refused', reason });
      connection.end();
    };
    connection.setTimeout(SILENT_CLIENT_MS, () => connection.destroy());
    connection.on('error', () => undefined); // a client that went away; its run is cancelled on close
    connection.on('close', () => {
      controller.abort();
      this.open.delete(connection);
      this.waiting.delete(connection);
      this.armIdleExit();
    });
    readMessages<ToRunner>(connection, (message) => {
      if (message.type === 'cancel') return controller.abort();
      if (message.type === 'status') {
        send({ type: 'status', status: this.status() });
        return connection.end();
      }
      if (message.type === 'stop') {
        connection.setTimeout(0);
        this.waiting.add(connection);
        return void this.stop('asked to stop').then(() => {
          send({ type: 'stopped', runs: this.runs });
          connection.end();
        });
      }
      if (message.type === 'go' && request) {
        connection.setTimeout(0);
        const taken = request;
        request = undefined;
        return this.startRun(connection, taken, controller.signal, send);
      }
      if (message.type !== 'run') return refuse(`unexpected message ${JSON.stringify((message as { type?: unknown }).type)}`);
      // Refused before it is accepted, a run is made by the CLI itself.
      if (this.stopping) return refuse('the runner is stopping');
      const problem = requestProblem(message.request);
      if (problem) return refuse(problem);
      request = message.request;
      send({ type: 'accepted' });
    });
  }

  private startRun(connection: net.Socket, sent: SentRunRequest, signal: AbortSignal, send: (message: FromRunner) => void): void {
    if (this.stopping) {
      send({ type: 'refused', reason: 'the runner is stopping' });
      connection.end();
      return;
    }
    this.runs++;
    this.waiting.add(connection);
    const { streamOutput, ...request } = sent;
    const run = this.options.runner
      .run({
        ...request,
        signal,
        onOutput: streamOutput ? (stream, chunk) => send({ type: 'output', stream, data: Buffer.from(chunk).toString('base64') }) : undefined,
      })
      .then(
        (result) => send({ type: 'result', result: sentResult(result) }),
        (error: Error) => send({ type: 'refused', reason: `the run failed: ${error.message}` }),
      )
      .finally(() => {
        this.waiting.delete(connection);
        connection.end();
        this.runsUnderWay.delete(run);
      });
    this.runsUnderWay.add(run);
  }

  private status(): RunnerStatus {
    return { pid: process.pid, warm: this.options.warmWaiting(), startedAt: this.startedAt, runs: this.runs, idleExitSeconds: this.options.idleExitMs / 1000 };
  }
}

/** What is wrong with a run request, so a malformed one is refused in words rather than run. */
export function requestProblem(request: SentRunRequest | undefined): string | undefined {
  if (typeof request !== 'object' || request === null) return 'a run without a request';
  const { files, entry, limits, args } = request;
  if (typeof files !== 'object' || files === null || Object.values(files).some((text) => typeof text !== 'string')) return 'files must map paths to texts';
  if (typeof entry !== 'string' || !(entry in files)) return 'the entry must be one of the files';
  if (typeof limits !== 'object' || limits === null) return 'a run without limits';
  const { network, ...sizes } = limits;
  if (typeof network !== 'string' || Object.values(sizes).some((value) => typeof value !== 'number')) return 'limits must be numbers and a network mode';
  const limitProblem = checkLimits(limits);
  if (limitProblem) return limitProblem;
  if (args !== undefined && (!Array.isArray(args) || args.some((arg) => typeof arg !== 'string'))) return 'args must be texts';
  return undefined;
}

/** True when something accepts a connection at `socket` (a live runner, not a file left behind). */
export function answers(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect(socket);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}
