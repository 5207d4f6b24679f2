// One piece of work that several callers wait for: each gets the progress lines and may give up on
// its own; the work itself is cancelled only when every caller has given up.
import { EnvironmentError } from '../../core/environment/environmentTypes';

export interface BuildWaiter {
  signal?: AbortSignal;
  onProgress?: (line: string) => void;
}

export class SharedBuild {
  readonly done: Promise<void>;
  private readonly controller = new AbortController();
  private readonly listeners = new Set<(line: string) => void>();
  private waiters = 0;

  constructor(work: (signal: AbortSignal, onLine: (line: string) => void) => Promise<void>) {
    this.done = work(this.controller.signal, (line) => this.listeners.forEach((listener) => listener(line)));
    this.done.catch(() => undefined); // every waiter sees the failure through join()
  }

  /** True once every waiter gave up: a new caller must start a build of its own. */
  get abandoned(): boolean {
    return this.controller.signal.aborted;
  }

  join({ signal, onProgress }: BuildWaiter = {}): Promise<void> {
    if (signal?.aborted) {
      if (this.waiters === 0) this.controller.abort(); // nobody else wants it either
      return Promise.reject(cancelled());
    }
    this.waiters++;
    const listener = (line: string): void => onProgress?.(line);
    this.listeners.add(listener);
    return new Promise<void>((resolve, reject) => {
      let left = false;
      /** False when this waiter has already left (gave up, or the build settled). */
      const leave = (): boolean => {
        if (left) return false;
        left = true;
        this.listeners.delete(listener);
        signal?.removeEventListener('abort', giveUp);
        this.waiters--;
        return true;
      };
      const giveUp = (): void => {
        if (!leave()) return;
        if (this.waiters === 0) this.controller.abort();
        reject(cancelled());
      };
      signal?.addEventListener('abort', giveUp, { once: true });
      this.done.then(
        () => leave() && resolve(),
        (error: unknown) => leave() && reject(error),
      );
    });
  }
}

function cancelled(): EnvironmentError {
  return new EnvironmentError('Installing the requirements was cancelled.');
}
