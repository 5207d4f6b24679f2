// Whether `self-heal run` sends its runs to a resident runner: only to the runner started for the
// very engine the run would reach itself, only through a folder no one else can write, and never
// when SELF_HEAL_RESIDENT=0.
import * as fs from 'fs';
import * as path from 'path';
import type { Runner } from '../core/run/runTypes';
import { DEFAULT_RUN_IMAGE, type EngineAccess } from '../core/settings/settingsModel';
import { candidateHosts } from '../sandbox/engineDiscovery';
import type { CliIo } from './cliIo';
import { residentPlace, untrustedFolder, type ResidentPlace } from './resident/residentPlace';
import { ResidentRunner } from './resident/residentRunner';
import type { RunOptions } from './runOptions';

/** Besides the addresses: what else decides how an engine is reached (TLS, contexts). */
const ENGINE_ENV = ['DOCKER_TLS_VERIFY', 'DOCKER_CONFIG', 'HOME'];
/** What reaches an ssh:// engine besides the key file; counted only for one, as it differs per login. */
const SSH_ENV = ['SSH_AUTH_SOCK', 'USER'];

/**
 * The runner's place for the engine these options reach: the addresses discovery would try (the
 * Docker context in effect among them), the TLS and SSH files as absolute paths, and the variables
 * that change how the engine is reached. Throws discovery's error for a broken Docker context.
 */
export function residentPlaceFor(hosts: readonly string[], access: EngineAccess, env: NodeJS.ProcessEnv, cwd: string): ResidentPlace {
  const files = Object.entries(access).filter(([, file]) => typeof file === 'string').map(([name, file]) => [name, path.resolve(cwd, file as string)]);
  const addresses = candidateHosts({ explicitHost: hosts[0], env });
  const overSsh = addresses.some((address) => address.startsWith('ssh://'));
  const engine = {
    addresses,
    files: Object.fromEntries(files),
    certPath: env.DOCKER_CERT_PATH === undefined ? null : path.resolve(cwd, env.DOCKER_CERT_PATH),
    env: [...ENGINE_ENV, ...(overSsh ? SSH_ENV : [])].map((name) => env[name] ?? null),
  };
  return residentPlace(engine, env);
}

/** Why this machine has no resident runner, or undefined when it can have one. */
export function noResidentRunner(): string | undefined {
  return process.platform === 'win32' ? 'a resident runner needs a Unix socket and a folder only its user may enter; it is not available on Windows' : undefined;
}

export function residentOrDirect(options: RunOptions, io: CliIo, makeDirect: () => Runner): Runner {
  if (options.runner !== 'docker' || options.dockerHosts.length > 1 || io.env.SELF_HEAL_RESIDENT === '0' || noResidentRunner()) return makeDirect();
  let place: ResidentPlace;
  try {
    place = residentPlaceFor(options.dockerHosts, options.engineAccess, io.env, io.cwd);
  } catch {
    return makeDirect(); // a broken Docker context: the CLI's own sandbox says so for each file
  }
  if (!fs.existsSync(place.socket)) return makeDirect();
  const why = untrustedFolder(place.folder);
  if (why) {
    io.stderr.write(`self-heal: warning: the resident runner is not used: ${why}\n`);
    return makeDirect();
  }
  return new ResidentRunner(place.socket, options.image ?? DEFAULT_RUN_IMAGE, makeDirect);
}
