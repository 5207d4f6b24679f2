// A stopped run ends at once in every step that hears its signal. A step that cannot hear it (the
// editor opening a diff, a question waiting for an answer, a lookup with no deadline) must not hold
// the run open forever: after a grace period the run is left behind, and its work ends unseen.

export const LEFT_BEHIND = Symbol('left behind');

/**
 * The work's result, or LEFT_BEHIND when the signal aborted and the work had not ended `graceMs`
 * later. A failure of the work left behind is swallowed: it is no longer anyone's to report.
 */
export async function endedOrLeftBehind<T>(work: Promise<T>, signal: AbortSignal, graceMs: number): Promise<T | typeof LEFT_BEHIND> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const left = new Promise<typeof LEFT_BEHIND>((resolve) => {
    onAbort = () => (timer = setTimeout(() => resolve(LEFT_BEHIND), graceMs));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const ended = await Promise.race([work, left]);
    if (ended === LEFT_BEHIND) work.catch(() => undefined);
    return ended;
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
