// The Runner over a Docker-API engine (Docker or Podman): one container per run, removed after it,
// with a warm pool of started containers so a run does not wait for one to be made.
import { randomUUID } from 'crypto';
import { EngineError } from '../core/run/engineError';
import { resultWithoutProgram } from '../core/run/runResults';
import type { EngineFacts, Runner, RunRequest, RunResult } from '../core/run/runTypes';
import { DEFAULT_RUN_IMAGE, type EngineAccess } from '../core/settings/settingsModel';
import { sandboxLabels, shapeKey, type ContainerShape } from './containerSpec';
import { removeContainer } from './containerRemoval';
import { connectEngine, isConnectionError, type ConnectedEngine } from './engineDiscovery';
import { ensureImage, type PullProgress } from './imageProvider';
import { executeJob } from './jobExecution';
import { prepareContainer, type PreparedContainer } from './preparedContainer';
import { sweepStaleContainers } from './staleSweep';
import { WarmPool } from './warmPool';

/** How long a container whose launcher reported its exit is given to end before it is removed by force. */
const EXIT_WAIT_MS = 2_000;

/** The image when neither the user nor the project's Python version chose one (the editor's default too). */
export const DEFAULT_IMAGE = DEFAULT_RUN_IMAGE;

export interface DockerSandboxOptions {
  image?: string;
  /** Engine address chosen by the user; discovery is used when absent. */
  host?: string;
  /** TLS files and SSH key for a remote engine, as the user named them. */
  access?: EngineAccess;
  env?: NodeJS.ProcessEnv;
  /** Words for messages: how this user names a host ("set selfHeal.docker.host"). */
  howToSetHost?: string;
  /** Started containers kept ready per image and limits (default 1; 0 turns the pool off). */
  warmContainers?: number;
  idleMs?: number;
  /**
   * Housekeeping after a run (removing its container, refilling the pool) waits this long, so a run
   * that follows at once (a heal's re-run that proves its fix) has the engine to itself: on two CPUs
   * a container being made beside it tripled its time. 0 (the default) does it at once; a run that
   * finds no warm container does what was held back at once.
   */
  quietAfterRunMs?: number;
  /** Tells containers of this sandbox apart from others on the same engine (tests). */
  session?: string;
  onPullProgress?: (progress: PullProgress) => void;
}

export class DockerSandbox implements Runner {
  private engine?: Promise<ConnectedEngine>;
  private readonly images = new Map<string, Promise<void>>();
  private readonly cleanups = new Set<Promise<unknown>>();
  private readonly pool: WarmPool;
  private readonly shapes = new Map<string, ContainerShape>();
  private swept = false;
  /** Housekeeping held back after runs (quietAfterRunMs), each with the timer that will do it. */
  private readonly heldBack = new Map<ReturnType<typeof setTimeout>, { work: () => void; done: Promise<void>; resolve: () => void }>();
  /** On every container this sandbox makes (the stale sweep and the tests find them by it). */
  readonly labels: Readonly<Record<string, string>>;
  readonly image: string;

  constructor(private readonly options: DockerSandboxOptions = {}) {
    this.image = options.image ?? DEFAULT_IMAGE;
    this.labels = sandboxLabels(options.session ?? randomUUID());
    this.pool = new WarmPool({
      size: options.warmContainers ?? 1,
      idleMs: options.idleMs ?? 5 * 60_000,
      prepare: async (key) => prepareContainer((await this.connect()).docker, this.shapes.get(key) as ContainerShape, this.labels),
      discard: (prepared) => this.remove(prepared),
    });
  }

  /** Connects on first use; a failure is not remembered, so a later call retries. */
  connect(): Promise<ConnectedEngine> {
    if (!this.engine) {
      const { host, env, howToSetHost, access } = this.options;
      this.engine = connectEngine({ explicitHost: host, env, howToSetHost, access });
      this.engine.catch(() => (this.engine = undefined));
    }
    return this.engine;
  }

  async run(request: RunRequest): Promise<RunResult> {
    const started = Date.now();
    const image = request.image ?? this.image;
    let facts: EngineFacts = { runner: 'docker', sandboxed: true, engine: 'unknown', image };
    try {
      const engine = await this.connect();
      facts = { ...facts, engine: engine.name, host: engine.host };
      if (request.signal?.aborted) return resultWithoutProgram('cancelled', facts, Date.now() - started);
      const shape: ContainerShape = { image, ...request.limits };
      const key = shapeKey(shape);
      this.shapes.set(key, shape);
      const warm = this.pool.take(key);
      // Going cold anyway: what was held back for a quiet engine (refills among it) starts now.
      if (!warm) this.doHeldBack();
      const prepared = warm ?? (await this.prepareCold(engine, shape, request.signal));
      if (!prepared) return resultWithoutProgram('cancelled', facts, Date.now() - started);
      const quiet = (this.options.quietAfterRunMs ?? 0) > 0;
      if (!quiet) this.pool.refill(key);
      let result: RunResult | undefined;
      try {
        result = await executeJob(prepared, request, { ...facts, warm: Boolean(warm) });
        return result;
      } finally {
        // A program stopped at a limit or by a cancel still runs until its container goes: that
        // removal is never held back, only an ended container's and the refill.
        const ended = result?.reason === 'exited';
        if (!quiet || !ended) this.remove(prepared);
        if (quiet) {
          this.holdBack(() => {
            if (ended) this.remove(prepared);
            this.pool.refill(key);
          });
        }
        this.sweepOnce(engine);
      }
    } catch (error) {
      return resultWithoutProgram('engine-error', facts, Date.now() - started, this.asEngineError(error, facts.host));
    }
  }

  /**
   * Starts making warm containers of this shape now, ahead of its first run (a resident runner's
   * start), pulling the image first when the engine lacks it; a failure is left to the first run to say.
   */
  warmUp(image: string, limits: RunRequest['limits']): void {
    const shape: ContainerShape = { image, ...limits };
    const key = shapeKey(shape);
    this.shapes.set(key, shape);
    void this.connect()
      .then((engine) => this.ensureImage(engine, image))
      .then(() => this.pool.refill(key))
      .catch(() => undefined);
  }

  /** Started containers waiting for a run. */
  get warmWaiting(): number {
    return this.pool.waiting;
  }

  /** Resolves once the warm containers being prepared are ready: a benchmark or a test waits for a warm start, not a guess of how long one takes. */
  async warmed(): Promise<void> {
    while (this.heldBack.size > 0) await Promise.all([...this.heldBack.values()].map((held) => held.done));
    return this.pool.filled();
  }

  async dispose(): Promise<void> {
    this.doHeldBack();
    await this.pool.close();
    await this.settled();
  }

  /** Resolves once every container this sandbox has removed so far (or held back to remove) is gone. */
  async settled(): Promise<void> {
    this.doHeldBack();
    while (this.cleanups.size > 0) await Promise.all([...this.cleanups]);
  }

  private holdBack(work: () => void): void {
    let resolve: () => void = () => undefined;
    const done = new Promise<void>((r) => (resolve = r));
    const timer = setTimeout(() => this.doHeldBack(timer), this.options.quietAfterRunMs);
    this.heldBack.set(timer, { work, done, resolve });
  }

  /** Does the held-back work now: one item (its timer fired), or all of it. */
  private doHeldBack(only?: ReturnType<typeof setTimeout>): void {
    for (const [timer, held] of [...this.heldBack]) {
      if (only !== undefined && timer !== only) continue;
      clearTimeout(timer);
      this.heldBack.delete(timer);
      held.work();
      held.resolve();
    }
  }

  private asEngineError(error: unknown, host: string | undefined): EngineError {
    if (error instanceof EngineError) return error;
    if (host && isConnectionError(error)) {
      this.engine = undefined; // connect afresh next time, so a restarted engine is found again
      this.images.clear();
      this.swept = false; // a restarted engine is swept again after its first run
      const howToSetHost = this.options.howToSetHost ?? 'set DOCKER_HOST';
      return new EngineError('unreachable', `The container engine at ${host} stopped answering; start it again or ${howToSetHost}.`);
    }
    return new EngineError('api', `The container engine failed: ${(error as Error).message}`);
  }

  /**
   * A container of this shape made at once: the image is looked for (and pulled) only when the
   * engine says it is missing, so a run whose image is there pays no extra request. undefined when
   * the run was cancelled during a pull.
   */
  private async prepareCold(engine: ConnectedEngine, shape: ContainerShape, signal: AbortSignal | undefined): Promise<PreparedContainer | undefined> {
    if (!this.images.has(shape.image)) {
      try {
        const prepared = await prepareContainer(engine.docker, shape, this.labels);
        this.images.set(shape.image, Promise.resolve());
        return prepared;
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 404) throw error; // 404 from create: no such image
      }
    }
    await this.ensureImage(engine, shape.image);
    if (signal?.aborted) return undefined;
    return prepareContainer(engine.docker, shape, this.labels);
  }

  private ensureImage(engine: ConnectedEngine, image: string): Promise<void> {
    let ready = this.images.get(image);
    if (!ready) {
      ready = ensureImage(engine.docker, image, this.options.onPullProgress);
      this.images.set(image, ready);
      ready.catch(() => this.images.delete(image));
    }
    return ready;
  }

  /**
   * Removes what crashed earlier processes left, once, after the first run: done before it, the
   * engine's listing would compete with the container the user waits for.
   */
  private sweepOnce(engine: ConnectedEngine): void {
    if (this.swept) return;
    this.swept = true;
    this.track(sweepStaleContainers(engine.docker).catch(() => 0));
  }

  private remove(prepared: PreparedContainer): void {
    // A launcher that sent its last frame is exiting: a removal sent meanwhile fails on Podman
    // ("container state improper") and is retried after a pause, so its end is waited for (2 s at most).
    const exited = prepared.isLeaving ? endedWithin(prepared, EXIT_WAIT_MS) : Promise.resolve();
    const removal = exited.then(() => {
      prepared.stream.destroy();
      return removeContainer(prepared.container);
    });
    this.track(removal.catch(() => undefined)); // a later process's sweep retries
  }

  private track(work: Promise<unknown>): void {
    this.cleanups.add(work);
    void work.finally(() => this.cleanups.delete(work));
  }
}

function endedWithin(prepared: PreparedContainer, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void prepared.ended.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
