// The fixes to try for one error, in order: its rule fixes (cheap, and proven the same way), then
// the model. A new error after progress starts a new list, so its rules and the model get their turn.
// For a syntax or indentation error the rule fixes are several readings of one slip, best first:
// those that would not even compile are dropped first, in one warm run (compileCheck.ts), so the
// attempt budget goes to readings that can hold.
import { ruleFixesFor } from '../fixes/ruleFixers';
import type { FixCandidate } from '../fixes/fixTypes';
import { compiles, type SourceToCompile } from './compileCheck';
import { fileText } from '../files/fileTexts';
import type { AttemptRecord } from './ledger';
import { NO_TOKENS, type TokenUsage } from '../model/modelTypes';
import { reportProgress, type HealSession } from './healSession';
import { askModel } from './modelFixStep';
import { tokenBudgetStop } from '../model/tokenBudget';
import { applyCandidate } from './fixAttempt';
import type { RunState } from './progress';

export type FixToTry =
  | { kind: 'fix'; candidate: FixCandidate; rejections: string[]; usage: TokenUsage }
  /** The model gave nothing usable: the attempt is recorded as it is. */
  | { kind: 'refused'; record: AttemptRecord; cancelled: boolean }
  /** No rule fix is left and the model is absent, has failed outright or used the token budget (`why`). */
  | { kind: 'none'; why?: string };

export class FixesToTry {
  private rules: FixCandidate[];
  private modelDone = false;
  private checked: boolean;

  constructor(private readonly session: HealSession, private readonly state: RunState) {
    const { error } = state;
    this.rules = session.options.rules === false || !error ? [] : ruleFixesFor(error, session.current);
    // One reading needs no check: its own verifying re-run tells as much, and the check would take
    // the warm container that re-run is waiting for.
    this.checked = !error || (error.kind !== 'syntax' && error.kind !== 'indentation') || this.rules.length < 2;
  }

  /** Whether rule fixes are left to hand out (once checked, only those that compile). */
  readingsLeft(): boolean {
    return this.rules.length > 0;
  }

  async next(number: number, startedAt: number): Promise<FixToTry> {
    if (!this.checked) {
      this.checked = true;
      this.rules = await compilingCandidates(this.session, this.rules);
    }
    const rule = this.rules.shift();
    if (rule) {
      reportProgress(this.session, number, 'trying a rule fix', rule.description);
      return { kind: 'fix', candidate: rule, rejections: [], usage: NO_TOKENS };
    }
    const model = this.session.options.model;
    if (!model || this.modelDone) return { kind: 'none' };
    const spent = tokenBudgetStop(this.session.options.tokenBudget, this.session.tokens.totalTokens);
    if (spent) return { kind: 'none', why: spent };
    const step = await askModel(this.session, model, this.state, number, startedAt);
    if (step.kind === 'fix') return step;
    // A model that failed outright (server down, no key) will fail the same way again.
    if (step.failedOutright) this.modelDone = true;
    return { kind: 'refused', record: step.record, cancelled: step.cancelled };
  }
}

/**
 * The candidates whose changed Python files all compile, in their order. When the check cannot
 * answer (no image, an engine error), every candidate stays: the re-runs judge them as before.
 */
export async function compilingCandidates(session: HealSession, candidates: readonly FixCandidate[]): Promise<FixCandidate[]> {
  const { options, current } = session;
  const changed = candidates.map((candidate): SourceToCompile[] => {
    const fixed = applyCandidate(current, candidate);
    if (!fixed) return [];
    return Object.keys(fixed).filter((file) => file.endsWith('.py') && fixed[file] !== fileText(current, file)).map((file) => ({ file, text: fixed[file] }));
  });
  let image: string | undefined;
  try {
    image = options.imageFor ? await options.imageFor(current, options.signal) : undefined;
  } catch {
    return [...candidates];
  }
  const answers = await compiles(changed.flat(), { runner: options.runner, limits: options.limits, image, signal: options.signal }).catch(() => undefined);
  if (!answers) return [...candidates];
  let next = 0;
  return candidates.filter((_, i) => changed[i].map(() => answers[next++]).every((ok) => ok));
}
