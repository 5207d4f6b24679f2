// What the host and the launcher (launcher.ts) say to each other. The host writes one job line on the
// container's stdin; the launcher answers on the container's stderr, in frames:
//   0x1e, a kind byte, the body's length (4 bytes, big-endian), the body.
//   'o' the program's stderr bytes;
//   'x' the report: the exit status in decimal and a newline, then, when the status is not 0, the JSON
//       record of the uncaught exception (nothing when there was none or it was too large);
//   'f' the launcher could not run the job (the body says why).
// launcherFrames.ts reads them.

/** Marks the job line. Engines may put bytes of the attach request on stdin before it. */
export const JOB_MARKER = '\x1eself-heal-job:';
/** Starts every frame the launcher writes on stderr. */
export const FRAME_START = 0x1e;
export const FRAME_HEADER_BYTES = 6;
/** Largest exception record the launcher passes on; a larger one is dropped (stderr still has the traceback). */
export const MAX_RECORD_BYTES = 4 * 1024 * 1024;

/** Where the job's files are written, and the program's working folder. */
export const APP_DIR = '/app';

export interface LauncherJob {
  files: Record<string, string>;
  entry: string;
  args: string[];
  stdin: string | null;
}

export function encodeJob(job: LauncherJob): Buffer {
  return Buffer.from(`${JOB_MARKER}${JSON.stringify(job)}\n`, 'utf8');
}
