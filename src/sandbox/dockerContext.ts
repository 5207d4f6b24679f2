// The Docker CLI's contexts: DOCKER_CONTEXT, else `currentContext` in the CLI's config.json, names a
// context whose metadata holds the engine's address (and whose TLS files lie beside it). Read the way
// the CLI stores them, so `docker context use remote` points Self-Heal at the same engine.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { EngineError } from '../core/run/engineError';

export interface ContextEndpoint {
  name: string;
  host: string;
  skipTlsVerify: boolean;
  /** The folder of the context's ca.pem, cert.pem and key.pem, when it has one. */
  tlsDir?: string;
}

/** The config folder: DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(env: NodeJS.ProcessEnv, home: string): string {
  return env.DOCKER_CONFIG || path.join(home, '.docker');
}

/** The chosen context's endpoint; undefined for none or "default" (the CLI's name for DOCKER_HOST and the local socket). */
export function currentContext(env: NodeJS.ProcessEnv, home: string): ContextEndpoint | undefined {
  const configDir = dockerConfigDir(env, home);
  const fromEnv = env.DOCKER_CONTEXT || undefined;
  const name = fromEnv ?? configuredContext(path.join(configDir, 'config.json'));
  if (!name || name === 'default') return undefined;
  const origin = fromEnv ? 'DOCKER_CONTEXT' : path.join(configDir, 'config.json');
  const id = createHash('sha256').update(name).digest('hex');
  const metaFile = path.join(configDir, 'contexts', 'meta', id, 'meta.json');
  const meta = readJson(metaFile);
  if (meta === undefined) {
    throw new EngineError('unreachable', `The Docker context "${name}" named in ${origin} does not exist (no ${metaFile}); run docker context ls.`);
  }
  const docker = field(field(meta, 'Endpoints'), 'docker');
  const host = field(docker, 'Host');
  if (typeof host !== 'string' || host === '') {
    throw new EngineError('unreachable', `The Docker context "${name}" names no engine (Endpoints.docker.Host in ${metaFile}).`);
  }
  const tlsDir = path.join(configDir, 'contexts', 'tls', id, 'docker');
  return { name, host, skipTlsVerify: field(docker, 'SkipTLSVerify') === true, tlsDir: fs.existsSync(tlsDir) ? tlsDir : undefined };
}

function configuredContext(configFile: string): string | undefined {
  const current = field(readJson(configFile), 'currentContext');
  return typeof current === 'string' && current !== '' ? current : undefined;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new EngineError('unreachable', `${file} is not valid JSON; the Docker CLI's settings there cannot be read.`);
  }
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
