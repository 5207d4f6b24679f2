// Benchmark (not a test): how many broken programs the rule-based fixes heal on their own, and the
// time from the first run to a verified heal, per class of defect. Programs: test/fixtures/heal-bench.
import * as fs from 'fs';
import * as path from 'path';
import { healFile } from '../src/core/heal/healFile';
import type { FileHealRecord } from '../src/core/heal/ledger';
import { DEFAULT_LIMITS } from '../src/core/run/limits';
import { PROOF_QUIET_MS, warmContainersFor } from '../src/core/run/parallel';
import type { RunRequest, RunResult } from '../src/core/run/runTypes';
import { DockerSandbox } from '../src/sandbox/dockerSandbox';
import { compareOneShot, oneShotLines } from './oneShotComparison';

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
  // The pool the editor keeps, filled between programs as between a user's heals, so each heal
  // starts as it would in a warm editor.
  const sandbox = new DockerSandbox({ image: IMAGE, warmContainers: warmContainersFor(1, 1, true), quietAfterRunMs: PROOF_QUIET_MS });
  let runs = 0;
  let coldRuns = 0;
  const counted = {
    run: async (request: RunRequest): Promise<RunResult> => {
      const result = await sandbox.run(request);
      runs++;
      if (!result.engine.warm) coldRuns++;
      return result;
    },
    dispose: () => sandbox.dispose(),
  };
  /** From the end of the failing run to the end of the re-run that proved the fix (fixes are computed in-process). */
  const proofTimes: number[] = [];
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
        await sandbox.warmed();
        const record = await healFile({ files: { [program]: text }, entry: program }, { runner: counted, limits });
        records.push(record);
        if (record.outcome === 'healed' && record.attempts.length === 1) proofTimes.push(record.attempts[0].durationMs);
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
  const proofP50 = median(proofTimes);
  console.log(`\nfailing run -> verified re-run, heals proven by their first fix: p50 ${proofP50.toFixed(0)} ms over ${proofTimes.length} heals (goal: under 150 ms); ${coldRuns} of ${runs} runs waited for a cold container`);
  console.log('');
  for (const line of oneShotLines(IMAGE, compareOneShot(IMAGE, 10))) console.log(line);
  if (misses.length > 0) console.log(`\nnot healed by rules:\n${misses.map((m) => `- ${m}`).join('\n')}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
