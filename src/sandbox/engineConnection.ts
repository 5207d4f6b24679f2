// How one engine address is spoken to: a unix socket, a Windows named pipe, tcp:// in plain HTTP or
// TLS, or ssh://. The run's code travels inside the API requests (never a bind mount), so a remote
// engine runs it exactly as a local one does.
import type Docker from 'dockerode';
import * as https from 'https';
import * as os from 'os';
import { EngineError } from '../core/run/engineError';
import type { EngineAccess } from '../core/settings/settingsModel';
import type { ContextEndpoint } from './dockerContext';
import { sshEngineFor, type SshEngine } from './engineSsh';
import { tlsMaterialFor, type TlsMaterial } from './engineTls';

export interface EngineConnection {
  options: Docker.DockerOptions;
  tls?: TlsMaterial;
  ssh?: SshEngine;
}

/** docker-modem takes an https.Agent although its types do not name one (a context's SkipTLSVerify needs it). */
type OptionsWithAgent = Docker.DockerOptions & { agent?: https.Agent };

export function engineConnectionFor(
  host: string,
  access: EngineAccess = {},
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
  context?: ContextEndpoint,
): EngineConnection {
  if (host.startsWith('unix://')) return { options: { socketPath: host.slice('unix://'.length) } };
  // npipe:////./pipe/docker_engine is the pipe \\.\pipe\docker_engine (Docker Desktop, Podman machine on Windows).
  if (host.startsWith('npipe://')) return { options: { socketPath: host.slice('npipe://'.length).replace(/\//g, '\\') } };
  if (host.startsWith('ssh://')) {
    const ssh = sshEngineFor(host, access, env, home);
    return { options: ssh.options, ssh };
  }
  if (!/^(tcp|http|https):\/\//.test(host)) {
    throw new EngineError('unreachable', `${host} is not an engine address: use unix://, npipe://, tcp://, https:// or ssh://.`);
  }
  const tls = tlsMaterialFor(host, access, env, home, context);
  const url = new URL(host.replace(/^tcp:/, tls ? 'https:' : 'http:'));
  const port = Number(url.port || (tls ? 2376 : 2375));
  if (!tls) return { options: { host: url.hostname, port, protocol: 'http' } };
  const options: OptionsWithAgent = { host: url.hostname, port, protocol: 'https' };
  if (tls.ca) options.ca = tls.ca;
  if (tls.cert && tls.key) Object.assign(options, { cert: tls.cert, key: tls.key });
  if (!tls.verify) options.agent = new https.Agent({ rejectUnauthorized: false });
  return { options, tls };
}
