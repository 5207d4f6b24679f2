// The flags that say where the engine is and how to reach it, shared by every command that runs code.
import type { EngineAccess } from '../core/settings/settingsModel';
import { flagValue, flagValues, UsageError, type ParsedArgs } from './cliArgs';

export const ENGINE_VALUE_FLAGS = ['docker-host', 'tls-ca', 'tls-cert', 'tls-key', 'ssh-key'];

export const ENGINE_FLAGS_USAGE = `  --docker-host URL    engine address: unix://, tcp://, ssh://user@host[:port], npipe:// (default:
                       DOCKER_HOST, then the Docker context, then the usual sockets); given more
                       than once, runs are spread over the engines (docs/scaling.md)
  --tls-ca FILE, --tls-cert FILE, --tls-key FILE
                       TLS for a tcp:// engine (default: DOCKER_TLS_VERIFY with DOCKER_CERT_PATH)
  --ssh-key FILE       key for an ssh:// engine besides the SSH agent; the host must be in known_hosts
`;

/** The files named on the command line; absent ones leave the Docker CLI's own places in effect. */
export function engineAccessFrom(args: ParsedArgs): EngineAccess {
  return {
    tlsCa: flagValue(args, 'tls-ca'),
    tlsCert: flagValue(args, 'tls-cert'),
    tlsKey: flagValue(args, 'tls-key'),
    sshKey: flagValue(args, 'ssh-key'),
  };
}

/** The engines named, each once; the same address twice would only count one engine's CPUs twice. */
export function dockerHostsFrom(args: ParsedArgs): string[] {
  const hosts = flagValues(args, 'docker-host').map((host) => host.trim());
  if (hosts.some((host) => host === '')) throw new UsageError('--docker-host needs an address, not an empty value');
  return [...new Set(hosts)];
}
