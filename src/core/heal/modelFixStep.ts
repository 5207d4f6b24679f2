// Asking the model for a fix to the error that ended the last run, with the output's tail and the
// fixes that did not hold. An answer without a usable fix is an attempt of its own (refused or
// cancelled), so the ledger shows what the model was asked and why nothing came of it.
import type { FixCandidate } from '../fixes/fixTypes';
import type { AttemptRecord } from './ledger';
import { addUsage, type ModelFixer, type TokenUsage } from '../model/modelTypes';
import { reportProgress, type HealSession } from './healSession';
import type { RunState } from './progress';
import { summaryOf } from './runSummary';

export type ModelStep =
  | { kind: 'fix'; candidate: FixCandidate; rejections: string[]; usage: TokenUsage }
  /** `failedOutright`: no answer was even refused (server down, no key), so asking again is pointless. */
  | { kind: 'refused'; record: AttemptRecord; cancelled: boolean; failedOutright: boolean };

export async function askModel(session: HealSession, model: ModelFixer, state: RunState, number: number, startedAt: number): Promise<ModelStep> {
  reportProgress(session, number, 'asking the model', model.model);
  const error = state.error!;
  const answer = await model.propose({
    error, files: session.current, entry: session.input.entry, outputTail: summaryOf(state).outputTail,
    earlier: session.earlier, signal: session.options.signal, budget: { tokens: session.options.tokenBudget ?? 0, used: session.tokens.totalTokens },
  });
  const { usage, rejections, candidate } = answer;
  session.tokens = addUsage(session.tokens, usage);
  if (candidate) return { kind: 'fix', candidate, rejections, usage };
  const cancelled = answer.cancelled === true;
  const record: AttemptRecord = {
    number, error, rejections, outcome: cancelled ? 'cancelled' : 'refused', why: answer.failure ?? 'the model gave no usable fix',
    durationMs: Date.now() - startedAt, tokens: usage, ...(answer.modelFailure && !cancelled ? { modelFailure: answer.modelFailure } : {}),
  };
  return { kind: 'refused', record, cancelled, failedOutright: rejections.length === 0 };
}
