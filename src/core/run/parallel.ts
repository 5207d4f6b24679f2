// Bounded parallelism: runs of several files share the machine with the editor.

/** Maps `items` through `work` with at most `limit` calls in flight; results keep input order. */
export async function mapWithLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
  return results;
}

/**
 * How long a heal's runner holds back its housekeeping after a run, so the re-run that proves a fix
 * (which follows within milliseconds) has the engine to itself: about 50 ms instead of 150.
 */
export const PROOF_QUIET_MS = 250;

/**
 * Started containers a runner keeps waiting. A heal re-runs each fix right after the run that failed,
 * and a syntax slip with several readings first compiles them all in one run: three runs per
 * program running at once, or the proof waits for a cold start (about 0.7 s against 0.05 s warm).
 * Plain runs only gain from containers made ahead for files still waiting for a free slot.
 */
export function warmContainersFor(parallel: number, files: number, heals: boolean): number {
  const atOnce = Math.max(1, Math.min(parallel, files));
  return heals ? 3 * atOnce : Math.max(0, Math.min(parallel, files - parallel));
}
