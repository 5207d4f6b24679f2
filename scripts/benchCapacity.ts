// Benchmark (not a test): how many small programs one engine on this machine runs per second through
// the CLI, at each parallelism. Every figure comes from outside the Self-Heal process, as a user
// sees it: `self-heal run FILE... --parallel N` over generated programs (scripts/capacityPrograms.ts),
// each summary line timed as it arrives, memory and CPU read from /proc while the process runs.
// Usage: node out/scripts/benchCapacity.js [--programs 500] [--parallel 1,2,4,8] [--seed capacity]
//   [--row-deadline SEC] (default 3600: a CLI run still going then is stopped and the benchmark fails)
//   [--raw FILE] (every summary line with its time, per parallelism, as JSON, to recompute figures later)
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { flagTable, flagValue, parseArgs } from '../src/cli/cliArgs';
import { capacityRow, capacityTable, latencies, parallelList, parseSummaryLine, type CapacityRow, type Completion } from './capacityFigures';
import { capacityPrograms, type CapacityProgram } from './capacityPrograms';
import { loadAverage, watchProcess, type WatchedRun } from './capacityProcess';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const IMAGE = process.env.SELF_HEAL_TEST_IMAGE ?? 'python:3.11-slim';

interface BenchOptions {
  programs: number;
  parallel: number[];
  seed: string;
  raw?: string;
  rowDeadlineMs: number;
}

function optionsFrom(argv: readonly string[]): BenchOptions {
  const parsed = parseArgs(argv, flagTable({ value: ['programs', 'parallel', 'seed', 'raw', 'row-deadline'] }));
  const programs = Number(flagValue(parsed, 'programs') ?? 500);
  if (!Number.isInteger(programs) || programs < 1) throw new Error('--programs takes a whole number of at least 1');
  const rowDeadline = Number(flagValue(parsed, 'row-deadline') ?? 3600);
  if (!(rowDeadline > 0)) throw new Error('--row-deadline takes a number of seconds');
  return { programs, parallel: parallelList(flagValue(parsed, 'parallel') ?? '1,2,4,8'), seed: flagValue(parsed, 'seed') ?? 'capacity', raw: flagValue(parsed, 'raw'), rowDeadlineMs: rowDeadline * 1000 };
}

function writePrograms(folder: string, programs: readonly CapacityProgram[]): void {
  for (const program of programs) fs.writeFileSync(path.join(folder, program.file), program.text, { mode: 0o644 });
}

function cliArgs(files: readonly string[], parallel: number): string[] {
  return [CLI, 'run', ...files, '--parallel', String(parallel), '--image', IMAGE];
}

/** Each program's summary line, checked against how it must end; any other ending stops the benchmark. */
function checkedCompletions(run: WatchedRun, programs: readonly CapacityProgram[]): Completion[] {
  if (run.killedAtDeadline) throw new Error(`self-heal run was still going after ${(run.wallMs / 1000).toFixed(0)} s and was stopped; last lines:\n${run.stderrLines.slice(-3).map((l) => l.text).join('\n')}`);
  const byFile = new Map(programs.map((p) => [p.file, p]));
  const completions: Completion[] = [];
  run.stderrLines.forEach((line, index) => {
    const completion = parseSummaryLine(line.text, line.atMs, new Set(byFile.keys()));
    if (!completion) return;
    const program = byFile.get(completion.file);
    const before = run.stderrLines[index - 1]?.text ?? '';
    const wrong =
      completion.exitCode !== program?.expectedExit ||
      completion.ok !== (program.expectedExit === 0) ||
      (program.expectedError !== undefined && !before.startsWith(`${program.expectedError}:`));
    if (wrong) throw new Error(`${completion.file} ended unexpectedly: ${before} / ${line.text}`);
    completions.push(completion);
  });
  if (completions.length !== programs.length) throw new Error(`${completions.length} summary lines for ${programs.length} programs:\n${run.stderrLines.slice(-5).map((l) => l.text).join('\n')}`);
  const expectedStatus = programs.some((p) => p.expectedExit !== 0) ? 1 : 0;
  if (run.exitCode !== expectedStatus) throw new Error(`self-heal run exited ${run.exitCode}, not ${expectedStatus}`);
  return completions;
}

async function measure(folder: string, programs: readonly CapacityProgram[], parallel: number, deadlineMs: number): Promise<{ row: CapacityRow; engine: string; completions: Completion[] }> {
  const files = programs.map((p) => p.file);
  const run = await watchProcess(process.execPath, cliArgs(files, parallel), folder, deadlineMs);
  const completions = checkedCompletions(run, programs);
  const engine = /\(([^,)]+)/.exec(run.stderrLines.find((l) => parseSummaryLine(l.text, 0, new Set(files)))?.text ?? '')?.[1] ?? 'unknown';
  const fields = { parallel, programs: programs.length, wallMs: run.wallMs, peakRssKb: run.peakRssKb, cliCpuMs: run.cpuMs, machineBusy: run.machineBusy, load: run.load };
  return { row: capacityRow(fields, completions, latencies(files, completions, parallel)), engine, completions };
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: build first (node esbuild.js --production)`);
  const options = optionsFrom(process.argv.slice(2));
  const programs = capacityPrograms(options.programs, options.seed);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'self-heal-bench-capacity-'));
  const rows: CapacityRow[] = [];
  const raw: Record<string, Completion[]> = {};
  let engine = 'unknown';
  try {
    writePrograms(folder, programs);
    // First contact outside the measurement: the engine service up, the image checked once.
    await watchProcess(process.execPath, cliArgs([programs[0].file], 1), folder);
    for (const parallel of options.parallel) {
      const measured = await measure(folder, programs, parallel, options.rowDeadlineMs);
      rows.push(measured.row);
      engine = measured.engine;
      raw[String(parallel)] = measured.completions;
      if (options.raw) fs.writeFileSync(options.raw, JSON.stringify({ seed: options.seed, programs: programs.length, rows, raw }, null, 1));
      console.error(`--parallel ${parallel}: ${(measured.row.wallMs / 1000).toFixed(1)} s`);
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  const kinds = (['print', 'compute', 'raise'] as const).map((kind) => `${programs.filter((p) => p.kind === kind).length} ${kind}`).join(', ');
  console.log(`${new Date().toISOString()}, commit ${commit()}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, load now ${loadAverage().toFixed(2)}`);
  console.log(`${engine}, image ${IMAGE}, default limits; ${programs.length} programs (seed "${options.seed}": ${kinds}), named one by one to self-heal run`);
  console.log('');
  for (const line of capacityTable(rows)) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
