// The program's output as `self-heal run` prints it: traceback frames name the files as the user
// knows them (relative to the current folder when they lie under it, else absolute on disk), not
// the sandbox's /app, in Python's own frame form. The editor does the same for its output view.
import * as path from 'path';
import { TextDecoder } from 'util';
import { DiskPathStream, type DiskPlaces } from '../core/errors/tracebackPaths';
import { hasFile } from '../core/files/fileTexts';
import type { RunSet } from '../core/program/runSet';
import type { OutputStream } from '../core/run/runTypes';

/** Where a run's frames point: `workDir` is the folder the interpreter saw the files in (undefined: left as printed). */
export function diskPlacesOf(runSet: RunSet, workDir: string | undefined, cwd: string): DiskPlaces | undefined {
  if (!workDir) return undefined;
  const fromHere = path.relative(cwd, runSet.root);
  const outside = fromHere === '..' || fromHere.startsWith(`..${path.sep}`) || path.isAbsolute(fromHere);
  return { workDir, root: outside ? runSet.root : fromHere, isRunFile: (file) => hasFile(runSet.files, file), form: 'python' };
}

/** Live output, per stream: decoded as it comes and rewritten line by line. */
export class LiveDiskPathOutput {
  private readonly decoders = new Map<OutputStream, TextDecoder>();
  private readonly rewriters = new Map<OutputStream, DiskPathStream>();

  constructor(private readonly places: DiskPlaces | undefined) {}

  push(stream: OutputStream, chunk: Uint8Array): string {
    let decoder = this.decoders.get(stream);
    if (!decoder) this.decoders.set(stream, (decoder = new TextDecoder('utf-8')));
    let rewriter = this.rewriters.get(stream);
    if (!rewriter) this.rewriters.set(stream, (rewriter = new DiskPathStream(this.places)));
    return rewriter.push(decoder.decode(chunk, { stream: true }));
  }

  /** What a stream held back (an unfinished last line), once the program has ended. */
  end(stream: OutputStream): string {
    const decoder = this.decoders.get(stream);
    const rewriter = this.rewriters.get(stream);
    return rewriter ? rewriter.push(decoder?.decode() ?? '') + rewriter.end() : '';
  }
}
