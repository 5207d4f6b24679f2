// Where a resident runner listens: a socket in a folder only this user can enter, named by the
// engine it runs on, so a run reaches the runner of its own engine or none.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface ResidentPlace {
  folder: string;
  socket: string;
  /** What the runner writes about itself (start, runs refused, exit): for troubleshooting. */
  log: string;
}

/**
 * `engine`: everything that decides which engine a run reaches and how (cli/residentChoice.ts); the
 * socket's name is its hash, so a run finds only the runner of the engine it would use itself.
 */
export function residentPlace(engine: unknown, env: NodeJS.ProcessEnv): ResidentPlace {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  // SELF_HEAL_RESIDENT_DIR: another folder (tests and benchmarks keep theirs apart from the user's).
  const folder = env.SELF_HEAL_RESIDENT_DIR || path.join(env.XDG_RUNTIME_DIR || os.tmpdir(), `self-heal-resident-${uid}`);
  const key = createHash('sha256').update(JSON.stringify(engine)).digest('hex').slice(0, 16);
  return { folder, socket: path.join(folder, `${key}.sock`), log: path.join(folder, `${key}.log`) };
}

/**
 * Why the folder cannot be trusted, or undefined when it can: it must be a real folder (not a
 * link), this user's, and closed to everyone else, or another user could have put a socket there
 * that answers runs with results of its own making.
 */
export function untrustedFolder(folder: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(folder);
  } catch (error) {
    return `${folder} cannot be read (${(error as NodeJS.ErrnoException).code})`;
  }
  if (!stat.isDirectory()) return `${folder} is not a folder`;
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return `${folder} belongs to another user (uid ${stat.uid})`;
  if ((stat.mode & 0o077) !== 0) return `${folder} is open to other users (mode ${(stat.mode & 0o777).toString(8)})`;
  return undefined;
}

/** Makes the folder (mode 700) when it is missing; throws when what is there cannot be trusted. */
export function ensureFolder(folder: string): void {
  try {
    fs.mkdirSync(folder, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const why = untrustedFolder(folder);
  if (why) throw new Error(`the resident runner's folder cannot be used: ${why}`);
}
