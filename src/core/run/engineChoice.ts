// Which of several engines takes the next run: the one with the most free capacity, where capacity
// is the engine's CPU count and the load is the runs this process has in flight on it. An engine that
// failed rests for a while; it is tried again only when every engine is resting.
import type { EngineErrorCode } from './engineError';

export interface EngineLoad {
  /** CPUs the engine reported; 0 until known, which still lets it take a run (its first answer tells). */
  capacity: number;
  inFlight: number;
  /** Epoch ms until which the engine is out of rotation; 0 when it is in. */
  restedUntil: number;
}

/** How long an engine that failed stays out of rotation. */
export const ENGINE_REST_MS = 30_000;

/**
 * The index of the engine for the next run, or undefined when every engine is in `tried`. Engines
 * in rotation come first, by free capacity (ties: fewer runs in flight, then the order given); when
 * all of them rest, the one whose rest ends first is tried rather than running nothing.
 */
export function chooseEngine(loads: readonly EngineLoad[], now: number, tried: ReadonlySet<number> = new Set()): number | undefined {
  const open = loads.map((load, index) => ({ load, index })).filter(({ index }) => !tried.has(index));
  if (open.length === 0) return undefined;
  const inRotation = open.filter(({ load }) => load.restedUntil <= now);
  if (inRotation.length === 0) return open.reduce((best, next) => (next.load.restedUntil < best.load.restedUntil ? next : best)).index;
  const free = (load: EngineLoad): number => Math.max(load.capacity, 1) - load.inFlight;
  return inRotation.reduce((best, next) => {
    const byFree = free(next.load) - free(best.load);
    if (byFree !== 0) return byFree > 0 ? next : best;
    return next.load.inFlight < best.load.inFlight ? next : best;
  }).index;
}

/** An engine failure another engine may not share: the run is tried there. Too large a run set is the run's own fault. */
export function movesToAnotherEngine(code: EngineErrorCode): boolean {
  return code !== 'run-set-too-large';
}

/** A failure of the engine itself, not of one image it lacks: the engine rests. */
export function restsTheEngine(code: EngineErrorCode): boolean {
  return code !== 'run-set-too-large' && code !== 'image-unavailable';
}
