// The extension's settings as one typed object. Pure: the editor side passes a getter.
import { DEFAULT_LIMITS, NETWORK_MODES, parseSize } from '../run/limits';
import type { NetworkMode, OutputOverflow, RunLimits } from '../run/runTypes';

export interface SelfHealSettings {
  dockerHost: string | undefined;
  image: string;
  limits: RunLimits;
  /** Past the output limit: stop the program, or let it run with the rest of its output discarded. */
  outputOverflow: OutputOverflow;
  parallelRuns: number;
  runner: 'docker' | 'local';
  pythonPath: string;
  model: { baseUrl: string; name: string; temperature: number; maxTokens: number; timeoutMs: number };
  fix: { maxAttempts: number; ruleBased: boolean; ai: boolean; aiCodeActions: boolean; applyMode: 'preview' | 'auto' };
  /** Glob of the files Run & Self-Heal: Workspace looks at. */
  workspaceInclude: string;
  /** Source builds run a package's own code while its environment is built: off unless the user allows it. */
  environment: { allowSourceBuilds: boolean };
  /** Values that could not be used (the default was taken instead), in words for the log. */
  problems: string[];
}

/** Reads `selfHeal.<key>`; returns undefined when unset. */
export type SettingGetter = (key: string) => unknown;

export function settingsFrom(get: SettingGetter): SelfHealSettings {
  const problems: string[] = [];
  const text = (key: string, fallback: string): string => {
    const value = get(key);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
  };
  const number = (key: string, fallback: number, min: number): number => {
    const value = get(key);
    if (value === undefined) return fallback;
    if (typeof value === 'number' && Number.isFinite(value) && value >= min) return value;
    problems.push(`selfHeal.${key} must be a number of at least ${min}; using ${fallback}`);
    return fallback;
  };
  const size = (key: string, fallback: number, shown: string): number => {
    const value = get(key);
    if (value === undefined || value === '') return fallback;
    const bytes = typeof value === 'string' ? parseSize(value) : undefined;
    if (bytes !== undefined) return bytes;
    problems.push(`selfHeal.${key} must be a size such as 256m or 1g; using ${shown}`);
    return fallback;
  };
  const choice = <T extends string>(key: string, options: readonly T[], fallback: T): T => {
    const value = get(key);
    return options.includes(value as T) ? (value as T) : fallback;
  };
  const flag = (key: string, fallback: boolean): boolean => {
    const value = get(key);
    return typeof value === 'boolean' ? value : fallback;
  };
  const dockerHost = text('docker.host', '');
  return {
    dockerHost: dockerHost === '' ? undefined : dockerHost,
    image: text('image', 'python:3.11-slim'),
    limits: {
      timeoutMs: number('timeoutSeconds', DEFAULT_LIMITS.timeoutMs / 1000, 0.1) * 1000,
      memoryBytes: size('memory', DEFAULT_LIMITS.memoryBytes, '512m'),
      cpus: number('cpus', DEFAULT_LIMITS.cpus, 0.01),
      processes: Math.floor(number('processes', DEFAULT_LIMITS.processes, 8)),
      network: choice<NetworkMode>('network', NETWORK_MODES, 'none'),
      outputLimitBytes: size('outputLimit', DEFAULT_LIMITS.outputLimitBytes, '1m'),
    },
    outputOverflow: choice<OutputOverflow>('outputOverflow', ['stop', 'discard'], 'stop'),
    parallelRuns: Math.floor(number('parallelRuns', 2, 1)),
    runner: choice('runner', ['docker', 'local'] as const, 'docker'),
    pythonPath: text('pythonPath', 'python3'),
    model: {
      baseUrl: text('model.baseUrl', 'https://api.openai.com/v1'),
      name: text('model.name', 'gpt-4o-mini'),
      temperature: number('model.temperature', 0, 0),
      maxTokens: Math.floor(number('model.maxTokens', 4096, 1)),
      timeoutMs: number('model.timeoutSeconds', 60, 1) * 1000,
    },
    fix: {
      maxAttempts: Math.floor(number('fix.maxAttempts', 3, 1)),
      ruleBased: flag('fix.ruleBased', true),
      ai: flag('fix.ai', true),
      aiCodeActions: flag('fix.aiCodeActions', true),
      applyMode: choice('fix.applyMode', ['preview', 'auto'] as const, 'preview'),
    },
    workspaceInclude: text('workspace.include', '**/*.py'),
    environment: { allowSourceBuilds: flag('environment.allowSourceBuilds', false) },
    problems,
  };
}

/** The settings whose change means the runner must be made anew. */
export const RUNNER_SETTINGS = ['selfHeal.docker.host', 'selfHeal.image', 'selfHeal.runner', 'selfHeal.pythonPath'];
