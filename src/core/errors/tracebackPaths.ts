// Traceback frames as a person can click them: `File "/app/pkg/mod.py", line 3, in f` names the
// file as the interpreter saw it inside the sandbox. Rewritten to the file on disk with its line
// (`File /home/me/project/pkg/mod.py:3, in f`), which VS Code's output link detection turns into
// a link to that line: it links absolute paths under a workspace folder followed by `:LINE`.
//
// The text is the program's output, so anything may be printed to look like a frame. A frame is
// rewritten only when its path, normalised, lies under the run's folder AND names a file of the run
// (so `/app/../../etc/passwd`, a generated driver, or a file the run never had stays as printed).
import * as path from 'path';

export interface DiskPlaces {
  /** The folder the interpreter saw the files in ("/app" in the sandbox, a temporary folder locally). */
  workDir: string;
  /** The folder on disk the run's files came from (the workspace folder). */
  root: string;
  /** Whether a root-relative path ('/'-separated) is one of the run's files. */
  isRunFile: (relative: string) => boolean;
  /**
   * 'link' (the default) writes `PATH:LINE`, which VS Code's output view links; 'python' keeps
   * Python's own `File "PATH", line N`, which a terminal's reader (and its tools) expect.
   */
  form?: 'link' | 'python';
}

/** `  File "PATH", line N` and the rest of the line (", in f"); Python quotes no character of PATH. */
const FRAME = /^([ \t]*File ")([^"\r\n]{1,4096})(", line )(\d{1,9})(?!\d)(.*)$/gm;
/** Path characters VS Code's link detection stops at: a path holding one is left in Python's form. */
const UNLINKABLE = /[\s():<>'"]/;

/** The text with every frame of a run file pointing at the file on disk; everything else as it was. */
export function withDiskPaths(text: string, places: DiskPlaces | undefined): string {
  if (!places || !places.workDir) return text;
  return text.replace(FRAME, (frame, lead: string, printed: string, _sep: string, line: string, rest: string) => {
    const relative = runFileOf(printed, places);
    if (relative === undefined) return frame;
    const onDisk = path.join(places.root, ...relative.split('/'));
    const pythonForm = places.form === 'python' || UNLINKABLE.test(relative);
    return pythonForm ? `${lead}${onDisk}", line ${line}${rest}` : `${lead.slice(0, -1)}${onDisk}:${line}${rest}`;
  });
}

/** The run file a printed path names, '/'-separated and relative to the run's folder; undefined for any other path. */
export function runFileOf(printed: string, places: Pick<DiskPlaces, 'workDir' | 'isRunFile'>): string | undefined {
  if (/[\0-\x1f\x7f]/.test(printed)) return undefined;
  const folder = path.posix.normalize(places.workDir.replace(/\\/g, '/')).replace(/\/+$/, '');
  const file = path.posix.normalize(printed.replace(/\\/g, '/'));
  if (!folder || !file.startsWith(`${folder}/`)) return undefined;
  const relative = file.slice(folder.length + 1);
  if (relative === '' || relative.split('/').some((part) => part === '..' || part === '.' || part === '')) return undefined;
  return places.isRunFile(relative) ? relative : undefined;
}

/** The most of an unfinished line held back while it may still become a frame line. */
const HELD_MAX = 8192;

/**
 * The same rewrite for output that arrives in pieces (a live run): whole lines are rewritten as they
 * complete; an unfinished line is written at once unless it may still become a frame line, which
 * waits for its end. A line whose start was written unfinished is never rewritten.
 */
export class DiskPathStream {
  private held = '';
  private midLine = false;

  constructor(private readonly places: DiskPlaces | undefined) {}

  push(text: string): string {
    let pending = this.held + text;
    this.held = '';
    let written = '';
    if (this.midLine) {
      const end = pending.indexOf('\n');
      if (end < 0) return pending;
      written = pending.slice(0, end + 1);
      pending = pending.slice(end + 1);
      this.midLine = false;
    }
    const lastBreak = pending.lastIndexOf('\n');
    const rest = pending.slice(lastBreak + 1);
    written += withDiskPaths(pending.slice(0, lastBreak + 1), this.places);
    if (rest.length <= HELD_MAX && mayBecomeFrame(rest)) this.held = rest;
    else if (rest) {
      written += rest;
      this.midLine = true;
    }
    return written;
  }

  /** What is held back, at the end of the output. */
  end(): string {
    const rest = this.midLine ? this.held : withDiskPaths(this.held, this.places);
    this.held = '';
    this.midLine = false;
    return rest;
  }
}

function mayBecomeFrame(line: string): boolean {
  const text = line.replace(/^[ \t]*/, '');
  return 'File "'.startsWith(text) || text.startsWith('File "');
}
