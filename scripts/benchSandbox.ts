// Benchmark (not a test): p50/p95 of a cold sandbox run, a warm one, and a bare interpreter start,
// interleaved round by round so that machine noise falls on all three alike.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { DEFAULT_LIMITS } from '../src/core/run/limits';
import type { RunResult } from '../src/core/run/runTypes';
import { DockerSandbox } from '../src/sandbox/dockerSandbox';
import { compareOneShot, oneShotLines } from './oneShotComparison';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const IMAGE = process.env.SELF_HEAL_TEST_IMAGE ?? 'python:3.11-slim';
// The interpreter itself, not a version-manager shim that adds its own start-up.
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const request = { files: { 'main.py': 'pass\n' }, entry: 'main.py', limits: DEFAULT_LIMITS };

async function timed(work: () => Promise<RunResult | void>): Promise<number> {
  const started = process.hrtime.bigint();
  const result = await work();
  if (result && (result.reason !== 'exited' || result.exitCode !== 0)) throw new Error(`run failed: ${JSON.stringify(result)}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const cold = new DockerSandbox({ image: IMAGE, warmContainers: 0 });
  const warm = new DockerSandbox({ image: IMAGE, warmContainers: 1 });
  const times = { bare: [] as number[], cold: [] as number[], warm: [] as number[] };
  try {
    await cold.run(request); // connect and check the image once, outside the measurement
    await warm.run(request);
    for (let round = 0; round < ROUNDS; round++) {
      times.bare.push(await timed(async () => void spawnSync(PYTHON, ['-c', 'pass'])));
      times.cold.push(await timed(() => cold.run(request)));
      await new Promise((resolve) => setTimeout(resolve, 600)); // let the pool have its container ready
      times.warm.push(await timed(() => warm.run(request)));
    }
  } finally {
    await Promise.all([cold.dispose(), warm.dispose()]);
  }
  const p50 = (k: keyof typeof times) => percentile(times[k], 50);
  const row = (name: string, k: keyof typeof times) =>
    `${name.padEnd(34)} ${p50(k).toFixed(1).padStart(8)} ${percentile(times[k], 95).toFixed(1).padStart(8)}`;
  console.log(`sandbox start-up, ${ROUNDS} rounds, image ${IMAGE}, program "pass"`);
  console.log(`${'what'.padEnd(34)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}`);
  console.log(row(`bare ${PYTHON} -c pass`, 'bare'));
  console.log(row('cold run (create+start+run)', 'cold'));
  console.log(row('warm run (container ready)', 'warm'));
  console.log(`warm p50 / bare p50: ${(p50('warm') / p50('bare')).toFixed(2)}x (goal: at most 2x)`);
  console.log(`cold p50 / bare p50: ${(p50('cold') / p50('bare')).toFixed(2)}x; cold p50 ${(p50('cold') / 1000).toFixed(3)} s (goal: under 0.6 s)`);
  console.log('');
  for (const line of oneShotLines(IMAGE, compareOneShot(IMAGE, Math.min(ROUNDS, 15)))) console.log(line);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
