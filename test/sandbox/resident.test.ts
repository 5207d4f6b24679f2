// A resident runner, started and stopped as a user does: runs sent to it report exactly what a run
// of the CLI's own reports, from warm containers; a folder another user could write is never
// trusted; a runner that is gone leaves runs to the CLI; stopping it or its idle end removes
// everything it made.
import * as assert from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import Docker from 'dockerode';
import { LABEL_PID } from '../../src/sandbox/containerSpec';
import { dockerOptionsFor } from '../../src/sandbox/engineDiscovery';
import { makeTree, removeTree } from '../support/tempDir';
import { cli, type CliRun } from './cliProcess';
import { containersOfThisProcess, engineHost, TEST_IMAGE } from './sandboxHelper';

const image = ['--image', TEST_IMAGE];

async function removeContainers(ids: string[]): Promise<void> {
  const docker = new Docker(dockerOptionsFor(engineHost()));
  await Promise.all(ids.map((id) => docker.getContainer(id).remove({ force: true }).catch(() => undefined)));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A --json report without what differs from one run to the next. */
function comparable(run: CliRun): unknown {
  const report = JSON.parse(run.stdout) as { files: Array<Record<string, unknown> & { engine: Record<string, unknown> }> };
  return { status: run.status, files: report.files.map(({ durationMs: _d, engine: { warm: _w, ...engine }, ...rest }) => ({ ...rest, engine })) };
}

describe('sandbox: the resident runner', function () {
  this.timeout(120_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const pids = new Set<number>();

  const started = async (extra: string[] = []): Promise<number> => {
    const start = await cli(['resident', 'start', ...image, ...extra], { cwd: dir, env });
    const pid = Number(/PID (\d+)/.exec(start.stdout)?.[1]);
    assert.strictEqual(start.status, 0, start.stderr);
    pids.add(pid);
    return pid;
  };

  beforeEach(() => {
    dir = makeTree({
      'hello.py': 'import sys\nprint("hello")\nprint("to stderr", file=sys.stderr)\n',
      'crash.py': 'print("before")\nitems = [1]\nprint(items[3])\n',
      'loop.py': 'while True: pass\n',
    });
    fs.chmodSync(dir, 0o755);
    for (const file of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, file), 0o644);
    env = { SELF_HEAL_RESIDENT_DIR: path.join(dir, 'resident') };
  });

  /** Waits until the runner says it has `count` started containers waiting for a run. */
  const warmWaiting = (count: number) =>
    until(`the runner keeps ${count} containers waiting`, async () => (await cli(['resident', 'status'], { cwd: dir, env })).stdout.includes(` ${count} containers waiting,`), 60_000);

  // Whatever a test left: each runner is woken, asked to end, killed if it does not, and its
  // containers removed, so a failure leaves nothing behind for the next file's leftover check.
  afterEach(async () => {
    const leftovers: string[] = [];
    for (const pid of pids) {
      try {
        if (alive(pid)) {
          process.kill(pid, 'SIGCONT');
          process.kill(pid, 'SIGTERM');
        }
        await until(`resident runner ${pid} ends`, () => !alive(pid)).catch(() => process.kill(pid, 'SIGKILL'));
      } finally {
        const containers = await containersOfThisProcess(`${LABEL_PID}=${pid}`);
        if (containers.length > 0) {
          leftovers.push(`${pid}: ${containers.length}`);
          await removeContainers(containers);
        }
      }
    }
    pids.clear();
    removeTree(dir);
    assert.deepStrictEqual(leftovers, [], 'containers the resident runners left');
  });

  it('reports what a run without it reports, from warm containers, and stops leaving nothing behind', async () => {
    const pid = await started();
    assert.strictEqual((await cli(['resident', 'start'], { cwd: dir, env })).stdout, `self-heal: a resident runner already runs for this engine (PID ${pid})\n`);
    // Warm from its start: the image it was started with, with the default limits.
    await warmWaiting(2);
    const direct = { ...env, SELF_HEAL_RESIDENT: '0' };
    const warmOf = (run: CliRun) => (JSON.parse(run.stdout) as { files: Array<{ engine: { warm: boolean } }> }).files[0].engine.warm;
    for (const file of ['hello.py', 'crash.py']) {
      // Two runs in a row, each once the runner says its containers are ready (a busy engine refills slowly).
      const runs = [];
      for (let i = 0; i < 2; i++) {
        await warmWaiting(2);
        runs.push(await cli(['run', file, '--json', ...image], { cwd: dir, env }));
      }
      const own = await cli(['run', file, '--json', ...image], { cwd: dir, env: direct });
      for (const run of runs) assert.deepStrictEqual(comparable(run), comparable(own), `${file} through the runner and without it`);
      assert.deepStrictEqual(runs.map(warmOf), [true, true]);
      assert.strictEqual(warmOf(own), false);
    }
    // The human output, streamed through the runner as it comes.
    const human = await cli(['run', 'crash.py', ...image], { cwd: dir, env });
    const humanOwn = await cli(['run', 'crash.py', ...image], { cwd: dir, env: direct });
    assert.deepStrictEqual([human.status, human.stdout], [1, 'before\n']);
    const timeless = (text: string) => text.replace(/ in \d+\.\d+ s \(([^)]*?)(, warm)?\)/g, ' in T ($1)');
    assert.strictEqual(timeless(human.stderr), timeless(humanOwn.stderr));
    assert.match(human.stderr, /✗ crash\.py: exited 1 in \d+\.\d+ s \(Podman Engine [\d.]+, warm\)\n$/);
    assert.match(human.stderr, /IndexError: list index out of range/);
    // Its warm containers, two of this image's shape, are its own.
    await warmWaiting(2);
    assert.strictEqual((await containersOfThisProcess(`${LABEL_PID}=${pid}`)).length, 2);

    const status = await cli(['resident', 'status'], { cwd: dir, env });
    assert.match(status.stdout, new RegExp(`^self-heal: a resident runner runs for this engine: PID ${pid}, since \\S+, 5 runs, 2 containers waiting, ends after 15 min without a run\\n`));
    const stop = await cli(['resident', 'stop'], { cwd: dir, env });
    assert.deepStrictEqual([stop.status, stop.stdout], [0, `self-heal: resident runner stopped (PID ${pid}, 5 runs)\n`]);
    await until('the runner ends', () => !alive(pid));
    assert.deepStrictEqual(await containersOfThisProcess(`${LABEL_PID}=${pid}`), []);
    assert.deepStrictEqual((await cli(['resident', 'status'], { cwd: dir, env })).status, 1);
  });

  it('passes the limits on: a loop stops at the time limit, said as without it', async () => {
    await started();
    const run = await cli(['run', 'loop.py', '--timeout', '1', '--json', ...image], { cwd: dir, env });
    const own = await cli(['run', 'loop.py', '--timeout', '1', '--json', ...image], { cwd: dir, env: { ...env, SELF_HEAL_RESIDENT: '0' } });
    assert.deepStrictEqual(comparable(run), comparable(own));
    assert.strictEqual((JSON.parse(run.stdout) as { files: Array<{ reason: string }> }).files[0].reason, 'timeout');
  });

  it('Ctrl+C in the terminal stops the program in the runner\'s container, and the runner goes on', async () => {
    const pid = await started();
    await warmWaiting(2);
    const began = Date.now();
    const run = await cli(['run', 'loop.py', '--timeout', '60', ...image], { cwd: dir, env, onStart: (child) => setTimeout(() => process.kill(child, 'SIGINT'), 2_000) });
    assert.strictEqual(run.status, 130, run.stderr);
    assert.ok(Date.now() - began < 15_000, `took ${Date.now() - began} ms`);
    assert.match(run.stderr, /loop\.py: cancelled/);
    // The loop's container is gone; the two warm ones stay.
    await until('only the warm containers are left', async () => (await containersOfThisProcess(`${LABEL_PID}=${pid}`)).length === 2);
    assert.match((await cli(['resident', 'status'], { cwd: dir, env })).stdout, /, 1 runs,/);
  });

  it('a runner that does not take the run (stopped with SIGSTOP) is passed over within seconds, and the CLI runs the file itself', async () => {
    const pid = await started();
    await warmWaiting(2); // stopped while it makes containers, the engine's own deadlines would run out
    process.kill(pid, 'SIGSTOP');
    try {
      const began = Date.now();
      const run = await cli(['run', 'crash.py', '--json', ...image], { cwd: dir, env });
      assert.ok(Date.now() - began < 35_000, `took ${Date.now() - began} ms`);
      assert.deepStrictEqual(comparable(run), comparable(await cli(['run', 'crash.py', '--json', ...image], { cwd: dir, env: { ...env, SELF_HEAL_RESIDENT: '0' } })));
      const status = await cli(['resident', 'status'], { cwd: dir, env });
      assert.deepStrictEqual([status.status, status.stdout], [1, 'self-heal: no resident runner runs for this engine\n']);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    // Woken, it goes on; the run it missed reaches it with its client gone, and is never made.
    assert.match((await cli(['resident', 'status'], { cwd: dir, env })).stdout, new RegExp(`PID ${pid}, since \\S+, 0 runs,`));
  });

  it('a runner that falls silent during a run is given up on after 30 s, said as an engine error naming it', async () => {
    const pid = await started();
    await warmWaiting(2);
    let stopped = false;
    const run = await cli(['run', 'loop.py', '--timeout', '120', ...image], {
      cwd: dir,
      env,
      onStart: () => setTimeout(() => {
        process.kill(pid, 'SIGSTOP');
        stopped = true;
      }, 2_000),
    });
    try {
      assert.strictEqual(stopped, true);
      assert.strictEqual(run.status, 2, run.stderr);
      assert.match(run.stderr, /✗ loop\.py: The resident runner \(\S+\.sock\) fell silent for 30 s; see "self-heal resident status", or stop it\./);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    // Woken, it finds its client gone and stops the program; its two waiting containers stay.
    await warmWaiting(2);
    await until('only the warm containers are left', async () => (await containersOfThisProcess(`${LABEL_PID}=${pid}`)).length === 2, 30_000);
  });

  it('is not trusted in a folder other users may write: a socket there that forges results is ignored', async () => {
    const folder = env.SELF_HEAL_RESIDENT_DIR as string;
    fs.mkdirSync(folder, { mode: 0o700 });
    // A forger answers every run "clean" with output of its own.
    const forged = { exitCode: 0, reason: 'exit', stdout: 'forged\n', stderr: '', stdoutBytes: 7, stderrBytes: 0, truncated: { stdout: false, stderr: false }, durationMs: 1, engine: { runner: 'docker', sandboxed: true, engine: 'forger' } };
    const forger = net.createServer((connection) => connection.end(`${JSON.stringify({ type: 'result', result: forged })}\n`));
    // The socket name is the engine's; the one a run would look for is found by starting and stopping a runner.
    const pid = await started();
    const name = fs.readdirSync(folder).find((file) => file.endsWith('.sock')) as string;
    await cli(['resident', 'stop'], { cwd: dir, env });
    await until('the runner ends', () => !alive(pid));
    await new Promise<void>((resolve) => forger.listen(path.join(folder, name), resolve));
    try {
      fs.chmodSync(folder, 0o777);
      const run = await cli(['run', 'crash.py', '--json', ...image], { cwd: dir, env });
      assert.strictEqual(run.stderr, `self-heal: warning: the resident runner is not used: ${folder} is open to other users (mode 777)\n`);
      assert.deepStrictEqual([run.status, (JSON.parse(run.stdout) as { files: Array<{ stdout: string }> }).files[0].stdout], [1, 'before\n']);
      assert.strictEqual((await cli(['resident', 'status'], { cwd: dir, env })).status, 1);
      const start = await cli(['resident', 'start'], { cwd: dir, env });
      assert.strictEqual(start.status, 2);
      assert.match(start.stderr, /the resident runner's folder cannot be used: .* is open to other users \(mode 777\)/);
    } finally {
      fs.chmodSync(folder, 0o700);
      await new Promise((resolve) => forger.close(resolve));
    }
  });

  it('leaves the run to the CLI when only its socket file is left, and ends by itself once idle', async () => {
    const pid = await started(['--idle-minutes', '0.05']);
    const run = await cli(['run', 'hello.py', '--json', ...image], { cwd: dir, env });
    assert.strictEqual(run.status, 0);
    await until('the idle runner ends by itself', () => !alive(pid), 30_000);
    const folder = env.SELF_HEAL_RESIDENT_DIR as string;
    assert.deepStrictEqual(fs.readdirSync(folder).filter((file) => file.endsWith('.sock')), []);
    assert.match(fs.readFileSync(path.join(folder, fs.readdirSync(folder).find((file) => file.endsWith('.log')) as string), 'utf8'), /stopping: no run for 3 s\n.*ended\n$/);
    // A socket file with nothing behind it, as a runner killed outright leaves.
    const log = fs.readdirSync(folder).find((file) => file.endsWith('.log')) as string;
    fs.writeFileSync(path.join(folder, log.replace(/\.log$/, '.sock')), '');
    const after = await cli(['run', 'hello.py', ...image], { cwd: dir, env });
    assert.deepStrictEqual([after.status, after.stdout], [0, 'hello\n']);
  });
});
