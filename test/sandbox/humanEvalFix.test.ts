// HumanEvalFix end to end through `self-heal heal`: 164 buggy programs with their tests, healed by a
// model that a loopback OpenAI-protocol server plays. Answering with each canonical solution must heal
// every one that ends (three buggy versions loop and stop at the time limit, which is not healed);
// answering with the buggy code unchanged must heal none and change no file.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { makeTree, removeTree } from '../support/tempDir';
import { startScriptedModelServer, type ModelScript } from '../support/scriptedModelServer';
import { cli, REPO } from './cliProcess';
import { TEST_IMAGE } from './sandboxHelper';

interface Task {
  task_id: string;
  prompt: string;
  buggy_solution: string;
  canonical_solution: string;
  test: string;
}

const DATASET = path.resolve(REPO, '../shared/data/humanevalfix/humanevalpack_python.jsonl');
const folderOf = (index: number): string => `he_${String(index).padStart(3, '0')}`;
const program = (task: Task, body: string): string => `${task.prompt}${body}\n\n${task.test}\n`;
// Read in the suite's `before`: a dataset that is missing fails these tests, not the loading of every other file.
let tasks: Task[] = [];
let buggy: Record<string, string> = {};

/**
 * The buggy versions that never end (they loop) stop at the time limit (20 s: well past what any
 * other program needs, even on a loaded machine). A limit is no bug Self-Heal
 * heals: no model is asked, and the file is left as it is, whatever the model would have answered.
 */
const STOPPED_AT_LIMIT = ['he_010/main.py', 'he_156/main.py', 'he_160/main.py'];

/** Answers each request with one whole file, for the task the prompt is about. */
function answering(body: (task: Task) => string): ModelScript {
  return (request) => {
    const text = request.body.messages.map((m: { content: string }) => m.content).join('\n');
    const index = Number(/he_(\d{3})\/main\.py/.exec(text)?.[1]);
    return { content: `\`\`\`python\n${program(tasks[index], body(tasks[index]))}\`\`\`\n` };
  };
}

async function healAll(script: ModelScript): Promise<{ report: any; dir: string; requests: number }> {
  const server = await startScriptedModelServer(script);
  const dir = makeTree(buggy);
  try {
    const args = ['heal', ...Object.keys(buggy), '--no-rules', '--write', '--json', '--parallel', '4', '--timeout', '20', '--image', TEST_IMAGE, '--base-url', server.baseUrl, '--model', 'oracle'];
    const run = await cli(args, { cwd: dir, env: { OPENAI_API_KEY: '' } });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    return { report: JSON.parse(run.stdout), dir, requests: server.requests.length };
  } finally {
    await server.close();
  }
}

describe('HumanEvalFix end to end (164 programs)', function () {
  this.timeout(20 * 60_000);

  before(() => {
    tasks = fs.readFileSync(DATASET, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    buggy = Object.fromEntries(tasks.map((task, i) => [`${folderOf(i)}/main.py`, program(task, task.buggy_solution)]));
  });

  it('heals and verifies all 164 when the model answers with the canonical solution', async () => {
    const { report, dir } = await healAll(answering((task) => task.canonical_solution));
    try {
      const healed = report.files.filter((f: any) => f.outcome === 'healed');
      const others = report.files.filter((f: any) => f.outcome !== 'healed').map((f: any) => `${f.file}: ${f.outcome} ${f.stopReason}`);
      assert.deepStrictEqual(others, STOPPED_AT_LIMIT.map((file) => `${file}: stopped-at-limit stopped after 20 s (time limit)`));
      assert.strictEqual(healed.length, 164 - STOPPED_AT_LIMIT.length);
      assert.ok(healed.every((f: any) => f.lastRun.exitCode === 0 && f.attempts[f.attempts.length - 1].fix.source === 'model:oracle'));
      tasks.forEach((task, i) => {
        const file = `${folderOf(i)}/main.py`;
        const expected = STOPPED_AT_LIMIT.includes(file) ? buggy[file] : program(task, task.canonical_solution);
        assert.strictEqual(fs.readFileSync(path.join(dir, file), 'utf8'), expected, task.task_id);
      });
    } finally {
      removeTree(dir);
    }
  });

  it('heals none and changes no file when the model answers with the buggy code unchanged', async () => {
    const { report, dir, requests } = await healAll(answering((task) => task.buggy_solution));
    try {
      assert.deepStrictEqual(report.files.filter((f: any) => f.outcome !== 'not-healed').map((f: any) => f.file), STOPPED_AT_LIMIT);
      assert.ok(report.files.every((f: any) => f.diff === '' && f.written.length === 0 && Object.keys(f.changedFiles).length === 0));
      assert.ok(report.files.every((f: any) => f.attempts.every((a: any) => a.outcome === 'refused' && a.rejections[0] === 'the answer changes nothing')));
      assert.ok(requests >= 164 - STOPPED_AT_LIMIT.length, `${requests} requests`);
      for (const [file, text] of Object.entries(buggy)) assert.strictEqual(fs.readFileSync(path.join(dir, file), 'utf8'), text, file);
    } finally {
      removeTree(dir);
    }
  });
});
