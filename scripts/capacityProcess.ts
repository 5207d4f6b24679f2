// Runs the CLI as its own process and watches it from outside, as a user's machine would see it:
// each stderr line with its arrival time, the process's peak resident memory (VmHWM in
// /proc/PID/status, the kernel's own high-water mark, read while it runs), its CPU time
// (/proc/PID/stat), the machine's busy CPU share (/proc/stat) and its load (/proc/loadavg). Linux only.
import { spawn } from 'child_process';
import * as fs from 'fs';

export interface TimedLine {
  text: string;
  atMs: number;
}

export interface WatchedRun {
  exitCode: number | null;
  /** True when the deadline passed and the process was stopped. */
  killedAtDeadline: boolean;
  wallMs: number;
  stderrLines: TimedLine[];
  stdoutBytes: number;
  peakRssKb: number;
  cpuMs: number;
  machineBusy: number;
  load: { start: number; end: number; max: number };
}

const SAMPLE_MS = 50;
// utime and stime are in clock ticks; Linux reports them at 100 per second (USER_HZ) on every common build.
const TICK_MS = 10;

export function loadAverage(): number {
  return Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

/** Busy and total CPU ticks of the whole machine since boot (iowait counts as idle). */
export function machineTicks(): { busy: number; total: number } {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - fields[3] - fields[4], total };
}

function statusKb(pid: number, field: string): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined; // the process has just ended
  }
}

function cpuMsOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and brackets: fields are counted after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

/** Runs `command args` in `cwd` and watches it until it ends, or stops it (by its pid) once `deadlineMs` has passed. */
export function watchProcess(command: string, args: readonly string[], cwd: string, deadlineMs = Infinity): Promise<WatchedRun> {
  const startTicks = machineTicks();
  const load = { start: loadAverage(), end: 0, max: loadAverage() };
  const started = process.hrtime.bigint();
  const since = (): number => Number(process.hrtime.bigint() - started) / 1e6;
  const child = spawn(command, [...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${command} did not start`);
  const stderrLines: TimedLine[] = [];
  let partial = '';
  let stdoutBytes = 0;
  let peakRssKb = 0;
  let cpuMs = 0;
  child.stdout.on('data', (chunk: Buffer) => (stdoutBytes += chunk.length));
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    const atMs = since();
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const text of parts) stderrLines.push({ text, atMs });
  });
  const sample = (): void => {
    peakRssKb = Math.max(peakRssKb, statusKb(pid, 'VmHWM') ?? 0);
    cpuMs = cpuMsOf(pid) ?? cpuMs;
    load.max = Math.max(load.max, loadAverage());
  };
  const sampler = setInterval(sample, SAMPLE_MS);
  let killedAtDeadline = false;
  // A process that stops progressing must not hold the benchmark for ever.
  // SIGTERM first, so the CLI can cancel its runs and remove its containers; SIGKILL if that hangs too.
  const stop = (): void => {
    killedAtDeadline = child.kill('SIGTERM');
    setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), 15_000).unref();
  };
  const deadline = Number.isFinite(deadlineMs) ? setTimeout(stop, deadlineMs) : undefined;
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearInterval(sampler);
      clearTimeout(deadline);
      const wallMs = since();
      const endTicks = machineTicks();
      if (partial) stderrLines.push({ text: partial, atMs: wallMs });
      load.end = loadAverage();
      load.max = Math.max(load.max, load.end);
      const machineBusy = (endTicks.busy - startTicks.busy) / Math.max(1, endTicks.total - startTicks.total);
      resolve({ exitCode, killedAtDeadline, wallMs, stderrLines, stdoutBytes, peakRssKb, cpuMs, machineBusy, load });
    });
  });
}
