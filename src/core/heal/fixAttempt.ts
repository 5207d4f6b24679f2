// One attempt with one fix: apply it to a copy of the files, check what it would install, re-run,
// and let progress.ts judge. A fix stays only when the re-run gets further; otherwise it is undone
// and remembered (with the reason) so the model does not propose it again.
import { fileText, hasFile } from '../files/fileTexts';
import { applyEdits, type FixCandidate } from '../fixes/fixTypes';
import { installGate } from '../environment/installGate';
import { expectedOutcomeOf } from '../errors/expectedExits';
import type { AttemptRecord } from './ledger';
import type { TokenUsage } from '../model/modelTypes';
import { rememberFailedFix, type HealSession } from './healSession';
import { runForHeal, StopHeal } from './healRun';
import { changedLinesOf } from './changedLines';
import { failedRerunPhrase, judge, type RunState, type Verdict } from './progress';
import { describeEnding, summaryOf } from './runSummary';
import { unifiedDiffOfFiles } from './unifiedDiff';
import { setupFailureOfEngine, type SetupFailure } from './setupFailure';

export interface AttemptToMake {
  /** 1-based. */
  number: number;
  /** The run whose error the fix is for. */
  state: RunState;
  candidate: FixCandidate;
  /** The model's refused answers before this candidate, and the tokens spent on it. */
  rejections: string[];
  usage: TokenUsage;
  startedAt: number;
}

export interface AttemptResult {
  record: AttemptRecord;
  /** The re-run, when the fix was kept (healed or progress). */
  state?: RunState;
  /** The engine failed while verifying: the heal stops with this failure. */
  stop?: SetupFailure;
  /** The fix would install requirements nobody allowed: the heal stops with this reason. */
  needsApproval?: string;
  verdict?: Verdict;
}

type Fix = NonNullable<AttemptRecord['fix']>;
type Ended = { ending: Pick<AttemptRecord, 'outcome' | 'why' | 'rerun'> } & Omit<AttemptResult, 'record'>;

export async function tryFix(session: HealSession, attempt: AttemptToMake): Promise<AttemptResult> {
  const { number, state, candidate } = attempt;
  const fixed = applyCandidate(session.current, candidate);
  const fix: Fix = { source: candidate.source, description: candidate.description, diff: fixed ? unifiedDiffOfFiles(session.current, fixed) : '' };
  const { ending, ...extra } = fixed ? await verifyFixed(session, fixed, fix, state, number) : undone(session, fix, 'its edits did not apply to the file');
  const record = { number, error: state.error!, rejections: attempt.rejections, tokens: attempt.usage, fix, ...ending, durationMs: Date.now() - attempt.startedAt };
  return { record, ...extra };
}

/** The files with the candidate's edits, or undefined when an edit names an unknown file or does not fit. */
export function applyCandidate(current: Readonly<Record<string, string>>, candidate: FixCandidate): Record<string, string> | undefined {
  const next = { ...current };
  const byFile = new Map<string, typeof candidate.edits>();
  for (const edit of candidate.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, edits] of byFile) {
    const known = hasFile(next, file) || file === 'requirements.txt';
    const text = known ? applyEdits(fileText(next, file) ?? '', edits) : undefined;
    if (text === undefined) return undefined;
    next[file] = text;
  }
  return next;
}

async function verifyFixed(session: HealSession, fixed: Record<string, string>, fix: Fix, state: RunState, number: number): Promise<Ended> {
  const before = session.earlier.find((earlier) => earlier.diff === fix.diff);
  if (before) return { ending: { outcome: 'reverted', why: `the same fix was tried before: ${before.why}` } };
  const { input, options } = session;
  const gate = await installGate(input.files, fixed, session.approvedInstalls, options.approveInstall, options.signal);
  if ('refused' in gate) return undone(session, fix, gate.refused);
  if ('needsApproval' in gate) return { ending: { outcome: 'reverted', why: gate.needsApproval }, needsApproval: gate.needsApproval };
  let after: RunState;
  try {
    after = await runForHeal(session, fixed, number, 'verifying');
  } catch (error) {
    if (error instanceof StopHeal) return undone(session, fix, error.message);
    throw error;
  }
  return judgeRerun(session, fixed, fix, state, after);
}

function judgeRerun(session: HealSession, fixed: Record<string, string>, fix: Fix, state: RunState, after: RunState): Ended {
  const rerun = summaryOf(after);
  if (after.result.reason === 'cancelled') return { ending: { outcome: 'cancelled', why: 'cancelled while verifying', rerun } };
  if (after.result.reason === 'engine-error') {
    const stop = setupFailureOfEngine(after.result.engineError?.code, rerun.error?.message ?? after.result.engineError?.message ?? 'the engine failed');
    return { ending: { outcome: 'reverted', why: 'the engine failed while verifying', rerun }, stop };
  }
  // A re-run stopped at a limit proves nothing about the fix (it may be the fix that loops).
  if (expectedOutcomeOf(after.error) === 'stopped-at-limit') {
    const why = `the re-run ${after.error!.message}, so the fix could not be verified`;
    rememberFailedFix(session, fix, why);
    return { ending: { outcome: 'reverted', why, rerun } };
  }
  const lineCount = (text: string | undefined): number => (text ?? '').split('\n').length;
  const verdict = judge(state, after, (file) => lineCount(fileText(fixed, file)) - lineCount(fileText(session.current, file)), changedLinesOf(session.current, fixed));
  if (verdict === 'clean' || verdict === 'progress') {
    session.current = fixed;
    const ending = verdict === 'clean'
      ? { outcome: 'healed' as const, why: 'the re-run ran clean', rerun }
      : { outcome: 'progress' as const, why: `the re-run got further: ${describeEnding(after)}`, rerun };
    return { ending, state: after, verdict };
  }
  const why = `the re-run ${failedRerunPhrase(verdict)}: ${describeEnding(after)}`;
  rememberFailedFix(session, fix, why);
  return { ending: { outcome: 'reverted', why, rerun }, verdict };
}

/** Undoes the fix and remembers why, for the model's next request. */
function undone(session: HealSession, fix: Fix, why: string): Ended {
  rememberFailedFix(session, fix, why);
  return { ending: { outcome: 'reverted', why } };
}
