// ssh://user@host[:port] engines, as the Docker CLI reaches them: an SSH login that runs
// `docker system dial-stdio` on the remote (docker-modem's transport), authenticated by the user's
// SSH agent or a key file, and only with a host whose key known_hosts lists.
import { createHash } from 'crypto';
import type Docker from 'dockerode';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EngineError } from '../core/run/engineError';
import type { EngineAccess } from '../core/settings/settingsModel';
import { knownHostsName, readKnownKeys, type KnownKey } from './knownHosts';

export interface SshEngine {
  options: Docker.DockerOptions;
  /** Why our host key check refused the last handshake, in words for the user; undefined when it did not. */
  refusal(): string | undefined;
  /** user@host:port, for messages. */
  login: string;
}

type SshConfig = NonNullable<Docker.DockerOptions['sshOptions']>;
/** ssh2's names of host key algorithms (its types, reached through dockerode's). */
type HostKeyAlgorithm = Extract<NonNullable<NonNullable<SshConfig['algorithms']>['serverHostKey']>, unknown[]>[number];

/** Host key algorithms ssh2 speaks, by the key type known_hosts names. */
const ALGORITHMS_OF_TYPE: Record<string, HostKeyAlgorithm[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

export function sshEngineFor(host: string, access: EngineAccess, env: NodeJS.ProcessEnv, home: string): SshEngine {
  const url = new URL(host);
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port || 22);
  const username = decodeURIComponent(url.username) || env.USER || os.userInfo().username;
  const login = `${username}@${hostname}:${port}`;
  if (url.pathname !== '' && url.pathname !== '/') {
    throw new EngineError(
      'unreachable',
      `${host}: an ssh:// engine address names no path; the remote runs \`docker system dial-stdio\` ` +
        '(on a Podman host, podman-docker provides `docker`). See docs/engines.md.',
    );
  }
  const knownHostsFiles = [path.join(home, '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts'];
  const known = knownHostsFiles.flatMap((file) => readKnownKeys(file, hostname, port));
  let refusal: string | undefined;
  const hostVerifier = (blob: Buffer): boolean => {
    const verdict = verdictOn(blob, known, knownHostsName(hostname, port), knownHostsFiles[0]);
    refusal = verdict;
    return verdict === undefined;
  };
  const serverHostKey = [...new Set(known.filter((k) => !k.revoked).flatMap((k) => ALGORITHMS_OF_TYPE[k.type] ?? []))];
  const agent = env.SSH_AUTH_SOCK || undefined;
  const privateKey = privateKeyFor(access, agent !== undefined, home, login);
  const sshOptions: SshConfig = {
    ...(agent ? { agent } : {}),
    ...(privateKey ? { privateKey } : {}),
    hostVerifier,
    // Offer first the key types known_hosts holds for this host, so a host with several keys shows one we can check.
    ...(serverHostKey.length > 0 ? { algorithms: { serverHostKey } } : {}),
    readyTimeout: 10_000,
  };
  return { options: { protocol: 'ssh', host: hostname, port, username, sshOptions }, refusal: () => refusal, login };
}

function verdictOn(blob: Buffer, known: KnownKey[], name: string, file: string): string | undefined {
  const fingerprint = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
  if (known.some((k) => k.revoked && k.blob.equals(blob))) {
    return `The SSH host key of ${name} (${fingerprint}) is marked @revoked in known_hosts; refused.`;
  }
  if (known.some((k) => !k.revoked && k.blob.equals(blob))) return undefined;
  if (known.length === 0) {
    return (
      `The SSH host ${name} is not in ${file} (it offers ${fingerprint}); Self-Heal does not trust a host on first sight. ` +
      `Compare the fingerprint with the host's own (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on it), then add it: ` +
      `log in once with ssh, or ssh-keyscan ${keyscanTarget(name)} >> ${file}.`
    );
  }
  return (
    `The SSH host key of ${name} (${fingerprint}) does not match the one in ${file}: the host was reinstalled, or ` +
    `someone is in between. Refused; if the change is expected, remove the old key (ssh-keygen -R '${name}') and add the new one.`
  );
}

function keyscanTarget(name: string): string {
  const bracketed = /^\[(.*)\]:(\d+)$/.exec(name);
  return bracketed ? `-p ${bracketed[2]} ${bracketed[1]}` : name;
}

/**
 * The key file to offer: the one the user named, else (without an agent) the first of OpenSSH's
 * default files. A passphrase cannot be asked for here, so a protected key goes through the agent.
 */
function privateKeyFor(access: EngineAccess, hasAgent: boolean, home: string, login: string): Buffer | undefined {
  const defaults = ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((name) => path.join(home, '.ssh', name));
  const file = access.sshKey ?? (hasAgent ? undefined : defaults.find((candidate) => fs.existsSync(candidate)));
  if (!file) {
    if (hasAgent) return undefined;
    throw new EngineError(
      'unreachable',
      `No SSH key to log in as ${login}: start an SSH agent with your key (SSH_AUTH_SOCK), or name a key file ` +
        '(selfHeal.docker.sshKey, --ssh-key).',
    );
  }
  let key: Buffer;
  try {
    key = fs.readFileSync(file);
  } catch (error) {
    throw new EngineError('unreachable', `The SSH key ${file} cannot be read (${(error as NodeJS.ErrnoException).code}).`);
  }
  if (isEncryptedKey(key)) {
    throw new EngineError('unreachable', `The SSH key ${file} is protected by a passphrase: add it to your SSH agent (ssh-add ${file}) instead.`);
  }
  return key;
}

/** True for a PEM key with Proc-Type ENCRYPTED, or an OpenSSH key whose cipher is not "none". */
export function isEncryptedKey(key: Buffer): boolean {
  const text = key.toString('utf8');
  if (/Proc-Type:\s*4,ENCRYPTED/.test(text) || text.includes('BEGIN ENCRYPTED PRIVATE KEY')) return true;
  const body = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/.exec(text)?.[1];
  if (!body) return false;
  const bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  const magic = 'openssh-key-v1\0';
  if (bytes.length < magic.length + 4 || bytes.toString('latin1', 0, magic.length) !== magic) return false;
  const length = bytes.readUInt32BE(magic.length);
  return bytes.toString('latin1', magic.length + 4, magic.length + 4 + length) !== 'none';
}
