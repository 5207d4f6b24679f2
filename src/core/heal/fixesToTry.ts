// The fixes to try for one error, in order: its rule fixes (cheap, and proven the same way), then
// the model. A new error after progress starts a new list, so its rules and the model get their turn.
import { ruleFixesFor } from '../fixes/ruleFixers';
import type { FixCandidate } from '../fixes/fixTypes';
import type { AttemptRecord } from './ledger';
import { NO_TOKENS, type TokenUsage } from '../model/modelTypes';
import { reportProgress, type HealSession } from './healSession';
import { askModel } from './modelFixStep';
import type { RunState } from './progress';

export type FixToTry =
  | { kind: 'fix'; candidate: FixCandidate; rejections: string[]; usage: TokenUsage }
  /** The model gave nothing usable: the attempt is recorded as it is. */
  | { kind: 'refused'; record: AttemptRecord; cancelled: boolean }
  /** No rule fix is left and the model is absent or has failed outright. */
  | { kind: 'none' };

export class FixesToTry {
  private readonly rules: FixCandidate[];
  private modelDone = false;

  constructor(private readonly session: HealSession, private readonly state: RunState) {
    const { error } = state;
    this.rules = session.options.rules === false || !error ? [] : ruleFixesFor(error, session.current);
  }

  async next(number: number, startedAt: number): Promise<FixToTry> {
    const rule = this.rules.shift();
    if (rule) {
      reportProgress(this.session, number, 'trying a rule fix', rule.description);
      return { kind: 'fix', candidate: rule, rejections: [], usage: NO_TOKENS };
    }
    const model = this.session.options.model;
    if (!model || this.modelDone) return { kind: 'none' };
    const step = await askModel(this.session, model, this.state, number, startedAt);
    if (step.kind === 'fix') return step;
    // A model that failed outright (server down, no key) will fail the same way again.
    if (step.failedOutright) this.modelDone = true;
    return { kind: 'refused', record: step.record, cancelled: step.cancelled };
  }
}
