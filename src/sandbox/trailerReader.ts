// Separates the launcher's trailer from the program's stderr: the marker, the exit status, and
// optionally " " + the JSON record of the uncaught exception, up to a newline. The record may span
// several frames of the attach stream.
import type { CapturedException } from '../core/capturedException';
import { EXIT_MARKER } from './launcher';

const MARKER = Buffer.from(EXIT_MARKER, 'latin1');
/** A record beyond this is dropped (the exit status still counts). */
const MAX_TRAILER_BYTES = 16 * 1024 * 1024;

export class TrailerReader {
  private parts: Buffer[] | undefined;
  private size = 0;
  done = false;
  exitCode: number | undefined;
  captured: CapturedException | undefined;

  /** Returns the part of a stderr frame that is the program's own output. */
  take(frame: Buffer): Buffer {
    if (this.done) return Buffer.alloc(0);
    const at = this.parts ? 0 : frame.indexOf(MARKER);
    if (at < 0) return frame;
    const program = frame.subarray(0, at);
    const rest = this.parts ? frame : frame.subarray(at + MARKER.length);
    this.parts ??= [];
    const end = rest.indexOf(0x0a);
    const piece = end < 0 ? rest : rest.subarray(0, end);
    this.size += piece.length;
    if (this.size <= MAX_TRAILER_BYTES) this.parts.push(piece);
    if (end >= 0) this.finish();
    return program;
  }

  private finish(): void {
    this.done = true;
    const text = Buffer.concat(this.parts ?? []).toString('utf8');
    const space = text.indexOf(' ');
    this.exitCode = Number.parseInt(space < 0 ? text : text.slice(0, space), 10);
    if (space >= 0 && this.size <= MAX_TRAILER_BYTES) {
      try {
        this.captured = JSON.parse(text.slice(space + 1)) as CapturedException;
      } catch {
        // a damaged record: the traceback on stderr is still there to parse
      }
    }
  }
}
