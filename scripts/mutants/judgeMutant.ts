// Heals one mutant with the rule tier only and judges the result against the original program's
// behaviour: a heal is correct only when the healed text prints what the original printed and ends
// the same way (the harness prints the doctest counts and check() results, so those are compared too).
import { healFile } from '../../src/core/heal/healFile';
import type { FileHealRecord } from '../../src/core/heal/ledger';
import type { RunLimits, Runner } from '../../src/core/run/runTypes';
import type { Mutant } from './mutationClasses';
import type { BenchProgram } from './programSources';

export const ENTRY = 'main.py';

export interface Behaviour {
  reason: string;
  exitCode: number | null;
  stdout: string;
  /** The program's own doctest and unittest checks that failed (the launcher observes them). */
  failedChecks: number;
}

/**
 * correct: healed and behaves as the original; wrong: healed but behaves differently; missed: not
 * healed, file untouched; changed-without-heal: not healed but the heal hands back other text;
 * dropped: the mutant did not fail (or only stopped at a limit or for input), so it is no defect.
 */
export type Verdict = 'correct' | 'wrong' | 'missed' | 'changed-without-heal' | 'dropped' | 'engine-error';

export interface MutantResult {
  program: BenchProgram;
  mutant: Mutant;
  verdict: Verdict;
  /** The healed text is the original text. */
  identical: boolean;
  record: FileHealRecord;
  /** For a wrong heal: what differs. */
  difference?: string;
}

export async function behaviourOf(runner: Runner, limits: RunLimits, text: string): Promise<Behaviour> {
  const result = await runner.run({ files: { [ENTRY]: text }, entry: ENTRY, limits });
  return { reason: result.reason, exitCode: result.exitCode, stdout: result.stdout, failedChecks: result.failedChecks?.length ?? 0 };
}

export function sameBehaviour(a: Behaviour, b: Behaviour): boolean {
  return a.reason === b.reason && a.exitCode === b.exitCode && a.stdout === b.stdout && a.failedChecks === b.failedChecks;
}

/** The runner, and a way to wait until its warm containers are ready (the sandbox's `warmed`). */
export type JudgingRunner = Runner & { warmed?: () => Promise<void> };

export async function judgeMutant(runner: JudgingRunner, limits: RunLimits, program: BenchProgram, original: Behaviour, mutant: Mutant): Promise<MutantResult> {
  // Each heal starts as a user's heal in a warm editor does: its waiting containers ready.
  await runner.warmed?.();
  const record = await healFile({ files: { [ENTRY]: mutant.text }, entry: ENTRY }, { runner, limits });
  const returned = record.changedFiles[ENTRY] ?? mutant.text;
  const identical = returned === program.text;
  const base = { program, mutant, identical, record };
  if (record.outcome === 'engine-error') return { ...base, verdict: 'engine-error' };
  if (record.outcome === 'clean' || (record.attempts.length === 0 && record.outcome !== 'not-healed')) return { ...base, verdict: 'dropped' };
  if (record.outcome !== 'healed') return { ...base, verdict: returned === mutant.text ? 'missed' : 'changed-without-heal' };
  if (identical) return { ...base, verdict: 'correct' };
  const healed = await behaviourOf(runner, limits, returned);
  if (sameBehaviour(healed, original)) return { ...base, verdict: 'correct' };
  return { ...base, verdict: 'wrong', difference: describeDifference(original, healed) };
}

function describeDifference(original: Behaviour, healed: Behaviour): string {
  if (original.exitCode !== healed.exitCode || original.reason !== healed.reason) return `exit ${healed.exitCode} (${healed.reason}) instead of ${original.exitCode}`;
  const a = original.stdout.split('\n');
  const b = healed.stdout.split('\n');
  const line = a.findIndex((text, i) => text !== b[i]);
  const at = line < 0 ? a.length : line;
  return `stdout line ${at + 1}: ${JSON.stringify((b[at] ?? '<end>').slice(0, 80))} instead of ${JSON.stringify((a[at] ?? '<end>').slice(0, 80))}`;
}
