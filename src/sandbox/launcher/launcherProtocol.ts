// What the host and the launcher (launcher.ts) say to each other. The host writes one job line on the
// container's stdin; the launcher answers on the container's stderr, in frames:
//   0x1e, a kind byte, the body's length (4 bytes, big-endian), the body.
//   'o' the program's stderr bytes;
//   'p' the program's stdout bytes. Both streams travel on this one channel, so everything the
//       program printed arrives before the report: two pipes read by the engine have no order between
//       them, and a report on stderr could overtake the last stdout bytes;
//   'x' the report: the exit status in decimal and a newline; then one line per failed check of the
//       program's own (launcherChecks.ts): 'C' and its JSON; then, when the status is not 0, the JSON
//       record of the uncaught exception (nothing when there was none or it was too large);
//   't' an event of a test run (launcherTests.ts), JSON, sent as the test driver reports it;
//   'f' the launcher could not run the job (the body says why);
//   'w' part of the program's stack, as faulthandler writes it, once the host wrote WHERE_REQUEST on
//       stdin (launcherWhere.ts); sent before the report, never after it.
// launcherFrames.ts reads them.
import { SANDBOX_WORK_DIR } from '../../core/run/runTypes';

/** Marks the job line. Engines may put bytes of the attach request on stdin before it. */
export const JOB_MARKER = '\x1eself-heal-job:';
/** Starts every frame the launcher writes on stderr. */
export const FRAME_START = 0x1e;
export const FRAME_HEADER_BYTES = 6;
/** Largest exception record the launcher passes on; a larger one is dropped (stderr still has the traceback). */
export const MAX_RECORD_BYTES = 4 * 1024 * 1024;
/** Most bytes of failed-check lines the launcher passes on; later checks are dropped (the first ones still fail the run). */
export const MAX_CHECK_BYTES = 1024 * 1024;

/** Most bytes of test events the launcher passes on in a run; one event is at most MAX_CHECK_BYTES. */
export const MAX_TEST_BYTES = 16 * 1024 * 1024;

/** The host's question, on stdin after the job: where is the program now? Only PID 1 reads it. */
export const WHERE_REQUEST = '\x1eself-heal-where\n';
/** Most bytes of stack the launcher passes on for one question. */
export const MAX_WHERE_BYTES = 64 * 1024;

/** Where the job's files are written, and the program's working folder. */
export const APP_DIR = SANDBOX_WORK_DIR;

export interface LauncherJob {
  files: Record<string, string>;
  entry: string;
  args: string[];
  stdin: string | null;
}

export function encodeJob(job: LauncherJob): Buffer {
  return Buffer.from(`${JOB_MARKER}${JSON.stringify(job)}\n`, 'utf8');
}
