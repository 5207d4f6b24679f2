// The resident runner's edges that need no engine: where it listens and when that place is refused,
// what a request must hold, and how results and output cross the socket unchanged.
import * as assert from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { EngineError } from '../../src/core/run/engineError';
import { DEFAULT_LIMITS } from '../../src/core/run/limits';
import type { RunResult } from '../../src/core/run/runTypes';
import { ensureFolder, untrustedFolder } from '../../src/cli/resident/residentPlace';
import { residentPlaceFor } from '../../src/cli/residentChoice';
import type { EngineAccess } from '../../src/core/settings/settingsModel';
import { readMessages, receivedResult, sentResult, type FromRunner } from '../../src/cli/resident/residentProtocol';
import { requestProblem } from '../../src/cli/resident/residentServer';
import { makeTree, removeTree } from '../support/tempDir';

const RESULT: RunResult = {
  exitCode: null, reason: 'engine-error', stdout: 'a\n', stderr: '', stdoutBytes: 2, stderrBytes: 0,
  truncated: { stdout: false, stderr: false }, durationMs: 12, engine: { runner: 'docker', sandboxed: true, engine: 'Podman Engine 4.3.1', warm: true },
  engineError: new EngineError('timeout', 'The container engine did not answer within 5 s (create).'),
};

describe('resident runner: place, requests, messages', () => {
  let dir: string;
  beforeEach(() => (dir = makeTree({})));
  afterEach(() => removeTree(dir));

  it('names one socket per engine: the same choice the same socket; another address, key, TLS file or DOCKER_HOST another', () => {
    const env = { XDG_RUNTIME_DIR: dir, HOME: '/home/a', DOCKER_HOST: 'unix:///run/a.sock' };
    const place = (hosts: string[], access: EngineAccess, extra: NodeJS.ProcessEnv = {}, cwd = '/p') => residentPlaceFor(hosts, access, { ...env, ...extra }, cwd).socket;
    const base = place([], {});
    assert.strictEqual(path.dirname(base), path.join(dir, `self-heal-resident-${process.getuid?.()}`));
    assert.strictEqual(place([], {}, { LANG: 'C' }), base);
    // The SSH agent and user differ per login: they count only for an ssh:// engine.
    assert.strictEqual(place([], {}, { SSH_AUTH_SOCK: '/tmp/agent.1', USER: 'b' }), base);
    assert.notStrictEqual(place(['ssh://u@h'], {}, { SSH_AUTH_SOCK: '/tmp/agent.1' }), place(['ssh://u@h'], {}, { SSH_AUTH_SOCK: '/tmp/agent.2' }));
    assert.strictEqual(place([], { tlsCa: 'certs/ca.pem' }, {}, '/p'), place([], { tlsCa: '/p/certs/ca.pem' }, {}, '/q'));
    assert.strictEqual(path.dirname(residentPlaceFor([], {}, { ...env, SELF_HEAL_RESIDENT_DIR: '/r' }, '/p').socket), '/r');
    const others = [
      place(['unix:///other.sock'], {}),
      place([], {}, { DOCKER_HOST: 'tcp://127.0.0.1:2375' }),
      place([], { sshKey: '/k' }),
      place([], { tlsCa: 'certs/ca.pem' }, {}, '/q'),
      place([], {}, { DOCKER_CERT_PATH: 'certs' }),
      place([], {}, { HOME: '/home/b' }),
    ];
    assert.strictEqual(new Set([base, ...others]).size, 7);
  });

  it('trusts only a folder of this user that no one else may enter', () => {
    const folder = path.join(dir, 'place');
    ensureFolder(folder);
    assert.strictEqual(fs.statSync(folder).mode & 0o777, 0o700);
    assert.strictEqual(untrustedFolder(folder), undefined);
    fs.chmodSync(folder, 0o777);
    assert.strictEqual(untrustedFolder(folder), `${folder} is open to other users (mode 777)`);
    assert.throws(() => ensureFolder(folder), /the resident runner's folder cannot be used: .* is open to other users/);
    const link = path.join(dir, 'link');
    fs.chmodSync(folder, 0o700);
    fs.symlinkSync(folder, link);
    assert.strictEqual(untrustedFolder(link), `${link} is not a folder`);
    assert.match(untrustedFolder(path.join(dir, 'missing')) ?? '', /cannot be read \(ENOENT\)/);
  });

  it('refuses a malformed run in words', () => {
    const good = { files: { 'main.py': 'print(1)\n' }, entry: 'main.py', limits: { ...DEFAULT_LIMITS }, streamOutput: false };
    assert.strictEqual(requestProblem(good), undefined);
    assert.strictEqual(requestProblem(undefined), 'a run without a request');
    assert.strictEqual(requestProblem({ ...good, files: { 'main.py': 1 as unknown as string } }), 'files must map paths to texts');
    assert.strictEqual(requestProblem({ ...good, entry: 'other.py' }), 'the entry must be one of the files');
    assert.strictEqual(requestProblem({ ...good, limits: { ...DEFAULT_LIMITS, cpus: '8' as unknown as number } }), 'limits must be numbers and a network mode');
    assert.match(requestProblem({ ...good, limits: { ...DEFAULT_LIMITS, memoryBytes: 1 } }) ?? '', /memory/);
    assert.strictEqual(requestProblem({ ...good, args: ['a', 2 as unknown as string] }), 'args must be texts');
  });

  it('carries a result with its engine error, and output bytes that hold newlines and invalid UTF-8, unchanged', async () => {
    const back = receivedResult(JSON.parse(JSON.stringify(sentResult(RESULT))));
    assert.ok(back.engineError instanceof EngineError);
    assert.deepStrictEqual([back.engineError.code, back.engineError.message], ['timeout', RESULT.engineError?.message]);
    assert.deepStrictEqual({ ...back, engineError: undefined }, { ...RESULT, engineError: undefined });

    const bytes = Buffer.from([0x7b, 0x0a, 0xff, 0x22, 0x0a, 0x7d]);
    const socket = path.join(dir, 's.sock');
    const received: FromRunner[] = [];
    const server = net.createServer((connection) => {
      const line = `${JSON.stringify({ type: 'output', stream: 'stdout', data: bytes.toString('base64') })}\n${JSON.stringify({ type: 'alive' })}\n`;
      // Split mid-message: a reader must join the pieces.
      connection.write(line.slice(0, 7));
      setTimeout(() => connection.end(line.slice(7)), 20);
    });
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    const client = net.connect(socket);
    await new Promise<void>((resolve) => {
      readMessages<FromRunner>(client, (message) => received.push(message));
      client.on('close', () => resolve());
    });
    server.close();
    assert.deepStrictEqual(received.map((m) => m.type), ['output', 'alive']);
    assert.deepStrictEqual(Buffer.from((received[0] as { data: string }).data, 'base64'), bytes);
  });
});
