// The agent-loop benchmark's figures (scripts/benchAgentLoop.ts): per set of programs, how the
// loops ended, and per tool the calls with their median and p95 time; tokens per model heal.

export interface AgentProgram {
  set: string;
  /** Relative to the served folder. */
  file: string;
  text: string;
}

export interface LoopResult {
  program: AgentProgram;
  /** Tool name -> each call's time in ms. */
  calls: Record<string, number[]>;
  endedClean: boolean;
  /** "healed", "clean" when the first run needed no heal, else the heal's outcome and stop reason. */
  healOutcome: string;
  /** The model's tokens in the heal (0 when no model was asked). */
  tokens: number;
}

export function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
}

const ms = (value: number): string => (Number.isNaN(value) ? '-' : `${Math.round(value)} ms`);

export function printFigures(results: readonly LoopResult[]): void {
  const sets = [...new Set(results.map((result) => result.program.set))];
  console.log('| set | programs | clean at once | healed | clean after the loop | tool | calls | median | p95 | tokens per model heal (median) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const set of sets) {
    const mine = results.filter((result) => result.program.set === set);
    const spent = mine.map((result) => result.tokens).filter((tokens) => tokens > 0);
    const head = [set, mine.length, mine.filter((r) => r.healOutcome === 'clean').length, mine.filter((r) => r.healOutcome === 'healed').length, mine.filter((r) => r.endedClean).length];
    for (const tool of ['run_python', 'heal']) {
      const times = mine.flatMap((result) => result.calls[tool] ?? []);
      const tokens = tool === 'heal' && spent.length > 0 ? String(percentile(spent, 0.5)) : '-';
      console.log(`| ${[...head, tool, times.length, ms(percentile(times, 0.5)), ms(percentile(times, 0.95)), tokens].join(' | ')} |`);
    }
  }
  const outcomes = new Map<string, number>();
  for (const result of results) {
    const outcome = result.healOutcome.split(':')[0];
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  }
  console.log(`heal outcomes: ${[...outcomes].sort().map(([outcome, count]) => `${outcome} ${count}`).join(', ')}`);
  const notClean = results.filter((result) => !result.endedClean).map((result) => `${result.program.file} (${result.healOutcome})`);
  if (notClean.length > 0) console.log(`not clean after the loop: ${notClean.join(', ')}`);
}
