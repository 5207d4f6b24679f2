// The capacity benchmark's arithmetic (scripts/benchCapacity.ts): each program's latency from the
// CLI's per-file summary lines and the order it starts programs in, the percentiles, and the table.
import { percentile } from './agentLoopFigures';

/** One `self-heal run` summary line, e.g. `✗ p0003_raise.py: exited 1 in 0.04 s (Podman Engine 4.3.1, warm)`. */
export interface Completion {
  file: string;
  /** When the line arrived, in ms since the CLI process was started. */
  atMs: number;
  ok: boolean;
  exitCode: number | null;
  /** The run's own time as the CLI reports it: from the job sent to the container until the program's exit. */
  runMs: number | null;
  warm: boolean;
}

const SUMMARY = /^([✓✗■?]) (\S+): (?:exited (\d+) in ([\d.]+) s)?.*?(, warm\))?$/;

/** The summary line of one program, or undefined for any other line (the programs' own stderr). */
export function parseSummaryLine(line: string, atMs: number, files: ReadonlySet<string>): Completion | undefined {
  const match = SUMMARY.exec(line);
  if (!match || !files.has(match[2])) return undefined;
  return {
    file: match[2],
    atMs,
    ok: match[1] === '✓',
    exitCode: match[3] === undefined ? null : Number(match[3]),
    runMs: match[4] === undefined ? null : Number(match[4]) * 1000,
    warm: match[5] !== undefined,
  };
}

/**
 * Each program's latency, from its start to its summary line. The CLI starts programs in the order
 * named, `parallel` at once, and a slot that frees takes the next program at once (core/run/parallel.ts):
 * so program i (i >= parallel) starts when the (i - parallel + 1)-th program ends, whichever that is.
 * The first `parallel` programs start with the process and also pay its start-up and the engine's first
 * contact, so they are left out.
 */
export function latencies(order: readonly string[], completions: readonly Completion[], parallel: number): number[] {
  const endOf = new Map(completions.map((c) => [c.file, c.atMs]));
  const ends = completions.map((c) => c.atMs).sort((a, b) => a - b);
  const result: number[] = [];
  for (let i = parallel; i < order.length; i++) {
    const end = endOf.get(order[i]);
    const start = ends[i - parallel];
    if (end === undefined || start === undefined) throw new Error(`no summary line for ${order[i]}`);
    result.push(end - start);
  }
  return result;
}

export interface CapacityRow {
  parallel: number;
  programs: number;
  wallMs: number;
  /** Nearest-rank percentiles of the latencies (ms). */
  p50: number;
  p95: number;
  /** Median of the runs' own times (job sent to exit, container preparation not included). */
  runP50: number;
  /** Runs that found a started container waiting. */
  warmRuns: number;
  peakRssKb: number;
  /** CPU time of the Self-Heal process itself (user + system). */
  cliCpuMs: number;
  /** Share of the machine's CPU time that was busy during the run (every process, not only ours). */
  machineBusy: number;
  /** /proc/loadavg's 1-minute figure at the start and end of the run, and the highest seen. */
  load: { start: number; end: number; max: number };
}

export function capacityRow(fields: Omit<CapacityRow, 'p50' | 'p95' | 'runP50' | 'warmRuns'>, completions: readonly Completion[], latencyMs: readonly number[]): CapacityRow {
  const runTimes = completions.flatMap((c) => (c.runMs === null ? [] : [c.runMs]));
  return {
    ...fields,
    p50: percentile(latencyMs, 0.5),
    p95: percentile(latencyMs, 0.95),
    runP50: percentile(runTimes, 0.5),
    warmRuns: completions.filter((c) => c.warm).length,
  };
}

export function throughput(row: Pick<CapacityRow, 'programs' | 'wallMs'>): number {
  return row.programs / (row.wallMs / 1000);
}

const s = (ms: number): string => (ms / 1000).toFixed(1);
const msText = (ms: number): string => (Number.isNaN(ms) ? '-' : String(Math.round(ms)));

export function capacityTable(rows: readonly CapacityRow[]): string[] {
  const lines = [
    '| --parallel | programs | wall s | programs/s | p50 ms | p95 ms | run p50 ms | warm runs | peak RSS MB | Self-Heal CPU s | machine CPU busy | load 1m start/max/end |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const row of rows) {
    const load = `${row.load.start.toFixed(2)} / ${row.load.max.toFixed(2)} / ${row.load.end.toFixed(2)}`;
    lines.push(
      `| ${row.parallel} | ${row.programs} | ${s(row.wallMs)} | ${throughput(row).toFixed(2)} | ${msText(row.p50)} | ${msText(row.p95)} | ${msText(row.runP50)} | ${row.warmRuns} | ${(row.peakRssKb / 1024).toFixed(1)} | ${s(row.cliCpuMs)} | ${Math.round(row.machineBusy * 100)}% | ${load} |`,
    );
  }
  return lines;
}

/** `--parallel 1,2,4`: whole numbers of at least 1. */
export function parallelList(text: string): number[] {
  const values = text.split(',').map((part) => Number(part.trim()));
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 1)) throw new Error(`--parallel takes whole numbers of at least 1, such as 1,2,4 (not "${text}")`);
  return values;
}
