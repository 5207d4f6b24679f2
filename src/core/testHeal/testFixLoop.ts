// The attempts against the failing tests: take a fix (testFixSource.ts), apply it to a copy of the
// files, refuse it when it edits a test file that is not to be edited, re-run the whole suite and
// judge it (suiteVerdict.ts). A fix that turns targets green and breaks nothing is kept and the
// next attempt builds on it; any other is undone and told to the model with the suite's results.
import type { FixCandidate } from '../fixes/fixTypes';
import { applyCandidate } from '../heal/fixAttempt';
import { unifiedDiffOfFiles } from '../heal/unifiedDiff';
import { addUsage, NO_TOKENS, type EarlierAttempt, type TokenUsage } from '../model/modelTypes';
import { testLine, totalsLine } from '../testing/testSummary';
import type { TestRunReport } from '../testing/testTypes';
import { judgeSuite } from './suiteVerdict';
import { changedTestFiles } from './testFiles';
import { TestFixSource } from './testFixSource';
import type { TestHealOptions } from './testHealOptions';
import type { TestHealAttempt } from './testHealTypes';

export interface LoopStart {
  files: Readonly<Record<string, string>>;
  /** The unchanged code's re-run: its failing results are what the first fixes aim at. */
  report: TestRunReport;
  targets: string[];
  /** Passed on both runs of the unchanged code. */
  guards: string[];
  maxAttempts: number;
}

export interface LoopEnd {
  files: Record<string, string>;
  /** The suite with every kept fix (the start's report when none was kept). */
  report: TestRunReport;
  stillRed: string[];
  attempts: TestHealAttempt[];
  tokens: TokenUsage;
  /** Why the attempts stopped, when not every target passes. */
  stopped?: string;
  cancelled: boolean;
}

type RunSuite = (files: Record<string, string>) => Promise<TestRunReport>;
type Judged = Omit<TestHealAttempt, 'number' | 'durationMs' | 'tokens' | 'source' | 'description'> & { kept?: TestRunReport; files?: Record<string, string>; stop?: string };

interface LoopState extends LoopEnd {
  guards: string[];
  readonly earlier: EarlierAttempt[];
}

export async function attemptFixes(start: LoopStart, options: TestHealOptions, run: RunSuite): Promise<LoopEnd> {
  const log = options.log ?? ((): void => undefined);
  const state: LoopState = { files: { ...start.files }, report: start.report, stillRed: [...start.targets], attempts: [], tokens: NO_TOKENS, cancelled: false, guards: [...start.guards], earlier: [] };
  const sourceFor = (report: TestRunReport): TestFixSource => new TestFixSource({
    failing: report.tests.filter((test) => state.stillRed.includes(test.id)), files: state.files, earlier: state.earlier,
    rules: options.rules !== false, model: options.model, allowTestEdits: options.allowTestEdits === true, signal: options.signal,
    tokenBudget: options.tokenBudget, tokensUsed: () => state.tokens.totalTokens,
  });
  let source = sourceFor(start.report);
  const end = ({ guards: _guards, earlier: _earlier, ...rest }: LoopState, extra: Partial<LoopEnd> = {}): LoopEnd => ({ ...rest, ...extra });
  while (state.attempts.length < start.maxAttempts && state.stillRed.length > 0) {
    if (options.signal?.aborted) return end(state, { cancelled: true, stopped: 'cancelled' });
    const number = state.attempts.length + 1;
    const startedAt = Date.now();
    const next = await source.next();
    if (next.kind === 'none') return end(state, { stopped: next.why });
    state.tokens = addUsage(state.tokens, next.usage);
    const judged: Judged & Pick<TestHealAttempt, 'source' | 'description'> = next.kind === 'refused'
      ? { source: `model:${options.model?.model ?? ''}`, description: 'no usable answer', outcome: next.cancelled ? 'cancelled' : 'refused', why: next.why, diff: '', ...(next.cancelled ? { stop: 'cancelled' } : {}) }
      : { source: next.candidate.source, description: next.candidate.description, ...(await tryCandidate(state, next.candidate, options, run)) };
    const { kept, files, stop, ...fields } = judged;
    const attempt: TestHealAttempt = { number, ...fields, durationMs: Date.now() - startedAt, tokens: next.usage };
    state.attempts.push(attempt);
    log(`attempt ${number} (${attempt.source}): ${attempt.outcome} - ${attempt.why}`);
    if (stop) return end(state, { stopped: stop, cancelled: attempt.outcome === 'cancelled' });
    if (kept && files) {
      state.files = files;
      state.report = kept;
      state.stillRed = state.stillRed.filter((id) => !(attempt.fixedTests ?? []).includes(id));
      state.guards = [...state.guards, ...(attempt.fixedTests ?? [])];
      if (state.stillRed.length > 0) source = sourceFor(kept);
    }
  }
  if (state.stillRed.length === 0) return end(state);
  return end(state, { stopped: `no fix held within ${start.maxAttempts} attempt${start.maxAttempts === 1 ? '' : 's'}` });
}

/** Applies, checks and re-runs one candidate; what the attempt's record says, and the suite when it is kept. */
async function tryCandidate(state: LoopState, candidate: FixCandidate, options: TestHealOptions, run: RunSuite): Promise<Judged> {
  const fixed = applyCandidate(state.files, candidate);
  if (!fixed) return { outcome: 'rejected', why: 'its edits did not apply to the files', diff: '' };
  const diff = unifiedDiffOfFiles(state.files, fixed);
  const forget = (why: string): void => void state.earlier.push({ description: candidate.description, diff, why });
  const locked = options.allowTestEdits ? [] : changedTestFiles(state.files, fixed);
  if (locked.length > 0) {
    const why = `the fix edits the test file${locked.length === 1 ? '' : 's'} ${locked.join(', ')}; the tests are the specification and are not edited unless test edits are allowed`;
    forget(why);
    return { outcome: 'refused', why, diff };
  }
  const same = state.earlier.find((attempt) => attempt.diff === diff);
  if (same) return { outcome: 'rejected', why: `the same fix was tried before: ${same.why.split('\n')[0]}`, diff };
  const after = await run(fixed);
  options.log?.(`the suite with the fix: ${totalsLine(after)}`);
  if (after.problem?.kind === 'cancelled' || options.signal?.aborted) return { outcome: 'cancelled', why: 'cancelled while verifying', diff, stop: 'cancelled' };
  const verdict = judgeSuite(state.stillRed, state.guards, after);
  const results = { totals: after.totals, fixedTests: verdict.fixed, brokenTests: verdict.broken };
  if (verdict.holds) return { outcome: verdict.stillRed.length === 0 ? 'healed' : 'kept', why: verdict.why, diff, ...results, kept: after, files: fixed };
  const failing = after.tests.filter((test) => test.outcome !== 'passed').map(testLine).join('\n');
  forget(`${verdict.why}\nThe suite with it:\n${failing || totalsLine(after)}`);
  const stop = after.problem?.kind === 'engine' ? `the engine failed while verifying: ${after.problem.message}` : undefined;
  return { outcome: 'rejected', why: verdict.why, diff, ...results, ...(stop ? { stop } : {}) };
}
