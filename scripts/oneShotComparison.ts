// Part of the benchmarks: a one-shot `self-heal run FILE` (a fresh CLI process: start, connect,
// container, result, removal) beside the engine's own `run --rm` of the same file with the same
// limits, interleaved round by round so machine noise falls on both alike.
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
  engineP50: number;
  rounds: number;
}

function timedSpawn(command: string, args: string[], cwd: string): number {
  const started = process.hrtime.bigint();
  const done = spawnSync(command, args, { cwd, encoding: 'utf8' });
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
  const cli: number[] = [];
  const engine: number[] = [];
  try {
    timedSpawn(process.execPath, [CLI, 'run', 'main.py', '--image', image], folder); // first contact outside the measurement
    for (let round = 0; round < rounds; round++) {
      cli.push(timedSpawn(process.execPath, [CLI, 'run', 'main.py', '--image', image], folder));
      engine.push(timedSpawn(ENGINE_CLI, engineRunArgs(image, folder), folder));
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  return { cliP50: median(cli), engineP50: median(engine), rounds };
}

export function oneShotLines(image: string, figures: OneShotFigures): string[] {
  return [
    `one-shot run of a file, ${figures.rounds} rounds interleaved, image ${image}, default limits`,
    `  self-heal run main.py (fresh CLI process)   p50 ${figures.cliP50.toFixed(0)} ms`,
    `  ${ENGINE_CLI} run --rm, same limits            p50 ${figures.engineP50.toFixed(0)} ms`,
    `  self-heal / ${ENGINE_CLI}: ${(figures.cliP50 / figures.engineP50).toFixed(2)}x (goal: at most 1.0x)`,
  ];
}
