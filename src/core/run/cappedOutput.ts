// Keeps the first `limit` bytes of a stream and counts the rest, so a flood cannot grow memory.

export class CappedOutput {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private total = 0;

  constructor(private readonly limit: number) {}

  /** Adds a chunk; returns the part that was kept (empty once the limit is reached). */
  push(chunk: Buffer): Buffer {
    this.total += chunk.length;
    const room = this.limit - this.kept;
    if (room <= 0) {
      return Buffer.alloc(0);
    }
    const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
    this.chunks.push(part);
    this.kept += part.length;
    return part;
  }

  get bytes(): number {
    return this.total;
  }

  get overLimit(): boolean {
    return this.total > this.limit;
  }

  /** The kept bytes as UTF-8; a character cut at the limit becomes U+FFFD. */
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
