// Where a program was when a limit stopped it: the host asks the launcher (launcherWhere.ts) just
// before the container goes, and reads the innermost frame of the program's own files from the stack
// faulthandler writes. A program that does not answer within the grace period (it blocks the signal,
// or the engine is slow) is stopped all the same, with no line.
import { isGeneratedDriver } from '../core/program/launch';
import type { RunResult } from '../core/run/runTypes';
import type { LauncherFrames } from './launcher/launcherFrames';
import { APP_DIR, WHERE_REQUEST } from './launcher/launcherProtocol';
import type { PreparedContainer } from './preparedContainer';

/** How long a stopped program has to say where it was; it keeps running meanwhile. */
export const WHERE_GRACE_MS = 500;

type Place = NonNullable<RunResult['stoppedAt']>;

/** Asks where the program is and waits for the answer, the container's end, or the grace period. */
export async function askWhereStopped(prepared: PreparedContainer, frames: LauncherFrames, graceMs = WHERE_GRACE_MS): Promise<Place | undefined> {
  if (frames.done || !prepared.isAlive) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const answered = new Promise<void>((resolve) => {
    frames.onWhere = () => placeInStack(frames.where).complete && resolve();
    timer = setTimeout(resolve, graceMs);
  });
  try {
    prepared.stream.write(WHERE_REQUEST);
    await Promise.race([answered, prepared.ended]);
    return placeInStack(frames.where).place;
  } finally {
    clearTimeout(timer);
    frames.onWhere = () => undefined;
  }
}

const FRAME_LINE = /^ {2}File "(.*)", line (\d+) in .*$/;
/** The launcher's own outermost frame (`python3 -c`), or faulthandler's mark for a stack cut short. */
const STACK_END = /^ {2}(File "<string>", line \d+ in <module>|\.\.\.)$/;

/**
 * The innermost frame under the run's folder that is not a generated driver, from faulthandler's
 * text (most recent call first). `complete` once that frame's line has arrived whole, or the stack
 * ended without one.
 */
export function placeInStack(text: string): { place?: Place; complete: boolean } {
  const lines = text.split('\n');
  lines.pop(); // the part after the last newline is not a whole line yet
  for (const line of lines) {
    const frame = FRAME_LINE.exec(line);
    const file = frame && unescapeAscii(frame[1]);
    if (frame && file && file.startsWith(`${APP_DIR}/`) && !isGeneratedDriver(file)) return { place: { file, line: Number(frame[2]) }, complete: true };
    if (STACK_END.test(line)) return { complete: true };
  }
  return { complete: false };
}

/** faulthandler writes a file name in ASCII, other characters as \xNN, \uNNNN or \UNNNNNNNN. */
function unescapeAscii(name: string): string {
  return name.replace(/\\x([0-9a-f]{2})|\\u([0-9a-f]{4})|\\U([0-9a-f]{8})/g, (_, x, u, big) => String.fromCodePoint(parseInt(x ?? u ?? big, 16)));
}
