// Benchmark (not a test): a generated suite of 200 passing pytest tests, run three ways side by side
// in one process, interleaved round by round so machine noise falls on all alike: `self-heal test`
// as a one-shot CLI process, a warm in-process runTests (the editor's case: the pool has a container
// ready), and plain `python3 -m pytest` under the engine's own `run --rm` with the same limits.
// Goal: self-heal at most 1.3x the plain run. Prints medians, the ratios and where the time goes.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_LIMITS } from '../src/core/run/limits';
import type { RunRequest, RunResult } from '../src/core/run/runTypes';
import { collectTestProject } from '../src/core/testing/testProject';
import { runTests } from '../src/core/testing/runTests';
import { DockerSandbox } from '../src/sandbox/dockerSandbox';
import { PYTEST_IMAGE } from '../test/sandbox/testSuiteProjects';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const ENGINE_CLI = process.env.SELF_HEAL_ENGINE_CLI ?? 'podman';
const ROUNDS = Number(process.env.SELF_HEAL_BENCH_ROUNDS ?? 7);
const FILES = 10;
const TESTS_PER_FILE = 20;
const GOAL = 1.3;

/** 10 test files of 20 tests each over a small module: 200 tests that pass. */
function writeSuite(folder: string): void {
  fs.writeFileSync(path.join(folder, 'shapes.py'), 'def area(w, h):\n    return w * h\n\n\ndef perimeter(w, h):\n    return 2 * (w + h)\n');
  fs.mkdirSync(path.join(folder, 'tests'));
  for (let file = 0; file < FILES; file++) {
    const tests = Array.from({ length: TESTS_PER_FILE }, (_, i) => `def test_area_${i}():\n    assert area(${i}, ${file + 1}) == ${i * (file + 1)}\n    assert perimeter(${i}, ${file + 1}) == ${2 * (i + file + 1)}\n`);
    fs.writeFileSync(path.join(folder, 'tests', `test_shapes_${file}.py`), `from shapes import area, perimeter\n\n\n${tests.join('\n\n')}`);
  }
  fs.writeFileSync(path.join(folder, 'pytest.ini'), '[pytest]\ntestpaths = tests\n');
  for (const entry of fs.readdirSync(folder, { recursive: true, encoding: 'utf8' })) fs.chmodSync(path.join(folder, entry), fs.statSync(path.join(folder, entry)).isDirectory() ? 0o755 : 0o644);
}

/** The sandbox's limits and hardening as the engine's own flags, as scripts/oneShotComparison.ts gives them. */
function engineRunArgs(folder: string): string[] {
  const { memoryBytes, cpus, processes } = DEFAULT_LIMITS;
  return [
    'run', '--rm', '--network', 'none', '--read-only', '--user', '65534:65534', '--cap-drop', 'ALL',
    '--security-opt', 'no-new-privileges', '--memory', String(memoryBytes), '--memory-swap', String(memoryBytes),
    '--cpus', String(cpus), '--pids-limit', String(processes), '--tmpfs', '/tmp:rw,nosuid,nodev,size=64m',
    '--log-driver', 'none', '-e', 'PYTHONDONTWRITEBYTECODE=1', '-v', `${folder}:/app:ro`, '-w', '/app', PYTEST_IMAGE,
    'python3', '-m', 'pytest', '-q', '-p', 'no:cacheprovider',
  ];
}

function timed(command: string, args: string[], cwd: string, passed: (stdout: string) => boolean): number {
  const started = process.hrtime.bigint();
  const done = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (done.status !== 0 || !passed(done.stdout)) throw new Error(`${command} ${args.slice(0, 3).join(' ')} failed (${done.status}): ${done.stderr}${done.stdout.slice(-400)}`);
  return ms;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number): string => `${value.toFixed(0)} ms`;

async function main(): Promise<void> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: build first (node esbuild.js --production)`);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'self-heal-bench-tests-'));
  fs.chmodSync(folder, 0o755);
  writeSuite(folder);
  const engineRuns: number[] = [];
  const sandbox = new DockerSandbox({ image: PYTEST_IMAGE, warmContainers: 1 });
  const runner = {
    run: async (request: RunRequest): Promise<RunResult> => {
      const result = await sandbox.run(request);
      engineRuns.push(result.durationMs);
      return result;
    },
    dispose: () => sandbox.dispose(),
  };
  const project = await collectTestProject(folder);
  const limits = { ...DEFAULT_LIMITS, timeoutMs: 60_000 };
  const figures = { cli: [] as number[], warm: [] as number[], plain: [] as number[], sandboxRun: [] as number[] };
  const cliArgs = [CLI, 'test', '--json', '--image', PYTEST_IMAGE];
  const all200 = (stdout: string): boolean => JSON.parse(stdout).totals.passed === FILES * TESTS_PER_FILE;
  try {
    // First contact of each way outside the measurement: images loaded, the pool filled.
    timed(process.execPath, cliArgs, folder, all200);
    timed(ENGINE_CLI, engineRunArgs(folder), folder, (out) => out.includes(`${FILES * TESTS_PER_FILE} passed`));
    await runTests(project, { runner, limits, image: PYTEST_IMAGE });
    for (let round = 0; round < ROUNDS; round++) {
      figures.cli.push(timed(process.execPath, cliArgs, folder, all200));
      figures.plain.push(timed(ENGINE_CLI, engineRunArgs(folder), folder, (out) => out.includes(`${FILES * TESTS_PER_FILE} passed`)));
      await sandbox.warmed();
      const started = process.hrtime.bigint();
      const report = await runTests(project, { runner, limits, image: PYTEST_IMAGE });
      figures.warm.push(Number(process.hrtime.bigint() - started) / 1e6);
      figures.sandboxRun.push(engineRuns[engineRuns.length - 1]);
      if (report.totals.passed !== FILES * TESTS_PER_FILE) throw new Error(`runTests: ${JSON.stringify(report.totals)}`);
    }
  } finally {
    await runner.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  }
  const plain = median(figures.plain);
  console.log(`${FILES * TESTS_PER_FILE} passing tests in ${FILES} files, image ${PYTEST_IMAGE}, default limits, ${ROUNDS} rounds interleaved (medians)`);
  console.log(`  ${ENGINE_CLI} run --rm ... python3 -m pytest -q      ${ms(plain)}`);
  console.log(`  self-heal test (one-shot CLI process)          ${ms(median(figures.cli))}  ${(median(figures.cli) / plain).toFixed(2)}x`);
  console.log(`  runTests in process, warm container           ${ms(median(figures.warm))}  ${(median(figures.warm) / plain).toFixed(2)}x`);
  console.log(`    of which the sandbox run (container start to result) ${ms(median(figures.sandboxRun))}`);
  console.log(`  goal: at most ${GOAL}x the plain run: one-shot ${median(figures.cli) / plain <= GOAL ? 'met' : 'missed'}, warm ${median(figures.warm) / plain <= GOAL ? 'met' : 'missed'}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
