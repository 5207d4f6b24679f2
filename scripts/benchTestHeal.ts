// Benchmark (not a test): HumanEvalFix as modules with pytest tests, healed against those tests.
// Three passes over the tasks: a loopback model answering each task's canonical solution (every
// task that ends must go red to green with the exact receipt), the same model echoing the buggy
// code (none may heal, no file may change), and the rules alone. Prints per-outcome counts and the
// median time per task, and a line per task as it ends (on stderr). Arguments: task indexes to run
// (default: all 164); SELF_HEAL_BENCH_PASSES chooses the passes (default canonical,echo,rules).
import { DEFAULT_LIMITS } from '../src/core/run/limits';
import type { ModelFixer } from '../src/core/model/modelTypes';
import { DockerSandbox } from '../src/sandbox/dockerSandbox';
import { answering, healTask, inLanes, readTasks, redToGreenMismatch, scriptedFixer, type HumanEvalTask, type TaskResult } from '../test/sandbox/humanEvalFixTestHeal';
import { PYTEST_IMAGE } from '../test/sandbox/testSuiteProjects';
import { startScriptedModelServer } from '../test/support/scriptedModelServer';

/** Well past a pytest run of any task that ends; the looping ones stop here. */
const limits = { ...DEFAULT_LIMITS, timeoutMs: 30_000 };
/** Two tasks at a time: the machine's two CPUs. */
const PARALLEL = 2;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function report(name: string, results: readonly TaskResult[], canonical: boolean): void {
  const counts = new Map<string, number>();
  for (const result of results) counts.set(result.outcome, (counts.get(result.outcome) ?? 0) + 1);
  const countText = [...counts].sort().map(([outcome, count]) => `${outcome} ${count}`).join(', ');
  const seconds = (values: number[]): string => (values.length === 0 ? '-' : (median(values) / 1000).toFixed(2));
  console.log(`${name}: ${countText}; median ${seconds(results.map((r) => r.ms))} s per task (red-to-green: ${seconds(results.filter((r) => r.outcome === 'red-to-green').map((r) => r.ms))} s)`);
  const stopped = results.filter((r) => r.outcome === 'stopped-at-limit').map((r) => r.task.task_id);
  if (stopped.length > 0) console.log(`  stopped at the ${limits.timeoutMs / 1000} s limit: ${stopped.join(', ')}`);
  for (const result of results) {
    const mismatch = result.outcome === 'red-to-green' ? redToGreenMismatch(result.task, result.receipt, canonical) : undefined;
    if (mismatch) console.log(`  not the canonical fix: ${mismatch}`);
    if (result.outcome === 'other') console.log(`  ${result.task.task_id}: ${result.receipt.outcome}: ${result.receipt.reason}`);
  }
  const changed = results.filter((r) => Object.keys(r.receipt.changedFiles).length > 0).length;
  console.log(`  files changed in ${changed} task${changed === 1 ? '' : 's'}; model requests ${results.reduce((n, r) => n + r.receipt.attempts.filter((a) => a.source.startsWith('model:')).length, 0)}`);
}

async function main(): Promise<void> {
  const all = readTasks();
  const picked = process.argv.slice(2).map(Number);
  const tasks: HumanEvalTask[] = picked.length > 0 ? picked.map((index) => all[index]) : all;
  const sandbox = new DockerSandbox({ image: PYTEST_IMAGE, warmContainers: PARALLEL });
  const servers = await Promise.all([
    startScriptedModelServer(answering(tasks, (task) => task.canonical_solution)),
    startScriptedModelServer(answering(tasks, (task) => task.buggy_solution)),
  ]);
  const pass = async (name: string, model: ModelFixer | undefined, canonical: boolean): Promise<void> => {
    const started = Date.now();
    let done = 0;
    const results = await inLanes(tasks, PARALLEL, async (task) => {
      const result = await healTask(task, { runner: sandbox, limits, image: PYTEST_IMAGE, model });
      process.stderr.write(`${name}: ${++done}/${tasks.length} ${task.task_id} ${result.outcome} ${(result.ms / 1000).toFixed(1)} s\n`);
      return result;
    });
    report(`${name} (${tasks.length} tasks, ${((Date.now() - started) / 1000).toFixed(0)} s)`, results, canonical);
  };
  try {
    await sandbox.run({ files: { 'main.py': 'pass\n' }, entry: 'main.py', limits }); // connect outside the measurement
    const passes = (process.env.SELF_HEAL_BENCH_PASSES ?? 'canonical,echo,rules').split(',');
    if (passes.includes('canonical')) await pass('model answers the canonical solution', scriptedFixer(servers[0].baseUrl), true);
    if (passes.includes('echo')) await pass('model echoes the buggy code', scriptedFixer(servers[1].baseUrl), false);
    if (passes.includes('rules')) await pass('rules alone', undefined, false);
  } finally {
    await Promise.all(servers.map((server) => server.close()));
    await sandbox.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
