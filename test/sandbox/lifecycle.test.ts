// Cancellation, engine failures, image problems and cleanup.
import * as assert from 'assert';
import { spawn, type ChildProcess } from 'child_process';
import Docker from 'dockerode';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { LABEL_HOST, LABEL_MANAGED, LABEL_OWNER, LABEL_PID, LABEL_SESSION } from '../../src/sandbox/containerSpec';
import { ownerLabel, thisProcess } from '../../src/sandbox/processOwner';
import { connectEngine, dockerOptionsFor } from '../../src/sandbox/engineDiscovery';
import { containersOfThisProcess, engineHost, limits, newSandbox, runCode, SESSION, TEST_IMAGE } from './sandboxHelper';

describe('sandbox: lifecycle', function () {
  this.timeout(60_000);

  it('ends a run within 1 s of cancellation and removes its container', async () => {
    const sandbox = newSandbox({ session: `${SESSION}-cancel`, warmContainers: 0 });
    const controller = new AbortController();
    const running = sandbox.run({ files: { 'main.py': 'import time\ntime.sleep(60)\n' }, entry: 'main.py', limits: limits(), signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const abortedAt = Date.now();
    controller.abort();
    const result = await running;
    const tookMs = Date.now() - abortedAt;
    assert.strictEqual(result.reason, 'cancelled');
    assert.strictEqual(result.exitCode, null);
    assert.ok(tookMs < 1000, `cancel took ${tookMs} ms`);
    await sandbox.dispose();
    assert.deepStrictEqual(await containersOfThisProcess(`${LABEL_SESSION}=${SESSION}-cancel`), []);
  });

  // What another tool's `rm -f` does looks like the OOM killer (SIGKILL, status 137): it must not be said as the memory limit.
  it('says a container removed from outside during the run was removed, not that memory ran out', async () => {
    const session = `${SESSION}-removed`;
    const sandbox = newSandbox({ session, warmContainers: 0 });
    const docker = new Docker(dockerOptionsFor(engineHost()));
    let removal: Promise<unknown> | undefined;
    const result = await sandbox.run({
      files: { 'main.py': 'import time\nprint("started", flush=True)\ntime.sleep(30)\n' }, entry: 'main.py', limits: limits({ timeoutMs: 20_000 }),
      onOutput: () => {
        removal ??= docker.listContainers({ filters: { label: [`${LABEL_SESSION}=${session}`] } }).then((found) => Promise.all(found.map((c) => docker.getContainer(c.Id).remove({ force: true }))));
      },
    });
    await removal;
    await sandbox.dispose();
    assert.notStrictEqual(result.reason, 'oom');
    if (result.reason === 'engine-error') {
      assert.strictEqual(result.engineError?.message, 'The container was removed from outside Self-Heal during the run (by a cleanup or another tool); run it again.');
    } else {
      // Podman may keep the attach stream open after the removal; the run then ends at its time limit.
      assert.strictEqual(result.reason, 'timeout');
    }
  });

  it('turns the engine log driver off', async () => {
    const sandbox = newSandbox({ session: `${SESSION}-logs` });
    await sandbox.run({ files: { 'main.py': '' }, entry: 'main.py', limits: limits() });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // a warm container is waiting now
    const docker = new Docker(dockerOptionsFor(engineHost()));
    const [waiting] = await containersOfThisProcess(`${LABEL_SESSION}=${SESSION}-logs`);
    const info = await docker.getContainer(waiting).inspect();
    assert.strictEqual(info.HostConfig.LogConfig?.Type, 'none');
    assert.strictEqual(info.HostConfig.NetworkMode, 'none');
    await sandbox.dispose();
  });

  it('names the image and what to do when it is missing and cannot be pulled', async () => {
    const sandbox = newSandbox({ image: 'selfheal.invalid/no-such-image:1' });
    const result = await sandbox.run({ files: { 'main.py': '' }, entry: 'main.py', limits: limits() });
    assert.strictEqual(result.reason, 'engine-error');
    assert.strictEqual(result.engineError?.code, 'image-unavailable');
    assert.match(result.engineError?.message ?? '', /^The image "selfheal\.invalid\/no-such-image:1" is not on this machine and could not be pulled \(.+\)\. Check the name/);
    await sandbox.dispose();
  });

  it('reports pull progress while pulling', async () => {
    const events: string[] = [];
    const sandbox = newSandbox({ image: 'selfheal.invalid/no-such-image:2', onPullProgress: (p) => events.push(p.status) });
    await sandbox.run({ files: { 'main.py': '' }, entry: 'main.py', limits: limits() });
    assert.strictEqual(events[0], 'Pulling selfheal.invalid/no-such-image:2');
    await sandbox.dispose();
  });

  it('removes containers left by a crashed earlier session, and only those', async () => {
    const docker = new Docker(dockerOptionsFor(engineHost()));
    const deadPid = 2 ** 22 + 7; // above any pid this machine hands out
    const make = (pid: number) =>
      docker.createContainer({
        Image: TEST_IMAGE,
        Cmd: ['true'],
        Labels: { [LABEL_MANAGED]: 'true', [LABEL_PID]: String(pid), [LABEL_HOST]: os.hostname(), [LABEL_SESSION]: `${SESSION}-sweep`, [LABEL_OWNER]: ownerLabel({ ...thisProcess(), pid, started: pid === process.pid ? thisProcess().started : '1' }) },
        HostConfig: { Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 1024 }] },
      });
    const orphan = await make(deadPid);
    const alive = await make(process.pid);
    const sandbox = newSandbox({ session: `${SESSION}-sweeper` });
    await sandbox.run({ files: { 'main.py': '' }, entry: 'main.py', limits: limits() });
    await sandbox.dispose(); // waits for the sweep
    const left = await containersOfThisProcess(`${LABEL_SESSION}=${SESSION}-sweep`);
    assert.deepStrictEqual(left, [alive.id]);
    await alive.remove({ force: true });
    await assert.rejects(orphan.inspect(), /no such container/i);
  });

  describe('engine failures', () => {
    it('gives a typed error naming the socket when nothing listens there', async () => {
      const sandbox = newSandbox({ host: 'unix:///tmp/self-heal-no-engine.sock', howToSetHost: 'set selfHeal.docker.host' });
      const started = Date.now();
      const result = await sandbox.run({ files: { 'main.py': '' }, entry: 'main.py', limits: limits() });
      assert.ok(Date.now() - started < 2000);
      assert.strictEqual(result.reason, 'engine-error');
      assert.strictEqual(result.engineError?.code, 'unreachable');
      assert.strictEqual(
        result.engineError?.message,
        'No Docker or Podman engine answered at unix:///tmp/self-heal-no-engine.sock; start Docker Desktop (or Docker/Podman) or set selfHeal.docker.host.',
      );
    });

    it('gives a timeout error, not a hang, when the engine accepts but never answers', async () => {
      const socketPath = path.join(os.tmpdir(), `self-heal-hung-${process.pid}.sock`);
      const held: net.Socket[] = [];
      const silent = net.createServer((socket) => held.push(socket)); // accepts, never answers
      await new Promise<void>((resolve) => silent.listen(socketPath, resolve));
      try {
        const started = Date.now();
        await assert.rejects(connectEngine({ explicitHost: `unix://${socketPath}`, pingTimeoutMs: 1000 }), (error: Error & { code?: string }) => {
          assert.strictEqual(error.code, 'timeout');
          assert.strictEqual(error.message, `The container engine at unix://${socketPath} did not answer in time; restart it or set DOCKER_HOST.`);
          return true;
        });
        assert.ok(Date.now() - started < 2500);
      } finally {
        held.forEach((s) => s.destroy());
        silent.close();
      }
    });

    describe('an engine stopped mid-suite', () => {
      let service: ChildProcess | undefined;
      let dir: string;
      before(async function () {
        if (!(await commandExists('podman'))) this.skip();
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'self-heal-engine-'));
        service = spawn('podman', ['system', 'service', '--time=0', `unix://${dir}/podman.sock`], { stdio: 'ignore' });
        for (let i = 0; i < 100 && !fs.existsSync(`${dir}/podman.sock`); i++) await new Promise((r) => setTimeout(r, 100));
      });
      after(() => {
        service?.kill('SIGTERM');
        fs.rmSync(dir, { recursive: true, force: true });
      });

      it('runs while the engine is up, then gives the typed error quickly once it is stopped', async () => {
        const sandbox = newSandbox({ host: `unix://${dir}/podman.sock`, session: `${SESSION}-stopped`, warmContainers: 0 });
        const first = await sandbox.run({ files: { 'main.py': 'print(1)' }, entry: 'main.py', limits: limits() });
        assert.strictEqual(first.stdout, '1\n');
        await sandbox.settled(); // the engine's storage is shared: leave nothing in it
        service?.kill('SIGTERM');
        await new Promise<void>((resolve) => service?.once('exit', () => resolve()));
        const started = Date.now();
        const second = await sandbox.run({ files: { 'main.py': 'print(2)' }, entry: 'main.py', limits: limits() });
        assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
        assert.strictEqual(second.reason, 'engine-error');
        assert.strictEqual(second.engineError?.code, 'unreachable');
        assert.strictEqual(second.engineError?.message, `The container engine at unix://${dir}/podman.sock stopped answering; start it again or set DOCKER_HOST.`);
        const third = await sandbox.run({ files: { 'main.py': 'print(3)' }, entry: 'main.py', limits: limits() });
        assert.strictEqual(third.engineError?.message.startsWith('No Docker or Podman engine answered at unix://'), true);
        await sandbox.dispose();
      });
    });
  });

  it('runs several programs in parallel in separate containers', async () => {
    const sandbox = newSandbox({ session: `${SESSION}-parallel`, warmContainers: 2 });
    const results = await Promise.all(
      [1, 2, 3].map((n) => sandbox.run({ files: { 'main.py': `import socket\nprint(${n}, socket.gethostname())` }, entry: 'main.py', limits: limits() })),
    );
    const hosts = results.map((r) => r.stdout.trim().split(' '));
    assert.deepStrictEqual(hosts.map((h) => h[0]), ['1', '2', '3']);
    assert.strictEqual(new Set(hosts.map((h) => h[1])).size, 3);
    await sandbox.dispose();
    assert.deepStrictEqual(await containersOfThisProcess(`${LABEL_SESSION}=${SESSION}-parallel`), []);
  });

  it('shares the default sandbox with the other tests', async () => {
    const result = await runCode('print("ok")');
    assert.strictEqual(result.stdout, 'ok\n');
  });
});

function commandExists(command: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = spawn('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    probe.on('exit', (code) => resolve(code === 0));
  });
}

