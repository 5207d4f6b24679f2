// Finds a container engine that speaks the Docker API, in the Docker CLI's order: the explicit host,
// else DOCKER_HOST, else the Docker context (DOCKER_CONTEXT, then config.json's currentContext), else
// the usual sockets of Docker Engine, Docker Desktop, rootless Docker, Podman, Colima and the Windows pipes.
import Docker from 'dockerode';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';
import { EngineError, withDeadline } from '../core/run/engineError';
import type { EngineAccess } from '../core/settings/settingsModel';
import { currentContext, type ContextEndpoint } from './dockerContext';
import { engineConnectionFor, type EngineConnection } from './engineConnection';
import { tlsRefusal } from './engineTls';

export interface ConnectedEngine {
  docker: Docker;
  host: string;
  /** e.g. "Podman Engine 4.3.1". */
  name: string;
  isPodman: boolean;
}

export interface DiscoveryOptions {
  /** A host given by the user (setting or --docker-host); when set, nothing else is tried. */
  explicitHost?: string;
  env?: NodeJS.ProcessEnv;
  /** How the user can name a host, for messages: "set selfHeal.docker.host" or "pass --docker-host". */
  howToSetHost?: string;
  pingTimeoutMs?: number;
  /** TLS files and SSH key the user named (settings or flags). */
  access?: EngineAccess;
  /** The home folder holding ~/.docker and ~/.ssh (tests give a temporary one). */
  home?: string;
}

/** The Docker context in effect: only when neither an explicit host nor DOCKER_HOST is set, as in the Docker CLI. */
export function contextFor(options: DiscoveryOptions, home = options.home ?? os.homedir()): ContextEndpoint | undefined {
  const env = options.env ?? process.env;
  return options.explicitHost || env.DOCKER_HOST ? undefined : currentContext(env, home);
}

export function candidateHosts(options: DiscoveryOptions, platform = process.platform, home = options.home ?? os.homedir()): string[] {
  const env = options.env ?? process.env;
  if (options.explicitHost) return [options.explicitHost];
  if (env.DOCKER_HOST) return [env.DOCKER_HOST];
  const context = contextFor(options, home);
  if (context) return [context.host];
  if (platform === 'win32') {
    return ['npipe:////./pipe/docker_engine', 'npipe:////./pipe/podman-machine-default'];
  }
  const runtimeDir = env.XDG_RUNTIME_DIR ?? (typeof process.getuid === 'function' ? `/run/user/${process.getuid()}` : undefined);
  const sockets = [
    '/var/run/docker.sock', // Docker Engine; Docker Desktop links it too
    path.join(home, '.docker/run/docker.sock'), // Docker Desktop (macOS, Linux)
    path.join(home, '.docker/desktop/docker.sock'),
    runtimeDir && path.join(runtimeDir, 'docker.sock'), // rootless Docker
    '/run/podman/podman.sock', // rootful Podman
    runtimeDir && path.join(runtimeDir, 'podman/podman.sock'), // rootless Podman
    path.join(home, '.local/share/containers/podman/machine/podman.sock'), // Podman machine (macOS)
    path.join(home, '.local/share/containers/podman/machine/qemu/podman.sock'),
    path.join(home, '.colima/default/docker.sock'), // Colima
    path.join(home, '.colima/docker.sock'),
  ];
  return [...new Set(sockets.filter((s): s is string => Boolean(s)))].map((s) => `unix://${s}`);
}

/** Connection options for an address, with TLS from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH as the Docker CLI reads them. */
export function dockerOptionsFor(host: string, access: EngineAccess = {}, env: NodeJS.ProcessEnv = process.env): Docker.DockerOptions {
  return engineConnectionFor(host, access, env).options;
}

export async function connectEngine(options: DiscoveryOptions): Promise<ConnectedEngine> {
  const env = options.env ?? process.env;
  const home = options.home ?? os.homedir();
  const hosts = candidateHosts(options, process.platform, home);
  const context = contextFor(options, home);
  const howToSetHost = options.howToSetHost ?? 'set DOCKER_HOST';
  const tryEvery = hosts.length > 1; // probing: skip sockets that do not exist
  let lastError: EngineError | undefined;
  for (const host of hosts) {
    const connection = engineConnectionFor(host, options.access, env, home, context);
    const socketPath = connection.options.socketPath;
    if (tryEvery && socketPath && !socketPath.startsWith('\\') && !fs.existsSync(socketPath)) continue;
    try {
      // Every request over SSH is a login of its own (key exchange, the remote's shell, dial-stdio): more time to answer.
      return await probe(host, connection, options.pingTimeoutMs ?? (connection.ssh ? 30_000 : 3000));
    } catch (error) {
      const refusal = refusalOf(error, host, connection);
      if (refusal) throw refusal; // a refused certificate or host key is final: another try would be refused the same way
      lastError = toEngineError(error, host, howToSetHost);
      if (lastError.code === 'permission-denied') throw lastError;
    }
  }
  if (lastError?.code === 'timeout') throw lastError;
  throw new EngineError(
    'unreachable',
    `No Docker or Podman engine answered at ${hosts.join(', ')}; start Docker Desktop (or Docker/Podman) or ${howToSetHost}.`,
  );
}

async function probe(host: string, connection: EngineConnection, timeoutMs: number): Promise<ConnectedEngine> {
  const { options } = connection;
  const docker = new Docker(options);
  // The ping's headers name the engine; GET /version takes about 0.9 s on Podman (it runs runc).
  const headers = connection.ssh ? undefined : await withDeadline(pingHeaders(options), timeoutMs, `ping ${host}`);
  const fromHeaders = headers && engineFromPing(headers);
  if (fromHeaders) return { docker, host, ...fromHeaders };
  if (!connection.ssh) await withDeadline(docker.ping(), timeoutMs, `ping ${host}`); // over SSH the version alone: one login, not two
  const version = await withDeadline(docker.version(), timeoutMs, `version ${host}`);
  const isPodman = (version.Components ?? []).some((c) => /podman/i.test(c.Name));
  return { docker, host, isPodman, name: `${isPodman ? 'Podman Engine' : 'Docker Engine'} ${version.Version}` };
}

/** The TLS or SSH check's own refusal, in its words; undefined for any other failure. */
function refusalOf(error: unknown, host: string, connection: EngineConnection): EngineError | undefined {
  const words = (connection.tls && tlsRefusal(error, host, connection.tls)) || connection.ssh?.refusal() || sshLoginRefusal(error, connection);
  return words ? new EngineError('unreachable', words) : undefined;
}

function sshLoginRefusal(error: unknown, connection: EngineConnection): string | undefined {
  const message = (error as Error | undefined)?.message ?? '';
  if (!connection.ssh || !/authentication methods failed/i.test(message)) return undefined;
  return `The SSH login as ${connection.ssh.login} was refused: neither the SSH agent nor the key file holds a key the host accepts.`;
}

/** Reads the engine's name and version from the headers of GET /_ping, when they carry them. */
export function engineFromPing(headers: http.IncomingHttpHeaders): Pick<ConnectedEngine, 'name' | 'isPodman'> | undefined {
  const podman = headers['libpod-api-version'];
  if (typeof podman === 'string') return { name: `Podman Engine ${podman}`, isPodman: true };
  const docker = /^Docker\/(\S+)/.exec(String(headers.server ?? ''));
  return docker ? { name: `Docker Engine ${docker[1]}`, isPodman: false } : undefined;
}

function pingHeaders(options: Docker.DockerOptions & { agent?: https.Agent }): Promise<http.IncomingHttpHeaders> {
  return new Promise((resolve, reject) => {
    const target = options.socketPath ? { socketPath: options.socketPath } : { host: options.host, port: options.port };
    const tls = { ca: options.ca, cert: options.cert, key: options.key, agent: options.agent };
    const get = options.protocol === 'https' ? (o: https.RequestOptions, f: (r: http.IncomingMessage) => void) => https.get({ ...tls, ...o }, f) : http.get;
    const request = get({ ...target, path: '/_ping' }, (response) => {
      response.resume();
      if (response.statusCode !== 200) reject(new Error(`ping answered ${response.statusCode}`));
      else resolve(response.headers);
    });
    request.on('error', reject);
  });
}

/** True for errors that mean the engine's socket is gone or refusing, not that a call failed. */
export function isConnectionError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'ENOTCONN';
}

function toEngineError(error: unknown, host: string, howToSetHost: string): EngineError {
  if (error instanceof EngineError) {
    return new EngineError(error.code, `The container engine at ${host} did not answer in time; restart it or ${howToSetHost}.`);
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') {
    return new EngineError(
      'permission-denied',
      `Permission denied on ${host}. Add your user to the docker group (sudo usermod -aG docker $USER, then log in again), ` +
        `use rootless Podman, or ${howToSetHost}.`,
    );
  }
  return new EngineError('unreachable', `No engine at ${host}: ${(error as Error).message}`);
}
