// Benchmark (not a test): how many broken programs the rule-based fixes heal on their own, and the
// time from the first run to a verified heal, per class of defect. Programs: test/fixtures/heal-bench.
import * as fs from 'fs';
import * as path from 'path';
import { healFile } from '../src/core/heal/healFile';
import type { FileHealRecord } from '../src/core/heal/ledger';
import { DEFAULT_LIMITS } from '../src/core/run/limits';
import { DockerSandbox } from '../src/sandbox/dockerSandbox';

const IMAGE = process.env.SELF_HEAL_TEST_IMAGE ?? 'python:3.11-slim';
const FIXTURES = path.resolve(__dirname, '../../test/fixtures/heal-bench');
/** The share each class must reach: syntax and standard imports 95%, typos and indentation 90%. */
const GOALS: Record<string, number> = { brackets: 0.95, colons: 0.95, strings: 0.95, imports: 0.95, typos: 0.9, indentation: 0.9 };
const limits = { ...DEFAULT_LIMITS, timeoutMs: 10_000 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main(): Promise<void> {
  const sandbox = new DockerSandbox({ image: IMAGE, warmContainers: 1 });
  const classes = fs.readdirSync(FIXTURES).filter((name) => fs.statSync(path.join(FIXTURES, name)).isDirectory()).sort();
  const rows: string[] = [];
  const misses: string[] = [];
  try {
    await sandbox.run({ files: { 'main.py': 'pass\n' }, entry: 'main.py', limits }); // connect outside the measurement
    for (const name of classes) {
      const programs = fs.readdirSync(path.join(FIXTURES, name)).filter((f) => f.endsWith('.py')).sort();
      const records: FileHealRecord[] = [];
      for (const program of programs) {
        const text = fs.readFileSync(path.join(FIXTURES, name, program), 'utf8');
        const record = await healFile({ files: { [program]: text }, entry: program }, { runner: sandbox, limits });
        records.push(record);
        if (record.outcome !== 'healed') misses.push(`${name}/${program}: ${record.outcome}: ${record.stopReason}${record.lastRun.error ? ` (${record.lastRun.error.type}: ${record.lastRun.error.message})` : ''}`);
      }
      const healed = records.filter((r) => r.outcome === 'healed');
      const share = healed.length / records.length;
      const goal = GOALS[name];
      const verdict = goal === undefined ? '' : share >= goal ? `meets ${goal * 100}%` : `MISSES ${goal * 100}%`;
      rows.push(
        `| ${name} | ${records.length} | ${healed.length} | ${(share * 100).toFixed(0)}% | ${(median(healed.map((r) => r.durationMs)) / 1000).toFixed(2)} s | ${median(healed.map((r) => r.attempts.length))} | ${verdict} |`,
      );
    }
  } finally {
    await sandbox.dispose();
  }
  console.log(`rule-based healing, image ${IMAGE}, no model; time = first run + fixes + verifying re-runs`);
  console.log('| class | programs | healed | share | median time to verified heal | median attempts | goal |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  if (misses.length > 0) console.log(`\nnot healed by rules:\n${misses.map((m) => `- ${m}`).join('\n')}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
