// Healing against a project's tests as a user runs it (the bundled CLI against the real engine,
// real pytest in the test image, a loopback server speaking the OpenAI protocol): a logic bug
// healed by the model with the exact receipt, a fix that breaks a passing test rejected, a test
// edit refused unless allowed, a NameError healed by a rule with no model, and a flaky test reported.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { ModelFixer } from '../../src/core/model/modelTypes';
import type { Runner } from '../../src/core/run/runTypes';
import { healAgainstTests } from '../../src/core/testHeal/healAgainstTests';
import { collectTestProject } from '../../src/core/testing/testProject';
import type { DockerSandbox } from '../../src/sandbox/dockerSandbox';
import { startScriptedModelServer, type ScriptedModelServer } from '../support/scriptedModelServer';
import { makeTree, removeTree } from '../support/tempDir';
import { cli, type CliRun } from './cliProcess';
import { limits, newSandbox } from './sandboxHelper';
import { BREAKING_ANSWER, CALC_FIXED, CALC_WITH_BUG, FLAKY_SUITE, MISSING_IMPORT, RIGHT_ANSWER, TEST_EDIT_ANSWER } from './testHealProjects';
import { PYTEST_IMAGE } from './testSuiteProjects';

const RED_ID = 'tests/test_calc.py::test_add[2-2-4]';
const noModel = { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' };
const totals = (passed: number, failed: number): Record<string, number> => ({ total: passed + failed, passed, failed, error: 0, skipped: 0, xfailed: 0, xpassed: 0 });

describe('self-heal test --heal', function () {
  this.timeout(180_000);
  const roots: string[] = [];
  let server: ScriptedModelServer | undefined;
  const project = (files: Record<string, string>): string => {
    const root = makeTree(files);
    roots.push(root);
    return root;
  };
  /** Answers the model's requests in order, the last one again when they run out. */
  const model = async (...answers: string[]): Promise<ScriptedModelServer> => {
    server = await startScriptedModelServer((_request, index) => ({ content: answers[Math.min(index, answers.length - 1)], usage: { prompt_tokens: 900, completion_tokens: 40 } }));
    return server;
  };
  const heal = (root: string, args: string[]): Promise<CliRun> => cli(['test', '--heal', '--image', PYTEST_IMAGE, ...args], { cwd: root, env: noModel });
  const read = (root: string, file: string): string => fs.readFileSync(path.join(root, file), 'utf8');
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  after(() => roots.forEach(removeTree));

  it('heals a failing parametrized case with the model, prints the exact receipt and leaves the file alone without --write', async () => {
    const root = project(CALC_WITH_BUG);
    const { baseUrl, requests } = await model(RIGHT_ANSWER);
    const run = await heal(root, ['--json', '--base-url', baseUrl, '--model', 'scripted-model']);
    assert.strictEqual(run.status, 0, run.stderr);
    const receipt = JSON.parse(run.stdout);
    assert.deepStrictEqual([receipt.outcome, receipt.red, receipt.green, receipt.stillRed, receipt.flaky], ['healed', [RED_ID], [RED_ID], [], []]);
    assert.deepStrictEqual([receipt.before.totals, receipt.after.totals], [totals(2, 1), totals(3, 0)]);
    assert.deepStrictEqual(receipt.attempts.map((a: { outcome: string; source: string; fixedTests: string[]; brokenTests: string[] }) => [a.outcome, a.source, a.fixedTests, a.brokenTests]), [['healed', 'model:scripted-model', [RED_ID], []]]);
    assert.deepStrictEqual(receipt.tokens, { promptTokens: 900, completionTokens: 40, totalTokens: 940 });
    assert.strictEqual(receipt.diff, '--- a/calc.py\n+++ b/calc.py\n@@ -1,4 +1,2 @@\n def add(a, b):\n-    if a == 2 and b == 2:\n-        return 5\n     return a + b\n');
    assert.deepStrictEqual(receipt.changedFiles, { 'calc.py': CALC_FIXED });
    assert.deepStrictEqual(receipt.written, []);
    assert.strictEqual(read(root, 'calc.py'), CALC_WITH_BUG['calc.py']);
    // The prompt: the failing test's source, both sides of the comparison, the code under test.
    const prompt: string = requests[0].body.messages[1].content;
    for (const part of ['## Failing tests', `### ${RED_ID}`, 'left:  5', 'right: 4', '@pytest.mark.parametrize("a,b,expected", [(1, 2, 3), (2, 2, 4), (0, 0, 0)])', '    if a == 2 and b == 2:']) {
      assert.ok(prompt.includes(part), `the prompt lacks ${part}:\n${prompt}`);
    }
  });

  it('with --write writes exactly the fixed text, and --summary the Markdown receipt', async () => {
    const root = project(CALC_WITH_BUG);
    const { baseUrl } = await model(RIGHT_ANSWER);
    const run = await heal(root, ['--write', '--summary', 'heal.md', '--base-url', baseUrl]);
    assert.strictEqual(run.status, 0, run.stderr);
    assert.strictEqual(read(root, 'calc.py'), CALC_FIXED);
    assert.deepStrictEqual(run.stdout.split('\n').slice(0, 4), [`GREEN ${RED_ID}`, 'before: 2 passed, 1 failed', 'after: 3 passed', 'healed: healed in 1 attempt: every target test passes and no test that passed before fails']);
    assert.ok(run.stderr.includes('self-heal: wrote calc.py\n'), run.stderr);
    const summary = read(root, 'heal.md');
    assert.strictEqual(summary.split('\n')[0], '## Self-Heal: the failing tests pass');
    assert.ok(summary.includes(`**Red to green** (1):\n- \`${RED_ID}\`\n`), summary);
    assert.ok(summary.includes('| before | 2 | 1 | 0 | 0 | 0 | 0 | 3 |'), summary);
  });

  it('rejects a fix that makes the failing case pass but breaks two passing ones, tells the model, and writes nothing', async () => {
    const root = project(CALC_WITH_BUG);
    const { baseUrl, requests } = await model(BREAKING_ANSWER);
    const run = await heal(root, ['--json', '--write', '--max-attempts', '2', '--base-url', baseUrl]);
    assert.strictEqual(run.status, 1, run.stderr);
    const receipt = JSON.parse(run.stdout);
    assert.deepStrictEqual([receipt.outcome, receipt.reason, receipt.green, receipt.stillRed, receipt.diff], ['not-healed', 'no fix held within 2 attempts', [], [RED_ID], '']);
    const [attempt, again] = receipt.attempts;
    assert.deepStrictEqual([again.outcome, again.why], ['rejected', `the same fix was tried before: ${attempt.why}`]);
    // The second request carries the first fix and the suite's results with it.
    const prompt: string = requests[1].body.messages[1].content;
    assert.ok(prompt.includes(`Why it failed: ${attempt.why}\nThe suite with it:\nFAILED tests/test_calc.py::test_add[1-2-3] - AssertionError: assert 4 == 3 (tests/test_calc.py:6)\n`), prompt);
    assert.deepStrictEqual([attempt.outcome, attempt.fixedTests, attempt.brokenTests], ['rejected', [RED_ID], ['tests/test_calc.py::test_add[1-2-3]', 'tests/test_calc.py::test_add[0-0-0]']]);
    assert.strictEqual(attempt.why, 'it broke 2 tests that passed before: FAILED tests/test_calc.py::test_add[1-2-3] - AssertionError: assert 4 == 3 (tests/test_calc.py:6); FAILED tests/test_calc.py::test_add[0-0-0] - AssertionError: assert 4 == 0 (tests/test_calc.py:6)');
    assert.deepStrictEqual(attempt.totals, totals(1, 2));
    assert.strictEqual(read(root, 'calc.py'), CALC_WITH_BUG['calc.py']);
  });

  it('refuses a model answer that edits the test file, and takes it with --allow-test-edits', async () => {
    const root = project(CALC_WITH_BUG);
    const { baseUrl, requests } = await model(TEST_EDIT_ANSWER);
    const refused = await heal(root, ['--json', '--write', '--max-attempts', '1', '--base-url', baseUrl]);
    assert.strictEqual(refused.status, 1, refused.stderr);
    const [attempt] = JSON.parse(refused.stdout).attempts;
    assert.deepStrictEqual([attempt.outcome, attempt.why], ['refused', 'the fix edits the test file tests/test_calc.py; the tests are the specification and are not edited unless test edits are allowed']);
    assert.strictEqual(read(root, 'tests/test_calc.py'), CALC_WITH_BUG['tests/test_calc.py']);
    assert.ok(requests[0].body.messages[1].content.includes('never a test file'), 'the prompt says test files are not to be edited');
    const allowed = await heal(root, ['--json', '--write', '--max-attempts', '1', '--allow-test-edits', '--base-url', baseUrl]);
    assert.strictEqual(allowed.status, 0, allowed.stderr);
    assert.strictEqual(JSON.parse(allowed.stdout).outcome, 'healed');
    assert.strictEqual(read(root, 'tests/test_calc.py'), CALC_WITH_BUG['tests/test_calc.py'].replace('== expected', '== (5 if (a, b) == (2, 2) else expected)'));
  });

  it('heals a NameError in the code under test with a rule, no model asked', async () => {
    const root = project(MISSING_IMPORT);
    const run = await heal(root, ['--json', '--write', '--no-llm']);
    assert.strictEqual(run.status, 0, run.stderr);
    const receipt = JSON.parse(run.stdout);
    assert.deepStrictEqual([receipt.outcome, receipt.red, receipt.green], ['healed', ['tests/test_geometry.py::test_hypot'], ['tests/test_geometry.py::test_hypot']]);
    assert.deepStrictEqual([receipt.before.totals, receipt.after.totals, receipt.tokens.totalTokens], [totals(1, 1), totals(2, 0), 0]);
    assert.deepStrictEqual(receipt.attempts.map((a: { source: string; outcome: string }) => [a.source, a.outcome]), [['rule:missing-import', 'healed']]);
    assert.strictEqual(read(root, 'geometry.py'), `from math import sqrt\n${MISSING_IMPORT['geometry.py']}`);
  });
});

describe('healAgainstTests and a flaky test', function () {
  this.timeout(120_000);
  let sandbox: DockerSandbox;
  before(() => (sandbox = newSandbox({ image: PYTEST_IMAGE, warmContainers: 1 })));
  after(() => sandbox.dispose());

  it('reports a test that fails and then passes on the unchanged code as flaky, and asks no fix', async () => {
    let runs = 0;
    // The real sandbox; only the run's number is added, as the variable the test's outcome follows.
    const numbered: Runner = { run: (request) => sandbox.run({ ...request, env: { ...request.env, SUITE_RUN: String(++runs) } }), dispose: async () => undefined };
    const asked: string[] = [];
    const modelFixer: ModelFixer = { model: 'never-asked', propose: async (request) => (asked.push(request.error.type), { usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, rejections: [] }) };
    const root = makeTree(FLAKY_SUITE);
    try {
      const receipt = await healAgainstTests(await collectTestProject(root), { runner: numbered, limits: limits({ timeoutMs: 30_000 }), model: modelFixer });
      assert.deepStrictEqual([receipt.outcome, receipt.flaky, receipt.red, receipt.attempts, asked, runs], ['flaky', ['tests/test_flaky.py::test_sometimes'], [], [], [], 2]);
      assert.strictEqual(receipt.reason, 'tests/test_flaky.py::test_sometimes failed and then passed on the unchanged code: flaky, not healed');
      assert.deepStrictEqual([receipt.before.totals, receipt.after.totals], [totals(1, 1), totals(2, 0)]);
      assert.strictEqual(fs.readFileSync(path.join(root, 'tests/test_flaky.py'), 'utf8'), FLAKY_SUITE['tests/test_flaky.py']);
    } finally {
      removeTree(root);
    }
  });
});
