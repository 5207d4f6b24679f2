// Keeps a few started containers per shape (image + limits) so that a run need not pay for one.
import type { PreparedContainer } from './preparedContainer';

export interface WarmPoolOptions {
  /** Idle containers kept per shape. 0 turns the pool off. */
  size: number;
  /** An idle container unused this long is removed. */
  idleMs: number;
  prepare: (key: string) => Promise<PreparedContainer>;
  discard: (prepared: PreparedContainer) => void;
}

export class WarmPool {
  private readonly idle = new Map<string, PreparedContainer[]>();
  private readonly filling = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly expiry = new Map<PreparedContainer, NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly options: WarmPoolOptions) {}

  /** A live idle container of this shape, or undefined. */
  take(key: string): PreparedContainer | undefined {
    const list = this.idle.get(key) ?? [];
    for (let prepared = list.shift(); prepared; prepared = list.shift()) {
      this.cancelExpiry(prepared);
      if (prepared.isAlive) return prepared;
      this.options.discard(prepared);
    }
    return undefined;
  }

  /** Starts preparing containers of this shape until the pool holds `size` of them. */
  refill(key: string): void {
    const have = (this.idle.get(key)?.length ?? 0) + (this.filling.get(key) ?? 0);
    for (let i = have; i < this.options.size && !this.closed; i++) {
      this.filling.set(key, (this.filling.get(key) ?? 0) + 1);
      const work = this.options
        .prepare(key)
        .then((prepared) => this.keep(key, prepared))
        .catch(() => undefined) // the next run prepares its own container and reports the error
        .finally(() => {
          this.filling.set(key, (this.filling.get(key) ?? 1) - 1);
          this.inFlight.delete(work);
        });
      this.inFlight.add(work);
    }
  }

  /** Started containers waiting for a run, of every shape. */
  get waiting(): number {
    let count = 0;
    for (const list of this.idle.values()) count += list.length;
    return count;
  }

  /** Resolves once the containers being prepared now are ready (or have failed). */
  async filled(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  /** Stops refilling, waits for containers being prepared, and discards every idle one. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.inFlight]);
    for (const list of this.idle.values()) list.splice(0).forEach((p) => this.drop(p));
  }

  private keep(key: string, prepared: PreparedContainer): void {
    if (this.closed) return this.options.discard(prepared);
    const list = this.idle.get(key) ?? [];
    list.push(prepared);
    this.idle.set(key, list);
    const timer = setTimeout(() => {
      const index = list.indexOf(prepared);
      if (index >= 0) list.splice(index, 1);
      this.drop(prepared);
    }, this.options.idleMs);
    timer.unref();
    this.expiry.set(prepared, timer);
  }

  private drop(prepared: PreparedContainer): void {
    this.cancelExpiry(prepared);
    this.options.discard(prepared);
  }

  private cancelExpiry(prepared: PreparedContainer): void {
    clearTimeout(this.expiry.get(prepared));
    this.expiry.delete(prepared);
  }
}
