// Runs one source's programs through the benchmark: for each class, seeded candidates taken
// round-robin over the programs (so one long program cannot fill a class), each healed and judged,
// until the class's cap is reached. Mutants that do not fail are dropped and replaced by the next.
import type { RunLimits, Runner } from '../../src/core/run/runTypes';
import { behaviourOf, judgeMutant, sameBehaviour, type Behaviour, type JudgingRunner, type MutantResult } from './judgeMutant';
import { MUTATION_CLASSES, mutantsOf, type Mutant, type MutationClass } from './mutationClasses';
import type { BenchProgram } from './programSources';
import { seededRandom, shuffled } from './seededRandom';

export interface SourceOptions {
  seed: string;
  /** Kept (failing) mutants per class. */
  perClass: number;
  /** Kept mutants per program and class. */
  perProgram: number;
  /** Candidates tried per program and class before giving up on it (most runtime mutants fail; some never run). */
  triesPerProgram: number;
  classes?: readonly MutationClass[];
  onResult?: (result: MutantResult) => void;
}

/** Candidates of one class: programs in seeded order, each one's mutants in seeded order, taken round-robin. */
export function candidatesOf(programs: readonly BenchProgram[], mutation: MutationClass, options: Pick<SourceOptions, 'seed' | 'triesPerProgram'>): { program: BenchProgram; mutant: Mutant }[] {
  const random = seededRandom(`${options.seed}:${mutation}:order`);
  const perProgram = shuffled(random, programs).map((program) =>
    shuffled(random, mutantsOf(mutation, program.text, `${options.seed}:${program.name}`, program.editableEnd))
      .slice(0, options.triesPerProgram)
      .map((mutant) => ({ program, mutant })),
  );
  const rounds: { program: BenchProgram; mutant: Mutant }[] = [];
  for (let round = 0; round < options.triesPerProgram; round++) for (const list of perProgram) if (list[round]) rounds.push(list[round]);
  return rounds;
}

/**
 * The original's behaviour, or undefined when it is no usable baseline: it fails, prints differently
 * twice, or its own checks fail (a docstring example that does not match as written), since no heal
 * of it could then be clean.
 */
async function baselineOf(runner: Runner, limits: RunLimits, program: BenchProgram): Promise<Behaviour | undefined> {
  const first = await behaviourOf(runner, limits, program.text);
  if (first.reason !== 'exited' || first.exitCode !== 0 || first.failedChecks > 0) return undefined;
  const second = await behaviourOf(runner, limits, program.text);
  return sameBehaviour(first, second) ? first : undefined;
}

export async function runSource(runner: JudgingRunner, limits: RunLimits, programs: readonly BenchProgram[], options: SourceOptions): Promise<MutantResult[]> {
  const baselines = new Map<BenchProgram, Promise<Behaviour | undefined>>();
  const baseline = (program: BenchProgram) => baselines.get(program) ?? baselines.set(program, baselineOf(runner, limits, program)).get(program)!;
  const results: MutantResult[] = [];
  for (const mutation of options.classes ?? MUTATION_CLASSES) {
    const kept = new Map<BenchProgram, number>();
    let total = 0;
    for (const { program, mutant } of candidatesOf(programs, mutation, options)) {
      if (total >= options.perClass) break;
      if ((kept.get(program) ?? 0) >= options.perProgram) continue;
      const original = await baseline(program);
      if (!original) continue;
      const result = await judgeMutant(runner, limits, program, original, mutant);
      results.push(result);
      options.onResult?.(result);
      if (result.verdict === 'dropped') continue;
      kept.set(program, (kept.get(program) ?? 0) + 1);
      total++;
    }
  }
  return results;
}
