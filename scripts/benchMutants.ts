// Benchmark (not a test): how the rule tier alone heals mutants of real programs nobody here wrote,
// and whether each heal is *correct* (behaves as the original did). Development set: HumanEvalFix's
// canonical solutions; held-out set: the image's own standard-library modules (or --programs DIR).
// Usage: node out/scripts/benchMutants.js [--programs DIR] [--only humanevalfix|heldout] [--per-class N] [--seed S] [--classes a,b]
import * as path from 'path';
import { DEFAULT_LIMITS } from '../src/core/run/limits';
import { PROOF_QUIET_MS, warmContainersFor } from '../src/core/run/parallel';
import { DockerSandbox } from '../src/sandbox/dockerSandbox';
import type { MutantResult } from './mutants/judgeMutant';
import { MUTATION_CLASSES, type MutationClass } from './mutants/mutationClasses';
import { folderPrograms, humanEvalPrograms, stdlibPrograms, type BenchProgram } from './mutants/programSources';
import { goalMet, problemsOf, tableOf } from './mutants/report';
import { runSource, type SourceOptions } from './mutants/runSource';

const IMAGE = process.env.SELF_HEAL_TEST_IMAGE ?? 'python:3.11-slim';
const DATASET = path.resolve(__dirname, '../../../shared/data/humanevalfix/humanevalpack_python.jsonl');
const limits = { ...DEFAULT_LIMITS, timeoutMs: 10_000 };

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

const USAGE = `usage: benchMutants [--programs DIR] [--only humanevalfix|heldout] [--per-class N] [--seed S] [--classes ${MUTATION_CLASSES.join(',')}]`;

/** The classes named by --classes (comma-separated), or all of them. */
function classesOption(): readonly MutationClass[] {
  const named = option('--classes')?.split(',').map((name) => name.trim());
  const unknown = named?.filter((name) => !(MUTATION_CLASSES as readonly string[]).includes(name)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown class ${unknown.join(', ')}; ${USAGE}`);
  return (named as MutationClass[] | undefined) ?? MUTATION_CLASSES;
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) return void console.log(USAGE);
  const classes = classesOption();
  const seed = option('--seed') ?? 'mutants-1';
  const only = option('--only');
  const perClass = Number(option('--per-class') ?? 0);
  // The runner a heal gets in the editor: its waiting containers, and housekeeping held back for the proof.
  const sandbox = new DockerSandbox({ image: IMAGE, warmContainers: warmContainersFor(1, 1, true), quietAfterRunMs: PROOF_QUIET_MS });
  const sections: { title: string; results: MutantResult[] }[] = [];
  const startedAt = Date.now();
  let done = 0;
  const onResult = (r: MutantResult) => process.stderr.write(`\r${++done} mutants judged (${Math.round((Date.now() - startedAt) / 1000)} s) ${r.program.source}/${r.program.name} ${r.mutant.mutation}: ${r.verdict}          `);
  const run = async (title: string, programs: BenchProgram[], options: Omit<SourceOptions, 'seed' | 'onResult'>) =>
    sections.push({ title: `${title} (${programs.length} programs)`, results: await runSource(sandbox, limits, programs, { seed, onResult, classes, ...options, perClass: perClass || options.perClass }) });
  try {
    await sandbox.run({ files: { 'main.py': 'pass\n' }, entry: 'main.py', limits }); // connect outside the measurement
    if (only !== 'heldout') await run('HumanEvalFix canonical solutions', humanEvalPrograms(DATASET), { perClass: 20, perProgram: 1, triesPerProgram: 4 });
    if (only !== 'humanevalfix') {
      const folder = option('--programs');
      const programs = folder ? folderPrograms(path.resolve(folder)) : await stdlibPrograms(sandbox, limits);
      await run(folder ? `held-out folder ${folder}` : `standard-library modules of ${IMAGE}`, programs, { perClass: 10, perProgram: 2, triesPerProgram: 6 });
    }
  } finally {
    await sandbox.dispose();
  }
  process.stderr.write('\n');
  console.log(`rule tier only (no model), image ${IMAGE}, seed ${seed}, ${Math.round((Date.now() - startedAt) / 1000)} s in all`);
  console.log('correct: healed and prints what the original printed (its doctest counts and check() results) with the same exit');
  for (const { title, results } of sections) console.log(['', `### ${title}`, '', ...tableOf(results), ...problemsOf(results)].join('\n'));
  const verdict = goalMet(sections.flatMap((s) => s.results));
  console.log(`\n${verdict.met ? 'GOAL MET' : `GOAL MISSED: ${verdict.why.join('; ')}`}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
