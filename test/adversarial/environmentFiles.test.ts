// A hostile project's environment files against the bundled CLI, the real engine and a loopback
// package index: a symlink to a token file, a FIFO, a link to /dev/zero, an oversized file, and a
// Python entry that links out of its folder. Each is refused by name, quickly, with little memory,
// and nothing of the linked file reaches the index or the output.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { collectRunSet, RunSetError, withEnvironmentFiles } from '../../src/core/program/runSet';
import { cli, type CliRun } from '../sandbox/cliProcess';
import { startPackageIndex, type PackageIndex } from '../sandbox/packageIndex';
import { TEST_IMAGE } from '../sandbox/sandboxHelper';
import { makeTree, removeTree } from '../support/tempDir';

const TOKEN = 'selfhealtoken7f3a9c2e';
const noModel = { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' };

/** Runs the CLI, killing it (by its PID) past `killAfterMs`; reports the peak RSS it reached. */
async function watchedCli(args: string[], cwd: string, env: NodeJS.ProcessEnv, killAfterMs: number): Promise<CliRun & { ms: number; peakRssKiB: number }> {
  let pid = 0;
  let peakRssKiB = 0;
  const started = Date.now();
  const sample = (): void => {
    const status = pid ? fs.readFileSync(`/proc/${pid}/status`, 'utf8') : '';
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    if (hwm) peakRssKiB = Math.max(peakRssKiB, Number(hwm[1]));
  };
  const poll = setInterval(() => { try { sample(); } catch { /* it has just ended */ } }, 20);
  const killer = setTimeout(() => pid && process.kill(pid, 'SIGKILL'), killAfterMs);
  try {
    const run = await cli(args, { cwd, env: { ...noModel, ...env }, onStart: (p) => (pid = p) });
    return { ...run, ms: Date.now() - started, peakRssKiB };
  } finally {
    clearInterval(poll);
    clearTimeout(killer);
  }
}

describe('adversarial: environment files', function () {
  this.timeout(120_000);
  let outside: string;
  let project: string;
  let index: PackageIndex;

  before(async () => {
    index = await startPackageIndex('adversarial-env-files', []);
  });
  after(async () => {
    await index?.close();
  });
  beforeEach(() => {
    outside = makeTree({ 'token.txt': `${TOKEN}\n`, 'secret.py': `print("${TOKEN}")\n` });
    project = makeTree({ 'main.py': 'print("hello")\n' });
  });
  afterEach(() => {
    removeTree(outside);
    removeTree(project);
  });

  const heal = (env: NodeJS.ProcessEnv = {}, killAfterMs = 60_000) =>
    watchedCli(['heal', 'main.py', '--no-llm', '--install-network', 'host', '--image', TEST_IMAGE, '--timeout', '10'], project, { PIP_INDEX_URL: index.url, ...env }, killAfterMs);

  it('refuses requirements.txt that links to a token file: no request and no output carries the token', async () => {
    fs.symlinkSync(path.join(outside, 'token.txt'), path.join(project, 'requirements.txt'));
    const run = await heal();
    assert.strictEqual(run.status, 2, run.stderr);
    assert.strictEqual(
      run.stderr,
      `self-heal: ${path.join(project, 'requirements.txt')}: is a symbolic link that leads outside ${project}; ` +
        'Self-Heal reads only regular files inside the project; its requirements were not read\n',
    );
    assert.deepStrictEqual(index.requests.filter((request) => request.toLowerCase().includes(TOKEN)), []);
    assert.ok(!`${run.stdout}${run.stderr}`.includes(TOKEN));
  });

  it('refuses pyproject.toml that links outside the project the same way', async () => {
    fs.symlinkSync(path.join(outside, 'token.txt'), path.join(project, 'pyproject.toml'));
    const run = await heal();
    assert.strictEqual(run.status, 2, run.stderr);
    assert.match(run.stderr, /pyproject\.toml: is a symbolic link that leads outside /);
  });

  it('refuses a FIFO named requirements.txt within seconds instead of hanging', async () => {
    execFileSync('mkfifo', [path.join(project, 'requirements.txt')]);
    const run = await heal({}, 20_000);
    assert.strictEqual(run.status, 2, `ended by ${run.status === null ? 'the kill' : 'itself'} after ${run.ms} ms: ${run.stderr}`);
    assert.ok(run.ms < 10_000, `${run.ms} ms`);
    assert.strictEqual(
      run.stderr,
      `self-heal: ${path.join(project, 'requirements.txt')}: is a FIFO (named pipe), not a regular file; Self-Heal reads only regular files; its requirements were not read\n`,
    );
  });

  it('refuses a link to /dev/zero with the process staying small', async () => {
    fs.symlinkSync('/dev/zero', path.join(project, 'requirements.txt'));
    const run = await heal({}, 20_000);
    assert.strictEqual(run.status, 2, `after ${run.ms} ms: ${run.stderr}`);
    assert.match(run.stderr, /requirements\.txt: is a symbolic link that leads outside /);
    assert.ok(run.peakRssKiB < 200 * 1024, `peak RSS ${run.peakRssKiB} KiB`);
  });

  it('refuses an oversized requirements.txt, naming the limit, with the process staying small', async () => {
    fs.writeFileSync(path.join(project, 'requirements.txt'), `${'x'.repeat(99)}\n`.repeat(3000));
    const run = await heal({}, 20_000);
    assert.strictEqual(run.status, 2, run.stderr);
    assert.strictEqual(
      run.stderr,
      `self-heal: ${path.join(project, 'requirements.txt')}: is larger than 256 KiB, the most Self-Heal reads of such a file; its requirements were not read\n`,
    );
    assert.ok(run.peakRssKiB < 200 * 1024, `peak RSS ${run.peakRssKiB} KiB`);
  });

  it('refuses a Python entry that links out of its folder: its text never reaches the sandbox', async () => {
    fs.symlinkSync(path.join(outside, 'secret.py'), path.join(project, 'linked.py'));
    const run = await watchedCli(['run', 'linked.py', '--image', TEST_IMAGE, '--timeout', '10'], project, {}, 30_000);
    assert.strictEqual(run.status, 2, run.stderr);
    assert.strictEqual(run.stderr, `self-heal: ${path.join(project, 'linked.py')}: is a symbolic link that leads outside ${project}; Self-Heal reads only regular files inside the project\n`);
    assert.ok(!run.stdout.includes(TOKEN));
  });

  it('reads run sets and environment files through the same checks in process (the editor\'s path)', async () => {
    execFileSync('mkfifo', [path.join(project, 'pipe.py')]);
    const started = Date.now();
    await assert.rejects(collectRunSet(path.join(project, 'pipe.py'), { root: project }), (error: Error) =>
      error instanceof RunSetError && error.message === `${path.join(project, 'pipe.py')}: is a FIFO (named pipe), not a regular file; Self-Heal reads only regular files`);
    fs.symlinkSync(path.join(outside, 'token.txt'), path.join(project, 'requirements.txt'));
    await assert.rejects(withEnvironmentFiles({}, project), (error: Error) => error instanceof RunSetError && !error.message.includes(TOKEN));
    assert.ok(Date.now() - started < 5_000);
  });

  it('still follows a link that stays inside the project', async () => {
    fs.writeFileSync(path.join(project, 'base-requirements.txt'), 'PyYAML==6.0.99\n');
    fs.symlinkSync('base-requirements.txt', path.join(project, 'requirements.txt'));
    assert.deepStrictEqual(await withEnvironmentFiles({}, project), { 'requirements.txt': 'PyYAML==6.0.99\n' });
  });
});
