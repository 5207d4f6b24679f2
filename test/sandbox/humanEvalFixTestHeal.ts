// HumanEvalFix as code with tests: each task becomes a module (the prompt and the buggy solution)
// and a pytest file that calls the task's check() from one test function, and is healed against
// that test by core's healAgainstTests over the real sandbox and a model played by a loopback
// OpenAI-protocol server. Shared by the sandbox test (a fixed sample) and scripts/benchTestHeal.ts (all 164).
import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import type { ModelFixer } from '../../src/core/model/modelTypes';
import type { RunLimits, Runner } from '../../src/core/run/runTypes';
import { healAgainstTests } from '../../src/core/testHeal/healAgainstTests';
import type { TestHealReceipt } from '../../src/core/testHeal/testHealTypes';
import { OpenAIFixer } from '../../src/llm/openaiFixer';
import type { ModelScript } from '../support/scriptedModelServer';

export interface HumanEvalTask {
  task_id: string;
  prompt: string;
  buggy_solution: string;
  canonical_solution: string;
  test: string;
  entry_point: string;
}

export const DATASET = path.resolve(__dirname, '../../../../shared/data/humanevalfix/humanevalpack_python.jsonl');
export const MODULE = 'solution.py';
export const TEST_FILE = 'test_solution.py';
export const TEST_ID = `${TEST_FILE}::test_check`;

export function readTasks(): HumanEvalTask[] {
  return fs.readFileSync(DATASET, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as HumanEvalTask);
}

/** The module: a first line naming the task (so the scripted model knows which task a request is about), the prompt, a body. */
export function moduleText(task: HumanEvalTask, body: string): string {
  return `# ${task.task_id}\n${task.prompt}${body}`;
}

/**
 * The task's project. `import *` brings the prompt's helpers and imports (math, a decode's encode)
 * that some checks use by name, as they did when the test ran in the same file. The dataset's test
 * ends by calling check() at module level; here a test function calls it, so that line goes.
 */
export function taskFiles(task: HumanEvalTask, body = task.buggy_solution): Record<string, string> {
  const checks = task.test.replace(/\n\s*check\(\w+\)\s*$/, '\n');
  const test = `from solution import *  # noqa: F401,F403\nfrom solution import ${task.entry_point}\n${checks}\n\ndef test_check():\n    check(${task.entry_point})\n`;
  return { [MODULE]: moduleText(task, body), [TEST_FILE]: test };
}

/** Answers each request with the whole module, its body chosen per task, for the task the request names. */
export function answering(tasks: readonly HumanEvalTask[], body: (task: HumanEvalTask) => string): ModelScript {
  const byId = new Map(tasks.map((task) => [task.task_id, task]));
  return (request) => {
    const text = request.body.messages.map((m: { content: string }) => m.content).join('\n');
    const task = byId.get(/^# ([\w-]+\/\d+)$/m.exec(text)?.[1] ?? '');
    if (!task) return { content: 'No task is named in this request.' };
    return { content: `Fix ${task.entry_point}\n${MODULE}\n\`\`\`python\n${moduleText(task, body(task))}\`\`\`\n` };
  };
}

/** red-to-green: the exact receipt a healed task must have (see `redToGreenMismatch`). */
export type TaskOutcome = 'red-to-green' | 'not-healed' | 'stopped-at-limit' | 'other';

export interface TaskResult {
  task: HumanEvalTask;
  outcome: TaskOutcome;
  receipt: TestHealReceipt;
  ms: number;
}

export interface TaskHealSetup {
  runner: Runner;
  limits: RunLimits;
  image: string;
  /** Absent: the rules alone. */
  model?: ModelFixer;
}

export function scriptedFixer(baseUrl: string): ModelFixer {
  return new OpenAIFixer({ baseUrl, model: 'oracle', temperature: 0, maxTokens: 4096, timeoutMs: 60_000, maxRetries: 0 }, async () => undefined);
}

export async function healTask(task: HumanEvalTask, setup: TaskHealSetup): Promise<TaskResult> {
  const started = Date.now();
  const receipt = await healAgainstTests({ root: `/${task.task_id}`, files: taskFiles(task), paths: [], leftOut: [] }, {
    runner: setup.runner, limits: setup.limits, image: setup.image, model: setup.model, rules: setup.model === undefined,
  });
  return { task, outcome: outcomeOf(task, receipt), receipt, ms: Date.now() - started };
}

function outcomeOf(task: HumanEvalTask, receipt: TestHealReceipt): TaskOutcome {
  if (receipt.outcome === 'not-run' && receipt.problem?.kind === 'timeout') return 'stopped-at-limit';
  if (receipt.outcome === 'healed') return redToGreenMismatch(task, receipt) === undefined ? 'red-to-green' : 'other';
  if (receipt.outcome === 'not-healed' && receipt.diff === '' && Object.keys(receipt.changedFiles).length === 0) return 'not-healed';
  return 'other';
}

const ONE = { total: 1, passed: 0, failed: 0, error: 0, skipped: 0, xfailed: 0, xpassed: 0 };

/**
 * Why the receipt is not the exact red-to-green one: red and green are the task's one test, the
 * totals go from 1 failed to 1 passed, and the only file changed is the module. With a model the
 * module must be the canonical solution's; the rules' fix is whatever the rule wrote.
 */
export function redToGreenMismatch(task: HumanEvalTask, receipt: TestHealReceipt, canonical = false): string | undefined {
  const facts = {
    red: receipt.red, green: receipt.green, stillRed: receipt.stillRed, before: receipt.before.totals, after: receipt.after.totals,
    changed: Object.keys(receipt.changedFiles),
  };
  // A test that hangs is red as an error (the time limit stopped it inside it); one that fails, as a failure.
  const red = receipt.before.totals.error === 1 ? { ...ONE, error: 1 } : { ...ONE, failed: 1 };
  const expected = { red: [TEST_ID], green: [TEST_ID], stillRed: [], before: red, after: { ...ONE, passed: 1 }, changed: [MODULE] };
  if (!isDeepStrictEqual(facts, expected)) return `${task.task_id}: ${JSON.stringify(facts)}`;
  if (canonical && receipt.changedFiles[MODULE] !== moduleText(task, task.canonical_solution)) return `${task.task_id}: the module is not the canonical solution`;
  return undefined;
}

/** Runs `work` over the items, `width` at a time, the results in the items' order. */
export async function inLanes<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return results;
}
