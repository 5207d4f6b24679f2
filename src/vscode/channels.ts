// The program's output (live, its traceback frames pointing at the files on disk) and Self-Heal's
// own log. Text appended to the program channel is mirrored so the hidden test command can read it back.
import { TextDecoder } from 'util';
import * as vscode from 'vscode';
import { DiskPathStream, type DiskPlaces } from '../core/errors/tracebackPaths';
import type { OutputStream } from '../core/run/runTypes';

export class Channels implements vscode.Disposable {
  readonly program = vscode.window.createOutputChannel('Self-Heal: Program Output');
  readonly log = vscode.window.createOutputChannel('Self-Heal', { log: true });
  private mirror = '';
  private readonly decoders = new Map<OutputStream, TextDecoder>();
  private readonly rewriters = new Map<OutputStream, DiskPathStream>();
  private places: DiskPlaces | undefined;

  /** `places`: where the live output's traceback frames point on disk (absent: left as printed). */
  startRun(header: string, places?: DiskPlaces): void {
    this.program.clear();
    this.mirror = '';
    this.decoders.clear();
    this.rewriters.clear();
    this.places = places;
    this.appendProgram(`${header}\n`);
    this.program.show(true);
  }

  /** Decodes per stream so a character split across chunks is not broken; frames point at the files on disk. */
  appendOutput(stream: OutputStream, chunk: Uint8Array): void {
    let decoder = this.decoders.get(stream);
    if (!decoder) this.decoders.set(stream, (decoder = new TextDecoder('utf-8')));
    let rewriter = this.rewriters.get(stream);
    if (!rewriter) this.rewriters.set(stream, (rewriter = new DiskPathStream(this.places)));
    this.appendProgram(rewriter.push(decoder.decode(chunk, { stream: true })));
  }

  /** Writes what the live output held back (an unfinished last line), once the program has ended. */
  endOutput(): void {
    for (const rewriter of this.rewriters.values()) this.appendProgram(rewriter.end());
    this.rewriters.clear();
  }

  appendProgram(text: string): void {
    this.program.append(text);
    this.mirror += text;
  }

  get programText(): string {
    return this.mirror;
  }

  dispose(): void {
    this.program.dispose();
    this.log.dispose();
  }
}
