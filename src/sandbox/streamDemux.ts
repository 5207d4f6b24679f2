// Splits the engine's multiplexed attach stream (non-TTY) into stdout and stderr.
// Each frame: 1 byte stream type (1 stdout, 2 stderr), 3 zero bytes, 4 bytes big-endian length.
import type { OutputStream } from '../core/run/runTypes';

const HEADER = 8;

export class StreamDemuxer {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly onFrame: (stream: OutputStream, payload: Buffer) => void) {}

  push(data: Buffer): void {
    this.pending = this.pending.length === 0 ? data : Buffer.concat([this.pending, data]);
    while (this.pending.length >= HEADER) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < HEADER + size) {
        return;
      }
      const type = this.pending[0];
      const payload = this.pending.subarray(HEADER, HEADER + size);
      this.pending = this.pending.subarray(HEADER + size);
      if (type === 1 || type === 2) {
        this.onFrame(type === 1 ? 'stdout' : 'stderr', payload);
      }
    }
  }
}
