// `npm run try` stops what it started: its last step (withEngine.sh running tryInCodeServer.js) is
// started for real, with a private engine service, and a stand-in for code-server whose "extension
// host" child makes a real sandbox container with the extension's own labels, as the warm pool
// does. After Ctrl+C (SIGINT to the process group, as a terminal sends it) or a SIGTERM to the
// script alone, no process of it may be left - code-server, its child, the script, the engine
// service - and no container. code-server itself and npm ci are left out: too heavy for a test.
import * as assert from 'assert';
import { spawn, type ChildProcess } from 'child_process';
import Docker from 'dockerode';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO } from './cliProcess';
import { engineHost, TEST_IMAGE } from './sandboxHelper';
import { dockerOptionsFor } from '../../src/sandbox/engineDiscovery';

// Plain JavaScript that npm run try loads as it is.
const { isAlive, processTree } = require(path.join(REPO, 'scripts/tryCleanup.js')) as { isAlive: (pid: number) => boolean; processTree: (pid: number) => number[] };

/** The extension host's part: a container made with the extension's labels, kept running like a warm one. */
const HOST = `
const Docker = require(${JSON.stringify(require.resolve('dockerode'))});
const { sandboxLabels } = require(${JSON.stringify(path.join(REPO, 'out/src/sandbox/containerSpec.js'))});
const fs = require('fs');
(async () => {
  const docker = new Docker();
  const container = await docker.createContainer({ Image: process.env.TRY_TEST_IMAGE, Cmd: ['python3', '-c', 'import time; time.sleep(600)'], Labels: sandboxLabels('try-test') });
  await container.start();
  fs.writeFileSync(process.env.TRY_TEST_STATE, JSON.stringify({ container: container.id, host: process.pid }));
  setInterval(() => {}, 1000);
})();
`;
/** Stands in for code-server: started detached by the script, it starts its "extension host" and waits. */
const CODE_SERVER = `#!/bin/sh
node "$(dirname "$0")/host.js" &
wait
`;

describe('npm run try: stopping it leaves nothing behind', function () {
  this.timeout(120_000);
  const docker = new Docker(dockerOptionsFor(engineHost()));
  let scratch: string;
  /** What a failed test must not leave behind either. */
  let started: { group?: number; container?: string } = {};

  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'self-heal-try-test-'));
    fs.writeFileSync(path.join(scratch, 'host.js'), HOST);
    fs.writeFileSync(path.join(scratch, 'code-server'), CODE_SERVER, { mode: 0o755 });
  });

  afterEach(async () => {
    if (started.group && isAlive(started.group)) process.kill(-started.group, 'SIGKILL');
    if (started.container) await docker.getContainer(started.container).remove({ force: true }).catch(() => undefined);
    started = {};
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  /** Starts the script in its own process group and resolves once the container runs, with every process of it. */
  async function startTry(): Promise<{ script: ChildProcess; exited: Promise<number | null>; container: string; processes: number[] }> {
    const state = path.join(scratch, 'state.json');
    const log = fs.openSync(path.join(scratch, 'try.log'), 'a');
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', TRY_TEST_IMAGE: TEST_IMAGE, TRY_TEST_STATE: state };
    delete env.DOCKER_HOST; // withEngine.sh starts its own service, as under npm run try
    const script = spawn('bash', [path.join(REPO, 'scripts/withEngine.sh'), 'node', path.join(REPO, 'scripts/tryInCodeServer.js'), path.join(scratch, 'code-server')], { cwd: REPO, env, detached: true, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    started = { group: script.pid! };
    const exited = new Promise<number | null>((resolve) => script.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 600 && !fs.existsSync(state); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(fs.existsSync(state), 'the stand-in extension host made its container');
    const { container, host } = JSON.parse(fs.readFileSync(state, 'utf8')) as { container: string; host: number };
    started.container = container;
    const processes = processTree(script.pid!);
    assert.ok(processes.includes(host), 'the extension host is among the processes of the script');
    assert.ok(processes.length >= 5, `script, engine service, try, code-server, host: ${processes.join(' ')}`);
    assert.strictEqual((await docker.getContainer(container).inspect()).State.Running, true);
    return { script, exited, container, processes };
  }

  async function assertNothingLeft(run: { exited: Promise<number | null>; container: string; processes: number[] }): Promise<void> {
    const code = await Promise.race([run.exited, new Promise<string>((r) => setTimeout(() => r('still running'), 60_000))]);
    assert.strictEqual(code, 0);
    for (let i = 0; i < 50 && run.processes.some(isAlive); i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepStrictEqual(run.processes.filter(isAlive), [], 'no process of npm run try is left');
    const left = await docker.getContainer(run.container).inspect().then(() => 'still there', (error: { statusCode?: number }) => error.statusCode);
    assert.strictEqual(left, 404, `the container is removed; the script said: ${fs.readFileSync(path.join(scratch, 'try.log'), 'utf8')}`);
  }

  it('Ctrl+C (SIGINT to the process group) stops code-server, its children and the engine, and removes the container', async () => {
    const run = await startTry();
    process.kill(-run.script.pid!, 'SIGINT');
    await assertNothingLeft(run);
  });

  it('SIGTERM to the script alone does the same', async () => {
    const run = await startTry();
    process.kill(run.script.pid!, 'SIGTERM');
    await assertNothingLeft(run);
  });
});
