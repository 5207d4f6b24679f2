// HumanEvalFix healed against its own tests, on a fixed sample of 12 tasks (all 164: npm run
// bench:testheal). Each task is a module and a pytest file calling its check(); a loopback
// OpenAI-protocol server plays the model. Answering with the canonical solution, every task that
// ends goes red to green with the exact receipt; echoing the buggy code, none heals and no file
// changes. Python/10 loops: its test is stopped by the time limit, which makes it red like a failing
// one, and the canonical solution turns it green too.
import * as assert from 'assert';
import { DEFAULT_LIMITS } from '../../src/core/run/limits';
import type { DockerSandbox } from '../../src/sandbox/dockerSandbox';
import { startScriptedModelServer, type ModelScript } from '../support/scriptedModelServer';
import { answering, healTask, inLanes, MODULE, moduleText, readTasks, redToGreenMismatch, scriptedFixer, TEST_ID, type TaskResult } from './humanEvalFixTestHeal';
import { newSandbox } from './sandboxHelper';
import { PYTEST_IMAGE } from './testSuiteProjects';

/** Assertion failures, both ZeroDivisionErrors' kind, an IndexError, the ValueError, the TypeError, helpers the check uses, and a loop. */
const SAMPLE_INDEXES = [0, 10, 25, 32, 38, 47, 50, 53, 100, 137, 150, 162];
/** Read in the suite's `before`: a dataset that is missing fails these tests, not the loading of every other file. */
let SAMPLE: ReturnType<typeof readTasks> = [];
const LOOPING = 'Python/10';
/** Well past a pytest run of any task that ends, even on a loaded machine; the looping one's test stops here. */
const limits = { ...DEFAULT_LIMITS, timeoutMs: 30_000 };

describe('HumanEvalFix healed against its tests (12 tasks)', function () {
  this.timeout(420_000); // the looping task's suite meets the limit twice before its fix
  let sandbox: DockerSandbox;
  before(() => {
    const all = readTasks();
    SAMPLE = SAMPLE_INDEXES.map((index) => all[index]);
    sandbox = newSandbox({ image: PYTEST_IMAGE, warmContainers: 2 });
  });
  after(() => sandbox.dispose());

  const healSample = async (script: ModelScript): Promise<{ results: Map<string, TaskResult>; requests: number }> => {
    const server = await startScriptedModelServer(script);
    try {
      const model = scriptedFixer(server.baseUrl);
      const results = await inLanes(SAMPLE, 2, (task) => healTask(task, { runner: sandbox, limits, image: PYTEST_IMAGE, model }));
      return { results: new Map(results.map((result) => [result.task.task_id, result])), requests: server.requests.length };
    } finally {
      await server.close();
    }
  };

  /** Each task's outcome; for one that is none of the expected kinds, the receipt's outcome and reason too. */
  const outcomes = (results: Map<string, TaskResult>): string[][] => [...results].map(([id, r]) => [id, r.outcome === 'other' ? `other: ${r.receipt.outcome}: ${r.receipt.reason}` : r.outcome]);

  it('turns every task red to green with the canonical solution, the looping one too, one model request each', async () => {
    const { results, requests } = await healSample(answering(SAMPLE, (task) => task.canonical_solution));
    assert.deepStrictEqual(outcomes(results), SAMPLE.map((task) => [task.task_id, 'red-to-green']));
    assert.deepStrictEqual(results.get(LOOPING)?.receipt.before.totals.error, 1, 'the looping test is red as an error: the limit stopped it');
    for (const task of SAMPLE) {
      const { receipt } = results.get(task.task_id) as TaskResult;
      assert.strictEqual(redToGreenMismatch(task, receipt, true), undefined);
      assert.deepStrictEqual([receipt.outcome, receipt.red, receipt.green], ['healed', [TEST_ID], [TEST_ID]]);
      assert.deepStrictEqual(receipt.changedFiles, { [MODULE]: moduleText(task, task.canonical_solution) });
      assert.deepStrictEqual(receipt.attempts.map((a) => [a.source, a.outcome, a.fixedTests, a.brokenTests]), [['model:oracle', 'healed', [TEST_ID], []]]);
    }
    assert.strictEqual(requests, SAMPLE.length);
  });

  it('heals none and changes no file when the model echoes the buggy code', async () => {
    const { results, requests } = await healSample(answering(SAMPLE, (task) => task.buggy_solution));
    assert.deepStrictEqual(outcomes(results), SAMPLE.map((task) => [task.task_id, 'not-healed']));
    for (const task of SAMPLE) {
      const { receipt } = results.get(task.task_id) as TaskResult;
      assert.deepStrictEqual([receipt.red, receipt.green, receipt.stillRed, receipt.diff, receipt.changedFiles], [[TEST_ID], [], [TEST_ID], '', {}]);
      assert.deepStrictEqual(receipt.attempts.map((a) => [a.outcome, a.why]), [1, 2, 3].map(() => ['refused', 'both answers were refused; the last: the answer changes nothing']));
    }
    // Each attempt asks twice: the model is told why its first answer was refused and answers again.
    assert.strictEqual(requests, SAMPLE.length * 3 * 2);
  });
});
