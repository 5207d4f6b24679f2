// Part of the benchmarks: a one-shot `self-heal run FILE` (a fresh CLI process: start, connect,
// container, result, removal), the same with a resident runner started (`self-heal resident
// start`: the run goes to its warm containers), and the engine's own `run --rm` of the same file
// with the same limits, interleaved round by round so machine noise falls on all alike.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_LIMITS } from '../src/core/run/limits';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
/** The engine's command line (podman here; docker where that is the engine). */
const ENGINE_CLI = process.env.SELF_HEAL_ENGINE_CLI ?? 'podman';

export interface OneShotFigures {
  cliP50: number;
  residentP50: number;
  engineP50: number;
  rounds: number;
}

function timedSpawn(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): number {
  const started = process.hrtime.bigint();
  const done = spawnSync(command, args, { cwd, encoding: 'utf8', env });
  if (done.status !== 0 || done.stdout !== 'one shot\n') throw new Error(`${command} ${args.join(' ')} failed (${done.status}): ${done.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The sandbox's limits and hardening as the engine's own flags (src/sandbox/containerSpec.ts). */
function engineRunArgs(image: string, folder: string): string[] {
  const { memoryBytes, cpus, processes } = DEFAULT_LIMITS;
  return [
    'run', '--rm', '-i', '--network', 'none', '--read-only', '--user', '65534:65534', '--cap-drop', 'ALL',
    '--security-opt', 'no-new-privileges', '--memory', String(memoryBytes), '--memory-swap', String(memoryBytes),
    '--cpus', String(cpus), '--pids-limit', String(processes), '--tmpfs', '/tmp:rw,nosuid,nodev,size=64m',
    '--log-driver', 'none', '-v', `${folder}:/app:ro`, '-w', '/app', image, 'python3', 'main.py',
  ];
}

export function compareOneShot(image: string, rounds: number): OneShotFigures {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: build first (node esbuild.js --production)`);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'self-heal-oneshot-'));
  fs.chmodSync(folder, 0o755);
  fs.writeFileSync(path.join(folder, 'main.py'), 'print("one shot")\n', { mode: 0o644 });
  // The resident runner's socket in a folder of this benchmark's own, so a user's runner is left alone.
  const runtime = fs.mkdtempSync(path.join(os.tmpdir(), 'self-heal-oneshot-resident-'));
  const direct = { ...process.env, SELF_HEAL_RESIDENT_DIR: runtime, SELF_HEAL_RESIDENT: '0' };
  const resident = { ...process.env, SELF_HEAL_RESIDENT_DIR: runtime };
  const run = ['run', 'main.py', '--image', image];
  const cli: number[] = [];
  const withResident: number[] = [];
  const engine: number[] = [];
  try {
    const started = spawnSync(process.execPath, [CLI, 'resident', 'start'], { cwd: folder, env: resident, encoding: 'utf8' });
    if (started.status !== 0) throw new Error(`self-heal resident start failed: ${started.stderr}`);
    timedSpawn(process.execPath, [CLI, ...run], folder, direct); // first contact outside the measurement
    timedSpawn(process.execPath, [CLI, ...run], folder, resident); // the runner's pool fills for this shape
    for (let round = 0; round < rounds; round++) {
      cli.push(timedSpawn(process.execPath, [CLI, ...run], folder, direct));
      withResident.push(timedSpawn(process.execPath, [CLI, ...run], folder, resident));
      engine.push(timedSpawn(ENGINE_CLI, engineRunArgs(image, folder), folder));
    }
  } finally {
    spawnSync(process.execPath, [CLI, 'resident', 'stop'], { cwd: folder, env: resident });
    fs.rmSync(folder, { recursive: true, force: true });
    fs.rmSync(runtime, { recursive: true, force: true });
  }
  return { cliP50: median(cli), residentP50: median(withResident), engineP50: median(engine), rounds };
}

export function oneShotLines(image: string, figures: OneShotFigures): string[] {
  const row = (label: string, ms: number) => `  ${label.padEnd(48)} p50 ${ms.toFixed(0)} ms`;
  return [
    `one-shot run of a file, ${figures.rounds} rounds interleaved, image ${image}, default limits`,
    row('self-heal run main.py (fresh CLI process)', figures.cliP50),
    row('self-heal run main.py, resident runner started', figures.residentP50),
    row(`${ENGINE_CLI} run --rm, same limits`, figures.engineP50),
    `  self-heal / ${ENGINE_CLI}: ${(figures.cliP50 / figures.engineP50).toFixed(2)}x without a resident runner, ${(figures.residentP50 / figures.engineP50).toFixed(2)}x with one (goal: at most 1.0x)`,
  ];
}
