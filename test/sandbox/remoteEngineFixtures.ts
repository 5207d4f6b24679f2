// Remote engines on this machine: a stunnel TLS endpoint and a loopback sshd, each in front of the
// private engine's unix socket, with certificates and keys made here. Both listen on 127.0.0.1 only
// and are stopped by their PID.
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

export function engineSocket(): string {
  const host = process.env.DOCKER_HOST ?? '';
  if (!host.startsWith('unix://')) throw new Error(`these tests put TLS and SSH in front of a unix socket, not ${host}`);
  return host.slice('unix://'.length);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function listening(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port}: ${log()}`);
}

export async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const ended = new Promise((resolve) => child.once('exit', resolve));
  process.kill(child.pid as number, 'SIGTERM');
  await ended;
}

const openssl = (dir: string, ...args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

/** A CA named `name`: name.pem and name.key in dir. */
export function makeCa(dir: string, name: string): void {
  openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=${name}`);
}

/** A certificate signed by the CA: server ones for 127.0.0.1, client ones for client authentication. */
export function makeSigned(dir: string, ca: string, name: string, use: 'server' | 'client'): void {
  openssl(dir, 'req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
  const ext = use === 'server' ? 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' : 'extendedKeyUsage=clientAuth\n';
  fs.writeFileSync(path.join(dir, `${name}.ext`), ext);
  openssl(dir, 'x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`);
}

/** stunnel on 127.0.0.1:port: TLS with server.pem, client certificates of ca.pem required, plain bytes to the engine's socket. */
export async function startStunnel(dir: string, port: number): Promise<ChildProcess> {
  const config = [
    'foreground = yes', 'pid =', 'debug = 4', '[engine]', `accept = 127.0.0.1:${port}`, `connect = ${engineSocket()}`,
    `cert = ${path.join(dir, 'server.pem')}`, `key = ${path.join(dir, 'server.key')}`, `CAfile = ${path.join(dir, 'ca.pem')}`,
    'verifyChain = yes', 'requireCert = yes',
  ];
  fs.writeFileSync(path.join(dir, 'stunnel.conf'), `${config.join('\n')}\n`);
  let log = '';
  const child = spawn('stunnel4', [path.join(dir, 'stunnel.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  await listening(port, child, () => log);
  return child;
}

/** An SSH agent of the test's own, holding `key`, on a socket in dir. */
export async function startSshAgent(dir: string, key: string): Promise<{ agent: ChildProcess; socket: string }> {
  const socket = path.join(dir, 'agent.sock');
  const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !fs.existsSync(socket); i++) await new Promise((r) => setTimeout(r, 50));
  execFileSync('ssh-add', ['-q', key], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'pipe' });
  return { agent, socket };
}

export interface SshFixture {
  sshd: ChildProcess;
  port: number;
  /** The client's private key (authorized for this machine's user). */
  clientKey: string;
  /** The known_hosts line of the sshd's host key, at its port. */
  knownHostsLine: string;
}

/**
 * sshd on 127.0.0.1:port with its own host key and authorized_keys. Its sessions get DOCKER_HOST of
 * the private engine, so the Docker CLI's `docker system dial-stdio` there joins the login to it,
 * as on a remote Docker host.
 */
export async function startSshd(dir: string, port: number): Promise<SshFixture> {
  const keygen = (file: string): void => void execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, file)], { stdio: 'pipe' });
  keygen('host_key');
  keygen('client_key');
  fs.copyFileSync(path.join(dir, 'client_key.pub'), path.join(dir, 'authorized_keys'));
  fs.mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege separation folder
  const config = [
    `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${path.join(dir, 'host_key')}`, `PidFile ${path.join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`, 'StrictModes no', 'UsePAM no', 'PasswordAuthentication no',
    'KbdInteractiveAuthentication no', 'PermitRootLogin prohibit-password', `SetEnv DOCKER_HOST=unix://${engineSocket()}`,
  ];
  fs.writeFileSync(path.join(dir, 'sshd_config'), `${config.join('\n')}\n`);
  let log = '';
  const sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', path.join(dir, 'sshd_config')], { stdio: ['ignore', 'pipe', 'pipe'] });
  sshd.stdout?.on('data', (d) => (log += d));
  sshd.stderr?.on('data', (d) => (log += d));
  await listening(port, sshd, () => log);
  const [type, blob] = fs.readFileSync(path.join(dir, 'host_key.pub'), 'utf8').split(' ');
  return { sshd, port, clientKey: path.join(dir, 'client_key'), knownHostsLine: `[127.0.0.1]:${port} ${type} ${blob}\n` };
}
