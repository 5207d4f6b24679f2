// Several engines as one Runner: each run goes to the engine with the most free capacity, a run the
// engine failed is tried on the next one (when none of its output was handed on yet), and an engine
// that failed rests for a while with a warning. Each result names the engine that ran it.
import { chooseEngine, ENGINE_REST_MS, movesToAnotherEngine, restsTheEngine, type EngineLoad } from '../core/run/engineChoice';
import { withDeadline } from '../core/run/engineError';
import type { OutputStream, Runner, RunRequest, RunResult } from '../core/run/runTypes';
import type { DockerSandbox } from './dockerSandbox';

/** How long an engine gets to say its CPU count; until then, and after, it counts as one CPU. */
const INFO_DEADLINE_MS = 30_000;

export interface EngineSpreadOptions {
  /** Each engine's address as the user gave it, in the sandboxes' order: named in results and warnings. */
  hosts: readonly string[];
  /** Said once each time an engine is taken out of rotation. */
  onWarning?: (message: string) => void;
  restMs?: number;
  now?: () => number;
}

export class EngineSpread implements Runner {
  private readonly loads: EngineLoad[];
  private capacitiesAsked = false;
  /** Environment images by the tag handed out, per engine index: where each was built (spreadEnvironments.ts). */
  private readonly imagesByEngine = new Map<string, Map<number, string>>();

  constructor(
    readonly sandboxes: readonly DockerSandbox[],
    private readonly options: EngineSpreadOptions,
  ) {
    this.loads = sandboxes.map(() => ({ capacity: 0, inFlight: 0, restedUntil: 0 }));
  }

  async run(request: RunRequest): Promise<RunResult> {
    // Only runs at once need a choice by capacity: a single run (a one-file CLI call) never asks.
    if (this.loads.some((load) => load.inFlight > 0)) this.learnCapacities();
    const builtOn = request.image ? this.imagesByEngine.get(request.image) : undefined;
    // Engines without the run's environment image are out of the question for it.
    const tried = new Set<number>(builtOn ? this.sandboxes.map((_, index) => index).filter((index) => !builtOn.has(index)) : []);
    let last: RunResult | undefined;
    for (let index = this.choose(tried); index !== undefined; index = this.choose(tried)) {
      tried.add(index);
      let handedOn = false;
      const passOn = request.onOutput;
      const onOutput = passOn && ((stream: OutputStream, chunk: Uint8Array) => {
        handedOn = true;
        passOn(stream, chunk);
      });
      const image = builtOn?.get(index) ?? request.image;
      last = await this.runOn(index, { ...request, image, onOutput });
      const code = last.engineError?.code;
      if (last.reason !== 'engine-error' || !code) return last;
      if (restsTheEngine(code)) this.rest(index, last.engineError?.message ?? 'no answer');
      if (handedOn || request.signal?.aborted || !movesToAnotherEngine(code)) return last;
    }
    return last ?? this.runOn(0, request);
  }

  /** Records where an environment image was built under the tag a caller will run it by. */
  recordImage(tag: string, builtOn: ReadonlyMap<number, string>): void {
    this.imagesByEngine.set(tag, new Map(builtOn));
  }

  /** The indexes of engines in rotation now, in order: where an environment image is built. */
  inRotation(): number[] {
    const now = this.now();
    const open = this.loads.map((load, index) => ({ load, index })).filter(({ load }) => load.restedUntil <= now);
    return (open.length > 0 ? open : this.loads.map((load, index) => ({ load, index }))).map(({ index }) => index);
  }

  async dispose(): Promise<void> {
    await Promise.all(this.sandboxes.map((sandbox) => sandbox.dispose()));
  }

  private choose(tried: ReadonlySet<number>): number | undefined {
    return chooseEngine(this.loads, this.now(), tried);
  }

  private async runOn(index: number, request: RunRequest): Promise<RunResult> {
    const load = this.loads[index];
    load.inFlight++;
    try {
      const result = await this.sandboxes[index].run(request);
      return { ...result, engine: { ...result.engine, host: result.engine.host ?? this.options.hosts[index], spread: true } };
    } finally {
      load.inFlight--;
    }
  }

  /**
   * Each engine's CPU count, asked once of all when runs first overlap and learnt in the background: until
   * an engine says, it counts as one CPU. Podman gathers its whole host report for `info` (seconds
   * under load), so no run waits for it, and a slow or failed answer does not count as a failure: the
   * runs themselves tell whether an engine answers.
   */
  private learnCapacities(): void {
    if (this.capacitiesAsked) return;
    this.capacitiesAsked = true;
    this.sandboxes.forEach(async (sandbox, index) => {
      try {
        const engine = await sandbox.connect();
        const info = (await withDeadline(engine.docker.info(), INFO_DEADLINE_MS, 'info')) as { NCPU?: number };
        this.loads[index].capacity = Math.max(1, info.NCPU ?? 1);
      } catch {
        // left at one CPU; a run there says whether the engine answers
      }
    });
  }

  private rest(index: number, why: string): void {
    const load = this.loads[index];
    const now = this.now();
    if (load.restedUntil > now) return;
    const restMs = this.options.restMs ?? ENGINE_REST_MS;
    load.restedUntil = now + restMs;
    const others = this.loads.filter((other) => other.restedUntil <= now).length;
    const takers = others === 0 ? 'no other engine answers either' : `the ${others === 1 ? 'other engine takes' : `other ${others} engines take`} its runs`;
    this.options.onWarning?.(`the engine at ${this.options.hosts[index]} failed (${why}); it is left out for ${Math.round(restMs / 1000)} s and ${takers}.`);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
