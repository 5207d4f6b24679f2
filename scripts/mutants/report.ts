// The benchmark's printout: a table per source and class, the wrong heals, the misses with the
// reason the heal stopped, and the verdict against the goal.
import type { MutantResult } from './judgeMutant';
import { MUTATION_CLASSES } from './mutationClasses';

export const GOAL = { correctShare: 0.95, medianSeconds: 1 };

export interface ClassFigures {
  mutants: number;
  healed: number;
  correct: number;
  identical: number;
  wrong: number;
  changedWithoutHeal: number;
  dropped: number;
  engineErrors: number;
  medianMs: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Dropped mutants (they never failed) and engine errors are counted apart, not as mutants. */
export function figuresOf(results: readonly MutantResult[]): ClassFigures {
  const judged = results.filter((r) => r.verdict !== 'dropped' && r.verdict !== 'engine-error');
  const healed = judged.filter((r) => r.verdict === 'correct' || r.verdict === 'wrong');
  return {
    mutants: judged.length,
    healed: healed.length,
    correct: judged.filter((r) => r.verdict === 'correct').length,
    identical: judged.filter((r) => r.verdict === 'correct' && r.identical).length,
    wrong: judged.filter((r) => r.verdict === 'wrong').length,
    changedWithoutHeal: judged.filter((r) => r.verdict === 'changed-without-heal').length,
    dropped: results.filter((r) => r.verdict === 'dropped').length,
    engineErrors: results.filter((r) => r.verdict === 'engine-error').length,
    medianMs: median(healed.map((r) => r.record.durationMs)),
  };
}

const share = (part: number, whole: number): string => (whole === 0 ? '-' : `${((part / whole) * 100).toFixed(0)}%`);

export function tableOf(results: readonly MutantResult[]): string[] {
  const rows = ['| class | mutants | healed | correct | identical | wrong heals | changed, not healed | median verified heal | dropped (did not fail) |', '|---|---|---|---|---|---|---|---|---|'];
  const row = (name: string, f: ClassFigures) =>
    `| ${name} | ${f.mutants} | ${share(f.healed, f.mutants)} | ${share(f.correct, f.mutants)} | ${share(f.identical, f.mutants)} | ${f.wrong} | ${f.changedWithoutHeal} | ${Number.isNaN(f.medianMs) ? '-' : `${(f.medianMs / 1000).toFixed(2)} s`} | ${f.dropped} |`;
  for (const mutation of MUTATION_CLASSES) rows.push(row(mutation, figuresOf(results.filter((r) => r.mutant.mutation === mutation))));
  rows.push(row('**all**', figuresOf(results)));
  return rows;
}

export function problemsOf(results: readonly MutantResult[], limit = 30): string[] {
  const where = (r: MutantResult) => `${r.program.source}/${r.program.name}:${r.mutant.line} ${r.mutant.mutation} (${r.mutant.description})`;
  const lines: string[] = [];
  const wrong = results.filter((r) => r.verdict === 'wrong' || r.verdict === 'changed-without-heal');
  if (wrong.length > 0) lines.push('', 'wrong heals and files changed without healing:', ...wrong.map((r) => `- ${r.verdict}: ${where(r)}: ${r.difference ?? r.record.stopReason}; fixes: ${fixesOf(r)}`));
  const missed = results.filter((r) => r.verdict === 'missed' || r.verdict === 'engine-error');
  if (missed.length > 0) {
    lines.push('', `not healed (${missed.length}${missed.length > limit ? `, first ${limit}` : ''}):`);
    for (const r of missed.slice(0, limit)) {
      const error = r.record.lastRun.error;
      lines.push(`- ${where(r)}: ${r.record.stopReason}${error ? ` [${error.type}: ${error.message.split('\n')[0].slice(0, 100)}]` : ''}`);
    }
  }
  return lines;
}

function fixesOf(result: MutantResult): string {
  return result.record.attempts.map((a) => `${a.fix?.description ?? 'none'} -> ${a.outcome}`).join('; ') || 'none';
}

/** Each class >= 95% correct, no wrong heal, no file changed without a heal, median verified heal under 1 s. */
export function goalMet(results: readonly MutantResult[]): { met: boolean; why: string[] } {
  const why: string[] = [];
  for (const mutation of MUTATION_CLASSES) {
    const f = figuresOf(results.filter((r) => r.mutant.mutation === mutation));
    if (f.mutants > 0 && f.correct / f.mutants < GOAL.correctShare) why.push(`${mutation}: ${share(f.correct, f.mutants)} correct`);
  }
  const all = figuresOf(results);
  if (all.wrong > 0) why.push(`${all.wrong} wrong heal(s)`);
  if (all.changedWithoutHeal > 0) why.push(`${all.changedWithoutHeal} file(s) changed without healing`);
  if (!(all.medianMs < GOAL.medianSeconds * 1000)) why.push(`median verified heal ${(all.medianMs / 1000).toFixed(2)} s`);
  return { met: why.length === 0, why };
}
