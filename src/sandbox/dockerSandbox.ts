// The Runner over a Docker-API engine (Docker or Podman): one container per run, removed after it,
// with a warm pool of started containers so a run does not wait for one to be made.
import { randomUUID } from 'crypto';
import { EngineError } from '../core/run/engineError';
import { resultWithoutProgram } from '../core/run/runResults';
import type { EngineFacts, Runner, RunRequest, RunResult } from '../core/run/runTypes';
import { sandboxLabels, shapeKey, type ContainerShape } from './containerSpec';
import { removeContainer } from './containerRemoval';
import { connectEngine, isConnectionError, type ConnectedEngine } from './engineDiscovery';
import { ensureImage, type PullProgress } from './imageProvider';
import { executeJob } from './jobExecution';
import { prepareContainer, type PreparedContainer } from './preparedContainer';
import { sweepStaleContainers } from './staleSweep';
import { WarmPool } from './warmPool';

export const DEFAULT_IMAGE = 'python:3.11-slim';

export interface DockerSandboxOptions {
  image?: string;
  /** Engine address chosen by the user; discovery is used when absent. */
  host?: string;
  env?: NodeJS.ProcessEnv;
  /** Words for messages: how this user names a host ("set selfHeal.docker.host"). */
  howToSetHost?: string;
  /** Started containers kept ready per image and limits (default 1; 0 turns the pool off). */
  warmContainers?: number;
  idleMs?: number;
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
      const { host, env, howToSetHost } = this.options;
      this.engine = connectEngine({ explicitHost: host, env, howToSetHost }).then((engine) => {
        this.track(sweepStaleContainers(engine.docker).catch(() => 0));
        return engine;
      });
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
      await this.ensureImage(engine, image);
      if (request.signal?.aborted) return resultWithoutProgram('cancelled', facts, Date.now() - started);
      const shape: ContainerShape = { image, ...request.limits };
      const key = shapeKey(shape);
      this.shapes.set(key, shape);
      const warm = this.pool.take(key);
      const prepared = warm ?? (await prepareContainer(engine.docker, shape, this.labels));
      this.pool.refill(key);
      try {
        return await executeJob(prepared, request, { ...facts, warm: Boolean(warm) });
      } finally {
        this.remove(prepared);
      }
    } catch (error) {
      return resultWithoutProgram('engine-error', facts, Date.now() - started, this.asEngineError(error, facts.host));
    }
  }

  async dispose(): Promise<void> {
    await this.pool.close();
    await this.settled();
  }

  /** Resolves once every container this sandbox has removed so far is gone. */
  async settled(): Promise<void> {
    while (this.cleanups.size > 0) await Promise.all([...this.cleanups]);
  }

  private asEngineError(error: unknown, host: string | undefined): EngineError {
    if (error instanceof EngineError) return error;
    if (host && isConnectionError(error)) {
      this.engine = undefined; // connect afresh next time, so a restarted engine is found again
      this.images.clear();
      const howToSetHost = this.options.howToSetHost ?? 'set DOCKER_HOST';
      return new EngineError('unreachable', `The container engine at ${host} stopped answering; start it again or ${howToSetHost}.`);
    }
    return new EngineError('api', `The container engine failed: ${(error as Error).message}`);
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

  private remove(prepared: PreparedContainer): void {
    this.track(removeContainer(prepared.container).catch(() => undefined)); // the next start-up sweep retries
    prepared.stream.destroy();
  }

  private track(work: Promise<unknown>): void {
    this.cleanups.add(work);
    void work.finally(() => this.cleanups.delete(work));
  }
}
