// Where a resident runner listens: a socket in a folder only this user can enter, named by the
// engine it runs on, so a run reaches the runner of its own engine or none.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { EngineAccess } from '../../core/settings/settingsModel';

/** What chooses the engine (engineDiscovery.ts): a run with any of it different must not use another engine's runner. */
const ENGINE_ENV = ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_CONFIG', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'XDG_RUNTIME_DIR'];

export interface EngineChoice {
  hosts: readonly string[];
  access: EngineAccess;
  env: NodeJS.ProcessEnv;
}

export interface ResidentPlace {
  folder: string;
  socket: string;
  /** What the runner writes about itself (start, runs refused, exit): for troubleshooting. */
  log: string;
}

export function residentPlace(choice: EngineChoice, env: NodeJS.ProcessEnv = choice.env): ResidentPlace {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  // SELF_HEAL_RESIDENT_DIR: another folder (tests and benchmarks keep theirs apart from the user's).
  const folder = env.SELF_HEAL_RESIDENT_DIR || path.join(env.XDG_RUNTIME_DIR || os.tmpdir(), `self-heal-resident-${uid}`);
  const engine = { hosts: choice.hosts, access: choice.access, env: ENGINE_ENV.map((name) => choice.env[name] ?? null) };
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
