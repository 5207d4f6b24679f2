// Several engines as one runner, on real engines: the private Podman service of the test run and a
// second service of its own. Runs are spread by free capacity, each result names its engine, an engine
// that does not answer is left out with one warning, a run it failed is moved to the other, and the
// CLI takes --docker-host more than once.
import * as assert from 'assert';
import { mapWithLimit } from '../../src/core/run/parallel';
import type { RunResult } from '../../src/core/run/runTypes';
import type { EngineSpread } from '../../src/sandbox/engineSpread';
import { sandboxWithEnvironments } from '../../src/sandbox/environment/sandboxWithEnvironments';
import { makeTree, removeTree } from '../support/tempDir';
import { cli } from './cliProcess';
import { startPodmanService, startSocketProxy, type LocalEngine } from './engineFixtures';
import { engineHost, limits, SESSION, TEST_IMAGE } from './sandboxHelper';

function spreadOver(hosts: string[], warnings: string[] = []) {
  // Cold runs: a warm container made through an engine that goes away could not be removed through it.
  return sandboxWithEnvironments({ hosts, image: TEST_IMAGE, session: SESSION, warmContainers: 0, onEngineWarning: (message) => warnings.push(message) }).runner;
}

function runNumber(runner: ReturnType<typeof spreadOver>, n: number): Promise<RunResult> {
  return runner.run({ files: { 'main.py': `print(${n} * 2)\n` }, entry: 'main.py', limits: limits() });
}

describe('several engines', function () {
  this.timeout(180_000);
  let second: LocalEngine;

  before(async () => {
    second = await startPodmanService();
  });

  after(async () => {
    await second?.stop();
  });

  it('spreads runs over both engines by free capacity and names the engine of each result', async () => {
    const runner = spreadOver([engineHost(), second.host]);
    try {
      const results = await mapWithLimit([1, 2, 3, 4, 5, 6], 4, (n) => runNumber(runner, n));
      assert.deepStrictEqual(results.map((r) => [r.exitCode, r.stdout]), [1, 2, 3, 4, 5, 6].map((n) => [0, `${n * 2}\n`]));
      assert.deepStrictEqual(new Set(results.map((r) => r.engine.host)), new Set([engineHost(), second.host]));
      assert.ok(results.every((r) => r.engine.spread === true));
    } finally {
      await runner.dispose();
    }
  });

  it('leaves out an engine that does not answer, with one warning, and runs everything on the other', async () => {
    const warnings: string[] = [];
    const missing = 'unix:///nonexistent/self-heal-engine.sock';
    const runner = spreadOver([missing, engineHost()], warnings);
    try {
      const results = [await runNumber(runner, 1), await runNumber(runner, 2), await runNumber(runner, 3)];
      assert.deepStrictEqual(results.map((r) => [r.exitCode, r.stdout, r.engine.host]), [1, 2, 3].map((n) => [0, `${n * 2}\n`, engineHost()]));
      assert.deepStrictEqual(warnings, [
        `the engine at ${missing} failed (No Docker or Podman engine answered at ${missing}; start Docker Desktop (or Docker/Podman) or set DOCKER_HOST.); it is left out for 30 s and the other engine takes its runs.`,
      ]);
    } finally {
      await runner.dispose();
    }
  });

  it('says so when no engine answers: the run is the engine failure, and the second warning names no taker', async () => {
    const warnings: string[] = [];
    const [a, b] = ['unix:///nonexistent/engine-a.sock', 'unix:///nonexistent/engine-b.sock'];
    const runner = spreadOver([a, b], warnings);
    try {
      const result = await runNumber(runner, 1);
      assert.deepStrictEqual([result.reason, result.engineError?.code, result.engine.host], ['engine-error', 'unreachable', b]);
      assert.deepStrictEqual(warnings.map((w) => w.replace(/ \(.*\); /, ' (...); ')), [
        `the engine at ${a} failed (...); it is left out for 30 s and the other engine takes its runs.`,
        `the engine at ${b} failed (...); it is left out for 30 s and no other engine answers either.`,
      ]);
    } finally {
      await runner.dispose();
    }
  });

  it('moves a run to the other engine when its engine stops answering, and rests that engine', async () => {
    const proxy = await startSocketProxy(engineHost());
    const warnings: string[] = [];
    const runner = spreadOver([proxy.host, second.host], warnings);
    try {
      const before = await runNumber(runner, 1);
      assert.deepStrictEqual([before.exitCode, before.engine.host], [0, proxy.host]);
      await (runner as EngineSpread).sandboxes[0].settled(); // its container removed while the address still answers
      await proxy.stop();
      const moved = await runNumber(runner, 2);
      assert.deepStrictEqual([moved.exitCode, moved.stdout, moved.engine.host], [0, '4\n', second.host]);
      assert.strictEqual(warnings.length, 1);
      assert.ok(warnings[0].startsWith(`the engine at ${proxy.host} failed (The container engine at ${proxy.host} stopped answering`), warnings[0]);
      // Resting: the next run goes straight to the engine that answers, with no second warning.
      const next = await runNumber(runner, 3);
      assert.deepStrictEqual([next.exitCode, next.engine.host, warnings.length], [0, second.host, 1]);
    } finally {
      await runner.dispose();
      await proxy.stop().catch(() => undefined);
    }
  });

  it('runs an environment image only on the engines it was built on', async () => {
    const runner = spreadOver([engineHost(), second.host]) as EngineSpread;
    try {
      // As SpreadEnvironments records a build that held on the second engine only.
      runner.recordImage('localhost/self-heal-env:built-on-one', new Map([[1, TEST_IMAGE]]));
      const results = await mapWithLimit([1, 2, 3], 3, (n) =>
        runner.run({ files: { 'main.py': `print(${n})\n` }, entry: 'main.py', image: 'localhost/self-heal-env:built-on-one', limits: limits() }),
      );
      assert.deepStrictEqual(results.map((r) => [r.exitCode, r.engine.host, r.engine.image]), [1, 2, 3].map(() => [0, second.host, TEST_IMAGE]));
    } finally {
      await runner.dispose();
    }
  });

  it('self-heal run takes --docker-host twice and says which engine ran each file', async () => {
    const dir = makeTree({ 'a.py': 'print("a")\n', 'b.py': 'print("b")\n' });
    try {
      const flags = ['--image', TEST_IMAGE, '--docker-host', engineHost(), '--docker-host', second.host];
      const json = await cli(['run', 'a.py', 'b.py', '--json', ...flags], { cwd: dir });
      const files = JSON.parse(json.stdout).files as Array<{ stdout: string; engine: { host: string } }>;
      assert.deepStrictEqual(files.map((f) => f.stdout), ['a\n', 'b\n']);
      assert.deepStrictEqual(new Set(files.map((f) => f.engine.host)), new Set([engineHost(), second.host]));
      const text = await cli(['run', 'a.py', ...flags], { cwd: dir });
      assert.match(text.stdout + text.stderr, new RegExp(`✓ a\\.py: .* at unix://`));
    } finally {
      removeTree(dir);
    }
  });

  it('self-heal run warns on stderr about an engine that does not answer and runs on the other', async () => {
    const dir = makeTree({ 'a.py': 'print("a")\n' });
    try {
      const missing = 'unix:///nonexistent/self-heal-engine.sock';
      const run = await cli(['run', 'a.py', '--json', '--image', TEST_IMAGE, '--docker-host', missing, '--docker-host', engineHost()], { cwd: dir });
      const [file] = JSON.parse(run.stdout).files as Array<{ exitCode: number; engine: { host: string } }>;
      assert.deepStrictEqual([run.status, file.exitCode, file.engine.host], [0, 0, engineHost()]);
      assert.match(run.stderr, new RegExp(`^self-heal: warning: the engine at ${missing} failed \\(No Docker or Podman engine answered at ${missing}; .*pass --docker-host or set DOCKER_HOST\\.\\); it is left out for 30 s and the other engine takes its runs\\.$`, 'm'));
    } finally {
      removeTree(dir);
    }
  });
});
