// The extension's settings as one typed object. Pure: the editor side passes a getter.
import { DEFAULT_LIMITS, NETWORK_MODES, parseSize } from '../run/limits';
import type { NetworkMode, OutputOverflow, RunLimits } from '../run/runTypes';
import type { PackageIndexSettings } from '../environment/packageIndex';

/** Files a remote engine is reached with, as the user named them: paths, never their contents. */
export interface EngineAccess {
  /** TLS for tcp:// engines: the CA that signed the engine's certificate, and the client's certificate and key. */
  tlsCa?: string;
  tlsCert?: string;
  tlsKey?: string;
  /** An unencrypted private key for ssh:// engines, besides the SSH agent. */
  sshKey?: string;
}

/** selfHeal.model.provider: which model answers; apiKind is a separate choice within openai-compatible. */
export type ModelProviderChoice = 'auto' | 'vscode' | 'openai-compatible';

export interface SelfHealSettings {
  dockerHost: string | undefined;
  /** selfHeal.docker.hosts: two or more spread the runs over those engines, in place of dockerHost. */
  dockerHosts: string[];
  engineAccess: EngineAccess;
  /** The image runs use: the one set, or the default until the project's Python version chose one (core/environment/runImageChoice.ts). */
  image: string;
  /** Whether the user (or a confirmed workspace value) set selfHeal.image: a set image wins over the project's Python version. */
  imageSet: boolean;
  /** selfHeal.imagesByPythonVersion: image by Python series ("3.9"), laid over the official images. */
  imagesByPythonVersion: Record<string, string>;
  limits: RunLimits;
  /** Past the output limit: stop the program, or let it run with the rest of its output discarded. */
  outputOverflow: OutputOverflow;
  parallelRuns: number;
  runner: 'docker' | 'local';
  pythonPath: string;
  model: {
    baseUrl: string; name: string; temperature: number; maxTokens: number; timeoutMs: number;
    /** auto: from the base URL (llm/providerShape.ts). */
    apiKind: 'auto' | 'openai' | 'azure' | 'compatible';
    /** Azure's api-version. */
    apiVersion: string;
    /** Tokens one heal may use before it stops asking the model; 0: no cap. */
    maxTokensPerHeal: number;
    /** Where fixes come from: a VS Code language model, the endpoint above, or the first of them there is (auto). */
    provider: ModelProviderChoice;
    /** The VS Code language model family to ask ("gpt-4o"); empty: the first model VS Code offers. */
    vscodeFamily: string;
  };
  fix: { maxAttempts: number; ruleBased: boolean; ai: boolean; aiCodeActions: boolean; applyMode: 'preview' | 'auto' };
  /** Glob of the files Run & Self-Heal: Workspace looks at. */
  workspaceInclude: string;
  /**
   * Source builds run a package's own code while its environment is built: off unless the user
   * allows it. The package index settings decide where pip looks for the requirements.
   */
  environment: { allowSourceBuilds: boolean } & PackageIndexSettings;
  /** selfHeal.tests.doctests: folders (relative to the workspace folder, `.` for all of it) whose modules' doctests run as tests. */
  tests: { doctests: string[] };
  /** Values that could not be used (the default was taken instead), in words for the log. */
  problems: string[];
}

/** The image when neither the user nor the project's Python version chose one. */
export const DEFAULT_RUN_IMAGE = 'python:3.11-slim';

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
  /** Words pip reads from a whitespace-separated variable: an entry with whitespace inside is left out. */
  const words = (key: string): string[] => {
    const value = get(key);
    if (value === undefined) return [];
    const entries = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter((v) => v !== '') : [];
    const kept = entries.filter((v) => !/\s/.test(v));
    if (!Array.isArray(value) || kept.length < value.length) problems.push(`selfHeal.${key} must be a list of addresses without spaces; using ${JSON.stringify(kept)}`);
    return kept;
  };
  const word = (key: string): string | undefined => {
    const value = text(key, '');
    if (value === '') return undefined;
    if (!/\s/.test(value)) return value;
    problems.push(`selfHeal.${key} must be an address without spaces; using pip's default index`);
    return undefined;
  };
  const dockerHost = text('docker.host', '');
  const image = text('image', '');
  return {
    dockerHost: dockerHost === '' ? undefined : dockerHost,
    dockerHosts: [...new Set(words('docker.hosts'))],
    engineAccess: engineAccessFrom((key) => text(key, '')),
    image: image === '' ? DEFAULT_RUN_IMAGE : image,
    imageSet: image !== '',
    imagesByPythonVersion: imageTable(get('imagesByPythonVersion'), problems),
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
      apiKind: choice('model.apiKind', ['auto', 'openai', 'azure', 'compatible'] as const, 'auto'),
      apiVersion: text('model.apiVersion', '2024-10-21'),
      maxTokensPerHeal: Math.floor(number('model.maxTokensPerHeal', 0, 0)),
      provider: choice<ModelProviderChoice>('model.provider', ['auto', 'vscode', 'openai-compatible'], 'auto'),
      vscodeFamily: text('model.vscodeFamily', ''),
    },
    fix: {
      maxAttempts: Math.floor(number('fix.maxAttempts', 3, 1)),
      ruleBased: flag('fix.ruleBased', true),
      ai: flag('fix.ai', true),
      aiCodeActions: flag('fix.aiCodeActions', true),
      applyMode: choice('fix.applyMode', ['preview', 'auto'] as const, 'preview'),
    },
    workspaceInclude: text('workspace.include', '**/*.py'),
    environment: {
      allowSourceBuilds: flag('environment.allowSourceBuilds', false),
      indexUrl: word('environment.indexUrl'),
      extraIndexUrls: words('environment.extraIndexUrls'),
      trustedHosts: words('environment.trustedHosts'),
    },
    tests: { doctests: folders('tests.doctests', problems, get) },
    problems,
  };
}

/** Workspace-relative folders as given (`.` for all of it; runTests normalizes them and drops any that leave the folder). */
function folders(key: string, problems: string[], get: SettingGetter): string[] {
  const value = get(key);
  if (value === undefined || value === null) return [];
  const entries = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter((v) => v !== '') : [];
  if (!Array.isArray(value) || entries.length < value.length) problems.push(`selfHeal.${key} must be a list of folders; using ${JSON.stringify(entries)}`);
  return entries;
}

/** The entries of selfHeal.imagesByPythonVersion that can be used: a series such as "3.9" naming an image ("" for none). */
function imageTable(value: unknown, problems: string[]): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push('selfHeal.imagesByPythonVersion must be an object such as {"3.9": "python:3.9-slim"}; using the official images');
    return {};
  }
  const table: Record<string, string> = {};
  for (const [key, image] of Object.entries(value)) {
    if (/^\d+\.\d+$/.test(key) && typeof image === 'string') table[key] = image.trim();
    else problems.push(`selfHeal.imagesByPythonVersion: "${key}" must be a Python version such as "3.9" naming an image; it is not used`);
  }
  return table;
}

/** The settings whose change means the runner must be made anew. */
export const RUNNER_SETTINGS = [
  'selfHeal.docker.host', 'selfHeal.docker.hosts', 'selfHeal.docker.tlsCa', 'selfHeal.docker.tlsCert', 'selfHeal.docker.tlsKey', 'selfHeal.docker.sshKey',
  'selfHeal.image', 'selfHeal.imagesByPythonVersion', 'selfHeal.runner', 'selfHeal.pythonPath'];

/** Empty settings stay absent, so the Docker CLI's own places (DOCKER_CERT_PATH, the agent) apply. */
function engineAccessFrom(text: (key: string) => string): EngineAccess {
  const access: EngineAccess = {};
  const set = (field: keyof EngineAccess, key: string): void => {
    const value = text(key).trim();
    if (value !== '') access[field] = value;
  };
  set('tlsCa', 'docker.tlsCa');
  set('tlsCert', 'docker.tlsCert');
  set('tlsKey', 'docker.tlsKey');
  set('sshKey', 'docker.sshKey');
  return access;
}
