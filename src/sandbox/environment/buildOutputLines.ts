// pip's output during a build, as lines: each passed on as it completes, the last few kept for the
// error, and the driver's own marker lines read out.
import { StringDecoder } from 'string_decoder';
import type { OutputStream } from '../../core/run/runTypes';
import { StreamDemuxer } from '../streamDemux';
import { DRIVER_MARKER } from './pipBuildDriver';

const KEPT_LINES = 200;
const MAX_LINE_CHARS = 2000;

/** pip's output as lines, each passed on as it completes; the last few kept for the error. */
export class BuildOutputLines {
  readonly kept: string[] = [];
  /** The driver's own lines (DRIVER_MARKER key=value), first value of each key. */
  readonly markers = new Map<string, string>();
  private readonly partial: Record<OutputStream, string> = { stdout: '', stderr: '' };
  private readonly decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };

  constructor(private readonly onLine: (line: string) => void) {}

  readAll(stream: NodeJS.ReadableStream): Promise<void> {
    const demuxer = new StreamDemuxer((from, payload) => this.push(from, this.decoders[from].write(payload)));
    stream.on('data', (chunk: Buffer) => demuxer.push(chunk));
    return new Promise((resolve) => {
      let finished = false;
      const done = (): void => {
        if (finished) return;
        finished = true;
        for (const from of ['stdout', 'stderr'] as const) {
          const rest = this.partial[from] + this.decoders[from].end();
          if (rest !== '') this.emit(rest);
        }
        resolve();
      };
      stream.once('end', done);
      stream.once('close', done);
      stream.once('error', done);
    });
  }

  private push(from: OutputStream, text: string): void {
    const parts = (this.partial[from] + text).split(/\r\n|\r|\n/);
    this.partial[from] = parts.pop() ?? '';
    parts.forEach((line) => this.emit(line));
  }

  private emit(line: string): void {
    if (line.startsWith(DRIVER_MARKER)) {
      const [key, ...value] = line.slice(DRIVER_MARKER.length).split('=');
      if (!this.markers.has(key)) this.markers.set(key, value.join('='));
      this.kept.push(line);
      return;
    }
    const shown = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
    this.kept.push(shown);
    if (this.kept.length > KEPT_LINES) this.kept.shift();
    this.onLine(shown);
  }
}
