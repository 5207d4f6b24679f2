// The program's output (live) and Self-Heal's own log. Text appended to the program channel is
// mirrored so the hidden test command can read it back.
import { TextDecoder } from 'util';
import * as vscode from 'vscode';
import type { OutputStream } from '../core/run/runTypes';

export class Channels implements vscode.Disposable {
  readonly program = vscode.window.createOutputChannel('Self-Heal: Program Output');
  readonly log = vscode.window.createOutputChannel('Self-Heal', { log: true });
  private mirror = '';
  private readonly decoders = new Map<OutputStream, TextDecoder>();

  startRun(header: string): void {
    this.program.clear();
    this.mirror = '';
    this.decoders.clear();
    this.appendProgram(`${header}\n`);
    this.program.show(true);
  }

  /** Decodes per stream so a character split across chunks is not broken. */
  appendOutput(stream: OutputStream, chunk: Uint8Array): void {
    let decoder = this.decoders.get(stream);
    if (!decoder) this.decoders.set(stream, (decoder = new TextDecoder('utf-8')));
    this.appendProgram(decoder.decode(chunk, { stream: true }));
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
