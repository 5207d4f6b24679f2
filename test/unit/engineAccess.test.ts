// Where the engine is and how to reach it, read as the Docker CLI reads it, on a temporary HOME.
import * as assert from 'assert';
import { createHash, createHmac } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { currentContext } from '../../src/sandbox/dockerContext';
import { engineConnectionFor } from '../../src/sandbox/engineConnection';
import { candidateHosts, contextFor } from '../../src/sandbox/engineDiscovery';
import { isEncryptedKey } from '../../src/sandbox/engineSsh';
import { knownKeysFor } from '../../src/sandbox/knownHosts';
import { makeTree, removeTree } from '../support/tempDir';

const id = (name: string): string => createHash('sha256').update(name).digest('hex');
const meta = (name: string, host: string, skip = false): string => JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: skip } } });

describe('engine access: Docker contexts', () => {
  let home: string;
  beforeEach(() => {
    home = makeTree({
      '.docker/config.json': JSON.stringify({ currentContext: 'remote' }),
      [`.docker/contexts/meta/${id('remote')}/meta.json`]: meta('remote', 'tcp://build.example:2376'),
      [`.docker/contexts/tls/${id('remote')}/docker/ca.pem`]: 'CA',
      [`.docker/contexts/meta/${id('lab')}/meta.json`]: meta('lab', 'ssh://ada@lab.example', true),
    });
  });
  afterEach(() => removeTree(home));

  it("takes the config's currentContext, with its TLS folder", () => {
    assert.deepStrictEqual(currentContext({}, home), {
      name: 'remote', host: 'tcp://build.example:2376', skipTlsVerify: false, tlsDir: path.join(home, `.docker/contexts/tls/${id('remote')}/docker`),
    });
  });

  it('lets DOCKER_CONTEXT win over the config, and "default" mean no context', () => {
    assert.deepStrictEqual(currentContext({ DOCKER_CONTEXT: 'lab' }, home), { name: 'lab', host: 'ssh://ada@lab.example', skipTlsVerify: true, tlsDir: undefined });
    assert.strictEqual(currentContext({ DOCKER_CONTEXT: 'default' }, home), undefined);
  });

  it('puts --docker-host and DOCKER_HOST before DOCKER_CONTEXT, and the context before the sockets', () => {
    assert.deepStrictEqual(candidateHosts({ explicitHost: 'unix:///a.sock', env: { DOCKER_CONTEXT: 'lab' }, home }), ['unix:///a.sock']);
    assert.deepStrictEqual(candidateHosts({ env: { DOCKER_HOST: 'unix:///b.sock', DOCKER_CONTEXT: 'lab' }, home }), ['unix:///b.sock']);
    assert.deepStrictEqual(candidateHosts({ env: { DOCKER_CONTEXT: 'lab' }, home }), ['ssh://ada@lab.example']);
    assert.deepStrictEqual(candidateHosts({ env: {}, home }), ['tcp://build.example:2376']);
    assert.strictEqual(contextFor({ env: { DOCKER_HOST: 'unix:///b.sock' }, home }), undefined);
  });

  it('reads DOCKER_CONFIG for the config folder', () => {
    assert.strictEqual(currentContext({ DOCKER_CONFIG: path.join(home, 'elsewhere') }, home), undefined);
  });

  it('refuses a context that does not exist, naming where it was chosen', () => {
    assert.throws(() => currentContext({ DOCKER_CONTEXT: 'gone' }, home), {
      message: `The Docker context "gone" named in DOCKER_CONTEXT does not exist (no ${path.join(home, '.docker/contexts/meta', id('gone'), 'meta.json')}); run docker context ls.`,
    });
  });

  it("speaks TLS with the context's CA", () => {
    const context = currentContext({}, home);
    const connection = engineConnectionFor('tcp://build.example:2376', {}, {}, home, context);
    assert.deepStrictEqual(connection.options, { host: 'build.example', port: 2376, protocol: 'https', ca: Buffer.from('CA') });
  });
});

describe('engine access: TLS files', () => {
  let dir: string;
  beforeEach(() => (dir = makeTree({ 'ca.pem': 'CA', 'cert.pem': 'CERT', 'key.pem': 'KEY', 'mine/ca.crt': 'MYCA' })));
  afterEach(() => removeTree(dir));

  it('uses DOCKER_TLS_VERIFY with ca.pem, cert.pem and key.pem in DOCKER_CERT_PATH, on port 2376 by default', () => {
    const { options, tls } = engineConnectionFor('tcp://10.0.0.5', {}, { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir }, '/nowhere');
    assert.deepStrictEqual(options, { host: '10.0.0.5', port: 2376, protocol: 'https', ca: Buffer.from('CA'), cert: Buffer.from('CERT'), key: Buffer.from('KEY') });
    assert.strictEqual(tls?.caFile, path.join(dir, 'ca.pem'));
  });

  it('stays plain HTTP without DOCKER_TLS_VERIFY or named files', () => {
    assert.deepStrictEqual(engineConnectionFor('tcp://10.0.0.5', {}, { DOCKER_CERT_PATH: dir }, '/nowhere').options, { host: '10.0.0.5', port: 2375, protocol: 'http' });
  });

  it('lets named files win over the environment', () => {
    const { options } = engineConnectionFor('tcp://10.0.0.5:2376', { tlsCa: path.join(dir, 'mine/ca.crt') }, { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir }, '/nowhere');
    assert.deepStrictEqual(options, { host: '10.0.0.5', port: 2376, protocol: 'https', ca: Buffer.from('MYCA') });
  });

  it('names a missing file by its path, and a certificate without its key', () => {
    assert.throws(() => engineConnectionFor('tcp://h:1', { tlsCa: path.join(dir, 'nope.pem') }, {}, '/nowhere'), {
      message: `The TLS CA certificate ${path.join(dir, 'nope.pem')} cannot be read (ENOENT).`,
    });
    assert.throws(() => engineConnectionFor('tcp://h:1', { tlsCert: path.join(dir, 'cert.pem') }, {}, '/nowhere'), {
      message: `A TLS client certificate needs its key and a key its certificate: got only ${path.join(dir, 'cert.pem')}.`,
    });
  });

  it('accepts Windows named pipes and refuses what is no engine address', () => {
    assert.deepStrictEqual(engineConnectionFor('npipe:////./pipe/podman-machine-default').options, { socketPath: '\\\\.\\pipe\\podman-machine-default' });
    assert.throws(() => engineConnectionFor('ftp://h'), { message: 'ftp://h is not an engine address: use unix://, npipe://, tcp://, https:// or ssh://.' });
  });
});

describe('engine access: known_hosts', () => {
  const blob = Buffer.from('the host key');
  const other = Buffer.from('another key');

  it('finds keys by plain name, by [name]:port, in comma lists and by hashed name', () => {
    const salt = Buffer.from('0123456789abcdefghij');
    const hashed = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update('[lab.example]:2222').digest('base64')}`;
    const text = [
      '# comment', `lab.example ssh-ed25519 ${other.toString('base64')}`, `[lab.example]:2222,10.0.0.9 ssh-ed25519 ${blob.toString('base64')}`,
      `${hashed} ecdsa-sha2-nistp256 ${other.toString('base64')}`, `@revoked [lab.example]:2222 ssh-rsa ${other.toString('base64')}`,
      `@cert-authority *.example ssh-ed25519 ${other.toString('base64')}`,
    ].join('\n');
    assert.deepStrictEqual(knownKeysFor(text, 'lab.example', 2222), [
      { type: 'ssh-ed25519', blob, revoked: false },
      { type: 'ecdsa-sha2-nistp256', blob: other, revoked: false },
      { type: 'ssh-rsa', blob: other, revoked: true },
    ]);
    assert.deepStrictEqual(knownKeysFor(text, 'lab.example', 22).map((k) => k.blob), [other]);
  });

  it('honours wildcards and negations', () => {
    const text = `*.example,!bad.example ssh-ed25519 ${blob.toString('base64')}`;
    assert.strictEqual(knownKeysFor(text, 'good.example', 22).length, 1);
    assert.strictEqual(knownKeysFor(text, 'bad.example', 22).length, 0);
  });

  it('tells a passphrase-protected key from a plain one', () => {
    const opensshKey = (cipher: string): Buffer => {
      const name = Buffer.from(cipher);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(name.length);
      const body = Buffer.concat([Buffer.from('openssh-key-v1\0', 'latin1'), length, name]).toString('base64');
      return Buffer.from(`-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----\n`);
    };
    assert.deepStrictEqual([isEncryptedKey(opensshKey('aes256-ctr')), isEncryptedKey(opensshKey('none'))], [true, false]);
    assert.strictEqual(isEncryptedKey(Buffer.from('-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n')), true);
  });
});

describe('engine access: ssh:// addresses', () => {
  it('refuses a path after the host, which the Docker CLI does not take either', () => {
    const home = makeTree({ '.ssh/id_ed25519': 'KEY' });
    try {
      assert.throws(() => engineConnectionFor('ssh://ada@lab.example/run/podman/podman.sock', {}, {}, home), /names no path; the remote runs `docker system dial-stdio`/);
      const { options } = engineConnectionFor('ssh://ada@lab.example:2222', {}, {}, home);
      assert.deepStrictEqual([options.protocol, options.host, options.port, options.username, options.sshOptions?.privateKey], ['ssh', 'lab.example', 2222, 'ada', Buffer.from('KEY')]);
      fs.rmSync(path.join(home, '.ssh/id_ed25519'));
      assert.throws(() => engineConnectionFor('ssh://ada@lab.example', {}, {}, home), { message: /^No SSH key to log in as ada@lab\.example:22: start an SSH agent/ });
    } finally {
      removeTree(home);
    }
  });
});
