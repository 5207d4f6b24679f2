// Engines elsewhere, reached as the Docker CLI reaches them: tcp:// with TLS (stunnel with a CA made
// here) and ssh:// (a loopback sshd whose sessions run the Docker CLI's dial-stdio). `self-heal run`
// goes through each; a wrong CA and an unknown or changed host key are refused in words.
import * as assert from 'assert';
import type { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { makeTree, removeTree } from '../support/tempDir';
import { cli, type CliRun } from './cliProcess';
import { freePort, makeCa, makeSigned, startSshAgent, startSshd, startStunnel, stop, type SshFixture } from './remoteEngineFixtures';
import { TEST_IMAGE } from './sandboxHelper';

const HELLO = 'print("hello from afar")\n';

function runHello(dir: string, flags: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return cli(['run', 'hello.py', '--json', '--image', TEST_IMAGE, ...flags], { cwd: dir, env });
}

function onlyFile(run: CliRun): { exitCode: number; stdout: string; engine: { host: string }; engineError: { message: string } | null } {
  assert.ok(run.stdout.startsWith('{'), `no JSON report: ${run.stderr}`);
  return JSON.parse(run.stdout).files[0];
}

describe('remote engines: tcp:// with TLS', function () {
  this.timeout(120_000);
  let dir: string;
  let stunnel: ChildProcess | undefined;
  let host: string;

  before(async () => {
    dir = makeTree({ 'hello.py': HELLO });
    makeCa(dir, 'ca');
    makeCa(dir, 'other-ca');
    makeSigned(dir, 'ca', 'server', 'server');
    makeSigned(dir, 'ca', 'client', 'client');
    const port = await freePort();
    host = `tcp://127.0.0.1:${port}`;
    stunnel = await startStunnel(dir, port);
  });

  after(async () => {
    await stop(stunnel);
    removeTree(dir);
  });

  it('runs a program through the TLS endpoint with the CA, certificate and key named by flags', async () => {
    const file = onlyFile(await runHello(dir, ['--docker-host', host, '--tls-ca', 'ca.pem', '--tls-cert', 'client.pem', '--tls-key', 'client.key']));
    assert.deepStrictEqual([file.exitCode, file.stdout, file.engine.host, file.engineError], [0, 'hello from afar\n', host, null]);
  });

  it('runs one with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, as the Docker CLI reads them', async () => {
    const certs = path.join(dir, 'certs');
    fs.mkdirSync(certs, { recursive: true });
    fs.copyFileSync(path.join(dir, 'ca.pem'), path.join(certs, 'ca.pem'));
    fs.copyFileSync(path.join(dir, 'client.pem'), path.join(certs, 'cert.pem'));
    fs.copyFileSync(path.join(dir, 'client.key'), path.join(certs, 'key.pem'));
    const file = onlyFile(await runHello(dir, [], { DOCKER_HOST: host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs }));
    assert.deepStrictEqual([file.exitCode, file.stdout, file.engineError], [0, 'hello from afar\n', null]);
  });

  // The ping's deadline would say "did not answer in time": this message is the handshake's own refusal.
  it('refuses an engine whose certificate another CA signed, at once and in words, without the key', async () => {
    const run = await runHello(dir, ['--docker-host', host, '--tls-ca', 'other-ca.pem', '--tls-cert', 'client.pem', '--tls-key', 'client.key']);
    const file = onlyFile(run);
    assert.strictEqual(
      file.engineError?.message,
      `The engine's certificate at ${host} is not signed by the CA in other-ca.pem; refused. Check which CA signed the engine's certificate.`,
    );
    const key = fs.readFileSync(path.join(dir, 'client.key'), 'utf8').split('\n')[1];
    assert.ok(!run.stdout.includes(key) && !run.stderr.includes(key), 'the key never reaches the output');
  });

  it('refuses plain HTTP to the TLS port without hanging', async () => {
    const file = onlyFile(await runHello(dir, ['--docker-host', host]));
    assert.strictEqual(file.exitCode, null);
    assert.strictEqual(
      file.engineError?.message,
      `No Docker or Podman engine answered at ${host}; start Docker Desktop (or Docker/Podman) or pass --docker-host or set DOCKER_HOST.`,
    );
  });
});

describe('remote engines: ssh://', function () {
  // Every request is an SSH login of its own (docker-modem's transport): a run takes a few dozen of them.
  this.timeout(300_000);
  let dir: string;
  let home: string;
  let ssh: SshFixture;
  let host: string;

  before(async () => {
    dir = makeTree({ 'hello.py': HELLO });
    home = makeTree({ '.ssh/known_hosts': '' });
    ssh = await startSshd(dir, await freePort());
    host = `ssh://${process.env.USER ?? 'root'}@127.0.0.1:${ssh.port}`;
  });

  after(async () => {
    await stop(ssh?.sshd);
    removeTree(dir);
    removeTree(home);
  });

  const runOverSsh = (): Promise<CliRun> => runHello(dir, ['--docker-host', host, '--ssh-key', ssh.clientKey], { HOME: home, SSH_AUTH_SOCK: '' });

  it('runs a program through the SSH login when known_hosts lists the host key', async () => {
    fs.writeFileSync(path.join(home, '.ssh/known_hosts'), ssh.knownHostsLine);
    const file = onlyFile(await runOverSsh());
    assert.deepStrictEqual([file.exitCode, file.stdout, file.engine.host, file.engineError], [0, 'hello from afar\n', host, null]);
  });

  it('logs in with the key the SSH agent holds', async () => {
    fs.writeFileSync(path.join(home, '.ssh/known_hosts'), ssh.knownHostsLine);
    const { agent, socket } = await startSshAgent(dir, ssh.clientKey);
    try {
      const file = onlyFile(await runHello(dir, ['--docker-host', host], { HOME: home, SSH_AUTH_SOCK: socket }));
      assert.deepStrictEqual([file.exitCode, file.stdout, file.engineError], [0, 'hello from afar\n', null]);
    } finally {
      await stop(agent);
    }
  });

  it('refuses a host that known_hosts does not list', async () => {
    fs.writeFileSync(path.join(home, '.ssh/known_hosts'), '');
    const file = onlyFile(await runOverSsh());
    assert.match(
      file.engineError?.message ?? '',
      new RegExp(`^The SSH host \\[127\\.0\\.0\\.1\\]:${ssh.port} is not in ${home}/\\.ssh/known_hosts \\(it offers SHA256:[A-Za-z0-9+/]{43}\\); Self-Heal does not trust a host on first sight\\.`),
    );
  });

  it('refuses a host whose key differs from the one known_hosts lists', async () => {
    const other = 'AAAAC3NzaC1lZDI1NTE5AAAAIBIT3hM0/4nBKa7ADNLqPJjYxxxxxxxxxxxxxxxxxxxxxxxx';
    fs.writeFileSync(path.join(home, '.ssh/known_hosts'), `[127.0.0.1]:${ssh.port} ssh-ed25519 ${other}\n`);
    const file = onlyFile(await runOverSsh());
    assert.match(file.engineError?.message ?? '', new RegExp(`^The SSH host key of \\[127\\.0\\.0\\.1\\]:${ssh.port} \\(SHA256:\\S+\\) does not match the one in `));
  });
});
