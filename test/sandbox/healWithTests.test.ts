// `self-heal heal FILE --tests` as a user runs it (the bundled CLI, the real engine, real pytest in the
// test image, a loopback OpenAI-protocol server): the program's own run is healed first (a rule),
// then the program is healed against the tests of its folder that import it (the model), and both
// fixes are written; a program whose own run stays broken never reaches its tests; a program no
// test imports is said to have none; a clean program with passing tests exits 0.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { startScriptedModelServer } from '../support/scriptedModelServer';
import { makeTree, removeTree } from '../support/tempDir';
import { cli, type CliRun } from './cliProcess';
import { RIGHT_ANSWER } from './testHealProjects';
import { CALC_WITH_BUG, PYTEST_IMAGE } from './testSuiteProjects';

const RED_ID = 'tests/test_calc.py::test_add[2-2-4]';
const MAIN_BLOCK = '\n\nif __name__ == "__main__":\n    print(add(1, 2))\n';
/** calc.py's own run fails on a typo (a rule heals it); its test fails for 2 + 2 (the model heals it); test_other.py does not import it. */
const TYPO_AND_BUG: Record<string, string> = {
  ...CALC_WITH_BUG,
  'calc.py': `${CALC_WITH_BUG['calc.py']}${MAIN_BLOCK.replace('add(1, 2)', 'ad(1, 2)')}`,
  'tests/test_other.py': 'def test_other():\n    assert 1 == 1\n',
};
const totals = (passed: number, failed: number): Record<string, number> => ({ total: passed + failed, passed, failed, error: 0, skipped: 0, xfailed: 0, xpassed: 0 });
const noModel = { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' };

describe('self-heal heal FILE --tests', function () {
  this.timeout(180_000);
  const roots: string[] = [];
  const project = (files: Record<string, string>): string => {
    const root = makeTree(files);
    roots.push(root);
    return root;
  };
  const heal = (root: string, args: string[]): Promise<CliRun> => cli(['heal', 'calc.py', '--tests', '--image', PYTEST_IMAGE, ...args], { cwd: root, env: noModel });
  const read = (root: string, file: string): string => fs.readFileSync(path.join(root, file), 'utf8');
  after(() => roots.forEach(removeTree));

  it('heals the program\'s own run with a rule, then its failing test with the model, and writes both fixes', async () => {
    const root = project(TYPO_AND_BUG);
    const server = await startScriptedModelServer(() => ({ content: RIGHT_ANSWER, usage: { prompt_tokens: 900, completion_tokens: 40 } }));
    let run: CliRun;
    try {
      run = await heal(root, ['--json', '--write', '--base-url', server.baseUrl, '--model', 'scripted-model']);
      assert.strictEqual(server.requests.length, 1, 'the model is asked once: for the test, not for the typo');
    } finally {
      await server.close();
    }
    assert.strictEqual(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.deepStrictEqual([report.outcome, report.testFiles, report.program.outcome, report.program.written], ['healed', ['tests/test_calc.py'], 'healed', ['calc.py']]);
    assert.deepStrictEqual(report.program.attempts.map((a: { fix: { source: string } }) => a.fix.source), ['rule:did-you-mean']);
    const { tests } = report;
    assert.deepStrictEqual([tests.outcome, tests.red, tests.green, tests.stillRed, tests.written], ['healed', [RED_ID], [RED_ID], [], ['calc.py']]);
    assert.deepStrictEqual([tests.before.totals, tests.after.totals], [totals(2, 1), totals(3, 0)]);
    assert.deepStrictEqual(tests.attempts.map((a: { source: string; outcome: string }) => [a.source, a.outcome]), [['model:scripted-model', 'healed']]);
    assert.strictEqual(read(root, 'calc.py'), `def add(a, b):\n    return a + b\n${MAIN_BLOCK}`);
    assert.strictEqual(read(root, 'tests/test_calc.py'), TYPO_AND_BUG['tests/test_calc.py']);
  });

  it('does not run the tests of a program whose own run stays broken, and changes nothing', async () => {
    const broken = { ...CALC_WITH_BUG, 'calc.py': `${CALC_WITH_BUG['calc.py']}\nSETTINGS = open("settings.ini").read()\n` };
    const root = project(broken);
    const run = await heal(root, ['--json', '--write', '--no-llm']);
    assert.strictEqual(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.deepStrictEqual([report.outcome, report.program.outcome, report.testFiles, report.tests], ['program-not-clean', 'not-healed', [], null]);
    assert.ok(report.reason.startsWith('the program\'s own run is not clean (not-healed: '), report.reason);
    assert.strictEqual(read(root, 'calc.py'), broken['calc.py']);
  });

  it('says when no test of the folder imports the program', async () => {
    const root = project({ 'calc.py': 'def add(a, b):\n    return a + b\n', 'tests/test_other.py': 'def test_other():\n    assert 1 == 1\n' });
    const run = await heal(root, ['--no-llm']);
    assert.strictEqual(run.status, 1, run.stderr);
    assert.strictEqual(run.stdout, `no-tests: no test file in ${path.resolve(root)} imports calc\n`);
    assert.ok(run.stderr.includes('✓ calc.py: ran clean, nothing to heal\n'), run.stderr);
  });

  it('exits 0 for a clean program whose tests pass, with the totals', async () => {
    const root = project({ ...CALC_WITH_BUG, 'calc.py': 'def add(a, b):\n    return a + b\n' });
    const run = await heal(root, ['--no-llm']);
    assert.strictEqual(run.status, 0, run.stderr);
    assert.strictEqual(run.stdout, 'before: 3 passed\nafter: 3 passed\npassing: every selected test passes: nothing to heal\n');
  });
});
