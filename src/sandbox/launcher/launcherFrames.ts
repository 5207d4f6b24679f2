// Reads what the launcher writes on the container's stderr (the frame layout is in
// launcherProtocol.ts): the program's own stderr and stdout bytes, passed on as they come, then the
// launcher's report. A byte where a frame should start means the launcher itself broke (say, an interpreter that
// cannot run it): from there on the bytes are passed on as they are, and the engine is asked how the
// container ended.
import type { CapturedException } from '../../core/run/capturedExceptionTypes';
import type { FailedCheck } from '../../core/run/failedCheckTypes';
import { failedCheckFromJson } from '../../core/errors/capturedChecks';
import { capturedFromJson } from '../../core/errors/capturedRecord';
import { FRAME_HEADER_BYTES, FRAME_START, MAX_CHECK_BYTES, MAX_RECORD_BYTES } from './launcherProtocol';

/** Room for the exit status line and the failed checks in front of the record. */
const MAX_REPORT_BYTES = MAX_RECORD_BYTES + MAX_CHECK_BYTES + 64;
const NOTHING = Buffer.alloc(0);

export class LauncherFrames {
  private header: Buffer = NOTHING;
  private kind: string | undefined;
  private remaining = 0;
  private report: Buffer[] = [];
  /** The launcher's report arrived: nothing after it is the program's. */
  done = false;
  /** Something that is not a frame arrived: the rest is raw text, and there is no report. */
  broken = false;
  exitCode: number | undefined;
  captured: CapturedException | undefined;
  /** The program's own checks that failed (doctest examples, unittest tests), in the order they failed. */
  failedChecks: FailedCheck[] = [];
  /** A test run's events as the test driver reported them (JSON texts, decoded by core/testing/testEvents.ts). */
  testEvents: string[] = [];
  /** Why the launcher could not run the job, when it says so. */
  failure: string | undefined;
  /** The program's stack as far as it has arrived, after the host asked where it is. */
  where = '';
  /** Called when more of `where` arrives. */
  onWhere: () => void = () => undefined;
  /** Called with the program's stdout bytes as they arrive (before the report, in the order written). */
  onStdout: (bytes: Buffer) => void = () => undefined;

  /** Returns the part of a stderr chunk that the program wrote. */
  take(chunk: Buffer): Buffer {
    if (this.done) return NOTHING;
    if (this.broken) return chunk;
    const program: Buffer[] = [];
    let at = 0;
    while (at < chunk.length && !this.done && !this.broken) {
      if (this.kind === undefined) {
        at = this.readHeader(chunk, at);
        if (this.broken) {
          // Whatever was taken for a header is text, and so is the rest.
          program.push(this.header, chunk.subarray(at));
          this.header = NOTHING;
        }
        continue;
      }
      const piece = chunk.subarray(at, at + this.remaining);
      at += piece.length;
      this.remaining -= piece.length;
      if (this.kind === 'o') program.push(piece);
      else if (this.kind === 'p') this.onStdout(piece);
      else this.report.push(piece);
      if (this.remaining === 0) this.endFrame();
    }
    return program.length === 1 ? program[0] : Buffer.concat(program);
  }

  /** Reads header bytes from `at`; returns where the header ended (or the chunk did). */
  private readHeader(chunk: Buffer, at: number): number {
    const wanted = FRAME_HEADER_BYTES - this.header.length;
    const piece = chunk.subarray(at, at + wanted);
    this.header = Buffer.concat([this.header, piece]);
    const kind = this.header.length > 1 ? String.fromCharCode(this.header[1]) : undefined;
    if (this.header[0] !== FRAME_START || (kind !== undefined && kind !== 'o' && kind !== 'p' && kind !== 'x' && kind !== 'f' && kind !== 'w' && kind !== 't')) {
      this.broken = true;
      return at + piece.length;
    }
    if (this.header.length < FRAME_HEADER_BYTES) return at + piece.length;
    const length = this.header.readUInt32BE(2);
    if ((kind !== 'o' && kind !== 'p' && length > MAX_REPORT_BYTES) || (kind === 't' && length > MAX_CHECK_BYTES)) {
      this.broken = true;
      return at + piece.length;
    }
    this.kind = kind;
    this.remaining = length;
    this.header = NOTHING;
    if (length === 0) this.endFrame();
    return at + piece.length;
  }

  private endFrame(): void {
    const kind = this.kind;
    this.kind = undefined;
    if (kind === 'o' || kind === 'p') return;
    const text = Buffer.concat(this.report).toString('utf8');
    this.report = [];
    if (kind === 't') {
      this.testEvents.push(text);
      return;
    }
    if (kind === 'w') {
      // faulthandler writes ASCII only (other characters escaped), so a frame cut anywhere decodes whole.
      this.where += text;
      this.onWhere();
      return;
    }
    this.done = true;
    if (kind === 'f') {
      this.failure = text;
      return;
    }
    const newline = text.indexOf('\n');
    const status = newline < 0 ? text : text.slice(0, newline);
    if (!/^\d{1,3}$/.test(status)) {
      this.done = false;
      this.broken = true;
      return;
    }
    this.exitCode = Number(status);
    let rest = newline < 0 ? '' : text.slice(newline + 1);
    while (rest.startsWith('C')) {
      const end = rest.indexOf('\n');
      this.failedChecks.push(failedCheckFromJson(rest.slice(1, end < 0 ? rest.length : end)));
      rest = end < 0 ? '' : rest.slice(end + 1);
    }
    const record = rest;
    // The program says how it failed, never whether: a record only counts with a failing status.
    if (this.exitCode !== 0 && record !== '') this.captured = capturedFromJson(record);
  }
}
