// The heal loop for one program: run -> diagnose -> fix (rules first, then the model) -> apply ->
// re-run. A fix stays only when the re-run gets further; otherwise it is undone and the next one is
// tried. The original text comes back unless the program ends up healed (or a partial fix is asked for).
// The steps live beside it: fixesToTry.ts (rules, then modelFixStep.ts), fixAttempt.ts (apply,
// install gate, re-run, judge), healRun.ts (one run), fileHealRecord.ts (how the heal ends).
import type { RunLimits, Runner } from '../run/runTypes';
import type { InstallApproval } from '../environment/installGate';
import type { FileHealRecord } from './ledger';
import type { ModelFixer } from '../model/modelTypes';
import { modelFailureLine } from '../model/modelFailure';
import { expectedOutcomeOf, problemText } from '../errors/expectedExits';
import type { OutputOverflow } from '../run/runTypes';
import { errorSignature, type RunState } from './progress';
import { startSession, type HealSession } from './healSession';
import { runForHeal, StopHeal } from './healRun';
import { setupFailureOfEngine, type SetupFailure } from './setupFailure';
import { FixesToTry } from './fixesToTry';
import { tryFix } from './fixAttempt';
import { fileHealRecordOf } from './fileHealRecord';
import { setAside, takeBack, worthSettingAside, type SetAside } from './readingReserve';

export const DEFAULT_MAX_ATTEMPTS = 3;

export type HealStep = 'running' | 'trying a rule fix' | 'asking the model' | 'verifying';

export interface HealProgress {
  entry: string;
  /** 0 for the first run, then the attempt being made. */
  attempt: number;
  maxAttempts: number;
  step: HealStep;
  /** e.g. the rule fix's description or the model's name. */
  detail?: string;
}

export interface HealOptions {
  runner: Runner;
  limits: RunLimits;
  maxAttempts?: number;
  /** Off: only the model proposes fixes (for comparisons). */
  rules?: boolean;
  model?: ModelFixer;
  /** Most model tokens this heal may use; it stops before the next model request once reached. 0 or absent: no cap. */
  tokenBudget?: number;
  /** Keep the furthest-reaching fixes even when the program is not healed. */
  keepPartial?: boolean;
  /** The image for a set of files (their requirements.txt / pyproject.toml); undefined: the runner's own. */
  imageFor?: (files: Readonly<Record<string, string>>, signal?: AbortSignal) => Promise<string | undefined>;
  /** Asked before a fix that adds requirements is built; absent or no: the heal stops with `needs-approval`. */
  approveInstall?: InstallApproval;
  args?: readonly string[];
  stdin?: string;
  /** Variables added to the program's environment, and its working folder (run-relative). */
  env?: Readonly<Record<string, string>>;
  cwd?: string;
  /** Past the output limit: stop the program (default), or let it run with the rest discarded. */
  outputOverflow?: OutputOverflow;
  signal?: AbortSignal;
  onProgress?: (progress: HealProgress) => void;
}

export interface HealInput {
  /** The run's files (path -> text), including requirements.txt / pyproject.toml when present. */
  files: Readonly<Record<string, string>>;
  /** The file being healed: where errors without a place in a frame are put. */
  entry: string;
  /**
   * A generated driver that starts the run instead of `python entry` (an import check, `python -m`):
   * added to every run, never edited, and outside the program's files, so its frames are external.
   */
  driver?: { entry: string; files: Readonly<Record<string, string>> };
}

export async function healFile(input: HealInput, options: HealOptions): Promise<FileHealRecord> {
  const session = startSession(input, options, Math.max(0, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS));
  const failedSetup = (failure: SetupFailure, first?: RunState, last?: RunState): FileHealRecord => ({ ...fileHealRecordOf(session, 'engine-error', failure.message, first, last), setupFailure: failure });
  let first: RunState;
  try {
    first = await runForHeal(session, session.current, 0, 'running');
  } catch (error) {
    // Stop while the environment was being built is a cancelled run, not a failed install.
    if (options.signal?.aborted) return fileHealRecordOf(session, 'cancelled', 'cancelled', undefined);
    return failedSetup({ kind: error instanceof StopHeal ? error.kind : 'engine', message: (error as Error).message });
  }
  if (first.result.reason === 'engine-error') return failedSetup(setupFailureOfEngine(first.result.engineError?.code, first.result.engineError?.message ?? 'the engine failed'), first);
  if (first.result.reason === 'cancelled') return fileHealRecordOf(session, 'cancelled', 'cancelled', first);
  if (first.error === null) return fileHealRecordOf(session, 'clean', 'ran clean', first, first);
  // Needing input or arguments, or a limit, is no bug: no rule and no model is asked to fix it.
  const expected = expectedOutcomeOf(first.error);
  if (expected) return fileHealRecordOf(session, expected, problemText(first.error), first);
  return attemptFixes(session, first);
}

/**
 * Attempts until one heals the program or they run out. It stops early when no fix is left for the
 * error, when an error seen before comes back after a fix, or when the same error comes back twice
 * in a row with no progress.
 */
async function attemptFixes(session: HealSession, first: RunState): Promise<FileHealRecord> {
  const { attempts, maxAttempts } = session;
  let state = first;
  const end = (outcome: FileHealRecord['outcome'], stopReason: string, last = state) => fileHealRecordOf(session, outcome, stopReason, first, last);
  let sameInARow = 0;
  const seen = new Set([errorSignature(first.error!)]);
  let fixes = new FixesToTry(session, first);
  // A reading of a syntax slip that got further without running clean, while other readings are tried.
  let reserve: SetAside | undefined;
  while (attempts.length < maxAttempts) {
    if (session.options.signal?.aborted) return end('cancelled', 'cancelled');
    const number = attempts.length + 1;
    const startedAt = Date.now();
    const next = await fixes.next(number, startedAt);
    let progressed: RunState;
    if (next.kind === 'none') {
      if (!reserve) return end('not-healed', next.why ?? whyNoFixIsLeft(session, state));
      progressed = takeBack(session, reserve);
    } else {
      if (next.kind === 'refused') {
        attempts.push(next.record);
        if (next.cancelled) return end('cancelled', 'cancelled');
        continue;
      }
      const filesBefore = session.current;
      const attempt = await tryFix(session, { number, state, candidate: next.candidate, rejections: next.rejections, usage: next.usage, startedAt });
      attempts.push(attempt.record);
      if (attempt.record.outcome === 'cancelled' || session.options.signal?.aborted) return end('cancelled', 'cancelled');
      if (attempt.stop) return { ...end('engine-error', attempt.stop.message), setupFailure: attempt.stop };
      if (attempt.needsApproval) return end('needs-approval', attempt.needsApproval);
      if (attempt.record.outcome === 'healed') {
        session.healed = true;
        return end('healed', `healed in ${number} attempt${number === 1 ? '' : 's'}`, attempt.state);
      }
      if (attempt.record.outcome !== 'progress' || !attempt.state) {
        if (!reserve && attempt.verdict === 'same' && ++sameInARow >= 2) return end('not-healed', `the same ${state.error!.type} came back twice with no progress`);
        continue;
      }
      // Once one reading waits, the later ones that only get further wait behind it: it was the likelier.
      if (reserve || worthSettingAside(state, next.candidate, fixes.readingsLeft(), attempt.state)) {
        reserve = setAside(session, filesBefore, attempt.state, reserve);
        continue;
      }
      progressed = attempt.state;
    }
    reserve = undefined;
    state = progressed;
    // Got as far as a run without input or arguments can go: the fixes so far are kept.
    const expected = expectedOutcomeOf(state.error);
    if (expected) return end(expected, `the program now ${problemText(state.error!)}`);
    const signature = errorSignature(state.error!);
    if (seen.has(signature)) return end('not-healed', `${state.error!.type} came back after a fix`);
    seen.add(signature);
    sameInARow = 0;
    fixes = new FixesToTry(session, state);
  }
  // The attempts ran out with a reading in reserve: it got further than any other, so it is what stays.
  if (reserve) state = takeBack(session, reserve);
  if (maxAttempts === 0) return end('not-healed', 'ran without healing');
  return end('not-healed', `no fix held within ${maxAttempts} attempt${maxAttempts === 1 ? '' : 's'}`);
}

/** Nothing is left to try: no rule fix was known, or the model could not be used (said as such), or all were tried. */
function whyNoFixIsLeft(session: HealSession, state: RunState): string {
  const { attempts } = session;
  if (attempts.length === 0) return `no fix is known for ${state.error!.type}`;
  const failure = attempts[attempts.length - 1].modelFailure;
  return failure ? modelFailureLine(failure) : 'no further fix to try';
}
