// Run limits: defaults, and sizes written the way Docker writes them ("64m", "1g").
import type { NetworkMode, RunLimits } from './runTypes';

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<RunLimits> = {
  timeoutMs: 30_000,
  memoryBytes: 512 * MiB,
  cpus: 1,
  processes: 128,
  network: 'none',
  outputLimitBytes: 1 * MiB,
};

/** The smallest memory limit Docker accepts. */
export const MIN_MEMORY_BYTES = 6 * MiB;

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: MiB, g: 1024 * MiB };

/** Parses "512m", "1g", "65536" (bytes). Returns undefined for anything else. */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([bkmg]?)b?$/i.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const bytes = Math.floor(Number(match[1]) * UNITS[match[2].toLowerCase()]);
  return Number.isFinite(bytes) && bytes > 0 ? bytes : undefined;
}

export function formatSize(bytes: number): string {
  if (bytes % (1024 * MiB) === 0) return `${bytes / (1024 * MiB)}g`;
  if (bytes % MiB === 0) return `${bytes / MiB}m`;
  if (bytes % 1024 === 0) return `${bytes / 1024}k`;
  return `${bytes}b`;
}

/** Bytes for people: "8 MiB", "4 KiB", "100 bytes". */
export function describeBytes(bytes: number): string {
  if (bytes >= MiB) return `${+(bytes / MiB).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** Seconds for people: "30 s", "2.5 s". */
export function describeSeconds(ms: number): string {
  return `${+(ms / 1000).toFixed(2)} s`;
}

/** The limits a program can run into and be stopped at, named as people say them. */
export type LimitName = 'time' | 'output' | 'memory';

/** The limits with one of them multiplied ("Run again with 2x the limit"). */
export function raisedLimits(limits: RunLimits, limit: LimitName, factor: number): RunLimits {
  switch (limit) {
    case 'time':
      return { ...limits, timeoutMs: limits.timeoutMs * factor };
    case 'output':
      return { ...limits, outputLimitBytes: Math.round(limits.outputLimitBytes * factor) };
    case 'memory':
      return { ...limits, memoryBytes: Math.round(limits.memoryBytes * factor) };
  }
}

export const NETWORK_MODES: readonly NetworkMode[] = ['none', 'bridge', 'host'];

/** Returns a problem with the limits in words, or undefined when they are usable. */
export function checkLimits(limits: RunLimits): string | undefined {
  if (!(limits.timeoutMs > 0)) return 'the timeout must be more than 0 seconds';
  if (!(limits.memoryBytes >= MIN_MEMORY_BYTES)) return `the memory limit must be at least ${formatSize(MIN_MEMORY_BYTES)}`;
  if (!(limits.cpus > 0)) return 'the CPU limit must be more than 0';
  if (!(Number.isInteger(limits.processes) && limits.processes >= 8)) return 'the process limit must be a whole number of at least 8';
  if (!(limits.outputLimitBytes >= 1024)) return 'the output limit must be at least 1k';
  if (!NETWORK_MODES.includes(limits.network)) return `the network must be one of ${NETWORK_MODES.join(', ')}`;
  return undefined;
}
