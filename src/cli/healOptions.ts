// Turns `self-heal heal` flags into heal options: the run flags plus attempts, writing and the model.
import { API_KINDS, DEFAULT_MODEL_SETTINGS, type ApiKind, type ModelSettings } from '../core/model/modelTypes';
import { DEFAULT_MAX_ATTEMPTS } from '../core/heal/healFile';
import { flagTable, flagValue, UsageError, type ParsedArgs } from './cliArgs';
import { RUN_FLAGS, runOptionsFrom, type RunOptions } from './runOptions';

/** The model flags `heal` and `test --heal` share beyond the basic ones. */
export const MODEL_VALUE_FLAGS = ['api-kind', 'api-version', 'token-budget'];

export const HEAL_FLAGS = {
  ...RUN_FLAGS,
  ...flagTable({
    switch: ['no-llm', 'no-rules', 'write', 'keep-partial', 'allow-install', 'allow-source-builds', 'tests'],
    value: ['max-attempts', 'model', 'base-url', 'model-timeout', 'temperature', 'max-tokens', 'install-network', ...MODEL_VALUE_FLAGS],
  }),
};

export interface HealCliOptions extends RunOptions {
  maxAttempts: number;
  /** Off only to measure a model on its own. */
  rules: boolean;
  write: boolean;
  keepPartial: boolean;
  /** The network pip uses while installing requirements into an environment image. */
  installNetwork: 'bridge' | 'host';
  /** Fixes may add plain requirements to requirements.txt / pyproject.toml and have them installed. */
  allowInstall: boolean;
  /** Let pip build source archives for the environment (runs the packages' build code). Default: wheels only. */
  allowSourceBuilds: boolean;
  /** Absent when the model tier is off (--no-llm, or no key and no base URL). */
  model?: ModelSettings;
  /** Why the model tier is off, when it is. */
  modelOffReason?: string;
  /** Most model tokens one heal may use (--token-budget); 0: no cap. */
  tokenBudget: number;
}

export function healOptionsFrom(args: ParsedArgs, env: NodeJS.ProcessEnv): HealCliOptions {
  const run = runOptionsFrom(args);
  const text = (name: string): string | undefined => flagValue(args, name);
  const attemptsText = text('max-attempts');
  const maxAttempts = attemptsText === undefined ? DEFAULT_MAX_ATTEMPTS : Number(attemptsText);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 20) {
    throw new UsageError(`--max-attempts must be a whole number from 1 to 20, not "${attemptsText}"`);
  }
  const baseUrl = text('base-url') ?? (env.OPENAI_BASE_URL || undefined);
  if (baseUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(baseUrl)) throw new UsageError(`--base-url must be an http(s) URL, not "${baseUrl}"`);
  const timeoutText = text('model-timeout');
  const timeoutSeconds = timeoutText === undefined ? DEFAULT_MODEL_SETTINGS.timeoutMs / 1000 : Number(timeoutText);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new UsageError(`--model-timeout must be a positive number of seconds, not "${timeoutText}"`);
  const temperatureText = text('temperature');
  const temperature = temperatureText === undefined ? DEFAULT_MODEL_SETTINGS.temperature : Number(temperatureText);
  if (temperatureText?.trim() === '' || !Number.isFinite(temperature) || temperature < 0 || temperature > 2) throw new UsageError(`--temperature must be a number from 0 to 2, not "${temperatureText}"`);
  const maxTokensText = text('max-tokens');
  const maxTokens = maxTokensText === undefined ? DEFAULT_MODEL_SETTINGS.maxTokens : Number(maxTokensText);
  if (!Number.isInteger(maxTokens) || maxTokens < 1) throw new UsageError(`--max-tokens must be a whole number of at least 1, not "${maxTokensText}"`);
  const budgetText = text('token-budget');
  const tokenBudget = budgetText === undefined ? 0 : Number(budgetText);
  if (budgetText?.trim() === '' || !Number.isInteger(tokenBudget) || tokenBudget < 0) throw new UsageError(`--token-budget must be a whole number of tokens (0 for no cap), not "${budgetText}"`);
  const apiKind = text('api-kind') ?? 'auto';
  if (!API_KINDS.includes(apiKind as ApiKind)) throw new UsageError(`--api-kind must be one of ${API_KINDS.join(', ')}, not "${apiKind}"`);
  const apiVersion = text('api-version') ?? (env.OPENAI_API_VERSION || undefined);
  const installNetwork = text('install-network') ?? 'bridge';
  if (installNetwork !== 'bridge' && installNetwork !== 'host') throw new UsageError(`--install-network must be bridge or host, not "${installNetwork}"`);
  const options: HealCliOptions = {
    ...run, maxAttempts, rules: !args.flags.has('no-rules'), write: args.flags.has('write'), keepPartial: args.flags.has('keep-partial'), installNetwork,
    allowInstall: args.flags.has('allow-install'),
    allowSourceBuilds: args.flags.has('allow-source-builds'),
    tokenBudget,
  };
  if (args.flags.has('no-llm')) return { ...options, modelOffReason: 'off (--no-llm)' };
  if (!modelKeyOf(env) && baseUrl === undefined) {
    return { ...options, modelOffReason: 'off: set OPENAI_API_KEY or pass --base-url to let a model propose fixes; rule-based fixes still run' };
  }
  const model = text('model') ?? (env.SELF_HEAL_MODEL || DEFAULT_MODEL_SETTINGS.model);
  const settings: ModelSettings = { ...DEFAULT_MODEL_SETTINGS, model, baseUrl, temperature, maxTokens, timeoutMs: timeoutSeconds * 1000, apiKind: apiKind as ApiKind, ...(apiVersion ? { apiVersion } : {}) };
  return { ...options, model: settings };
}

/** The key for the model: OPENAI_API_KEY, or AZURE_OPENAI_API_KEY as Azure's own tools name it. */
export function modelKeyOf(env: NodeJS.ProcessEnv): string | undefined {
  return env.OPENAI_API_KEY || env.AZURE_OPENAI_API_KEY || undefined;
}
