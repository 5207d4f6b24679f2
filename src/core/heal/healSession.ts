// What one program's heal holds while it runs, shared by the loop and its steps: the files with the
// fixes kept so far, the attempts made, and what the model has been told did not hold.
import type { AttemptRecord } from './ledger';
import { NO_TOKENS, type EarlierAttempt, type TokenUsage } from '../model/modelTypes';
import type { HealInput, HealOptions, HealStep } from './healFile';

export interface HealSession {
  readonly input: HealInput;
  readonly options: HealOptions;
  readonly maxAttempts: number;
  readonly started: number;
  readonly attempts: AttemptRecord[];
  /** Fixes that did not hold and why, passed to the model so it does not propose them again. */
  readonly earlier: EarlierAttempt[];
  /** Requirement lines the user allowed in this heal, so one answer covers later fixes too. */
  readonly approvedInstalls: Set<string>;
  /** The files with every fix kept so far; the input's files until a fix holds. */
  current: Record<string, string>;
  tokens: TokenUsage;
  /** Set once a fix made the program run clean: only then (or for a partial fix) do its files stay. */
  healed: boolean;
}

/** `maxAttempts`: the options' limit with its default applied, never below 0. */
export function startSession(input: HealInput, options: HealOptions, maxAttempts: number): HealSession {
  return {
    input,
    options,
    maxAttempts,
    started: Date.now(),
    attempts: [],
    earlier: [],
    approvedInstalls: new Set<string>(),
    current: { ...input.files },
    tokens: NO_TOKENS,
    healed: false,
  };
}

export function reportProgress(session: HealSession, attempt: number, step: HealStep, detail?: string): void {
  session.options.onProgress?.({ entry: session.input.entry, attempt, maxAttempts: session.maxAttempts, step, detail });
}

/** Keeps a fix that did not hold, with the reason, for the model's next request. */
export function rememberFailedFix(session: HealSession, fix: { description: string; diff: string }, why: string): void {
  session.earlier.push({ description: fix.description, diff: fix.diff, why });
}
