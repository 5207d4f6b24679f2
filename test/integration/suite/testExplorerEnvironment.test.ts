// Run in Sandbox installs the project's test requirements (requirements-dev.txt) from the package
// index named by selfHeal.environment.indexUrl (served on 127.0.0.1 by this test) after the same
// question Run Python File asks, and the tests run with the package installed; Heal Failing Tests
// judges its fix in the same environment.
import * as assert from 'assert';
import Docker from 'dockerode';
import * as fs from 'fs';
import { dockerOptionsFor } from '../../../src/sandbox/engineDiscovery';
import { startPackageIndex, type PackageIndex } from '../../sandbox/packageIndex';
import * as vscode from 'vscode';
import { activateExtension, answerNextQuestions, setSetting, setUserSetting, withModel, workspaceFile } from './hostHelper';
import { runTestItems, waitForItems } from './testExplorerHelper';

/** The questions the editor asked, oldest first. */
async function questionsAsked(): Promise<string[]> {
  return (await vscode.commands.executeCommand<{ questionsAsked: string[] }>('_selfHeal.testState')).questionsAsked;
}

const PYTEST_IMAGE = 'localhost/self-heal-python-pytest:3.11';
const WHEEL = { name: 'explorer-index-pkg', version: '1.0', files: { 'explorer_index_pkg/__init__.py': "WHERE = 'installed from the loopback index'\n" } };
const TEST = "import explorer_index_pkg\n\n\ndef test_installed():\n    assert explorer_index_pkg.WHERE == 'installed from the loopback index'\n";
/** A logic bug whose test needs the package too: without the environment it errs at import, whatever the fix. */
const CALC = 'def add(a, b):\n    return a - b\n';
const CALC_TEST = 'import explorer_index_pkg\nfrom calc import add\n\n\ndef test_add():\n    assert explorer_index_pkg.WHERE and add(2, 2) == 4\n';
const CALC_FIX = 'envtests/calc.py\n<<<<<<< SEARCH\n    return a - b\n=======\n    return a + b\n>>>>>>> REPLACE\n';

interface HealRecord {
  receipt?: { outcome: string; reason: string; red: string[]; green: string[]; before: { totals: Record<string, number> }; after: { totals: Record<string, number> } };
}

describe('extension host: Test Explorer installs the test requirements', function () {
  this.timeout(240_000);
  let index: PackageIndex;
  const docker = new Docker(dockerOptionsFor(process.env.DOCKER_HOST ?? ''));
  let imagesBefore = new Set<string>();

  before(async () => {
    await activateExtension();
    await setUserSetting('image', PYTEST_IMAGE);
    index = await startPackageIndex(`explorer-${process.pid}-${Date.now()}`, [WHEEL]);
    await setUserSetting('environment.indexUrl', index.url);
    imagesBefore = new Set((await docker.listImages()).map((image) => image.Id));
    fs.mkdirSync(workspaceFile('envtests').fsPath, { recursive: true });
    fs.writeFileSync(workspaceFile('envtests/test_env.py').fsPath, TEST);
    fs.writeFileSync(workspaceFile('requirements-dev.txt').fsPath, 'explorer-index-pkg==1.0\n');
  });

  after(async () => {
    for (const key of ['fix.applyMode', 'model.name']) await setSetting(key, undefined);
    await setUserSetting('environment.indexUrl', undefined);
    await setUserSetting('image', undefined);
    await index.close();
    fs.rmSync(workspaceFile('envtests').fsPath, { recursive: true, force: true });
    fs.rmSync(workspaceFile('requirements-dev.txt').fsPath, { force: true });
    // The environment image this run built goes with it (only environment images, only new ones).
    const built = (await docker.listImages()).filter((image) => !imagesBefore.has(image.Id) && (image.RepoTags ?? []).some((tag) => tag.startsWith('localhost/self-heal-env:')));
    for (const image of built) await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
  });

  it('asks before installing, installs requirements-dev.txt from the configured index and runs the test with it', async () => {
    await waitForItems(['envtests/test_env.py::test_installed']);
    const asked = (await questionsAsked()).length;
    await answerNextQuestions('Build Environment');
    const state = await runTestItems(['envtests']);
    const questions = (await questionsAsked()).slice(asked);
    assert.deepStrictEqual(questions.map((q) => q.split('\n')[0]), ["Self-Heal: install this workspace's requirement into an environment image?"]);
    assert.deepStrictEqual((state.lastRun?.reported ?? []).map(({ id, outcome }) => ({ id, outcome })), [{ id: 'envtests/test_env.py::test_installed', outcome: 'passed' }]);
    const prefix = new URL(index.url).pathname.replace(/simple\/$/, '');
    assert.deepStrictEqual(index.requests, [`${prefix}simple/explorer-index-pkg/`, `${prefix}packages/explorer_index_pkg-1.0-py3-none-any.whl`]);
  });

  it('Heal Failing Tests judges the fix in that environment: a logic bug goes red to green, with no second question', async () => {
    fs.writeFileSync(workspaceFile('envtests/calc.py').fsPath, CALC);
    fs.writeFileSync(workspaceFile('envtests/test_calc.py').fsPath, CALC_TEST);
    await waitForItems(['envtests/test_calc.py::test_add']);
    await setSetting('fix.applyMode', 'auto');
    const asked = (await questionsAsked()).length;
    await withModel(() => ({ content: CALC_FIX, usage: { prompt_tokens: 100, completion_tokens: 20 } }), async (requests) => {
      const [heal] = (await vscode.commands.executeCommand<HealRecord[]>('_selfHeal.healTestItems', ['envtests/test_calc.py'])) ?? [];
      assert.strictEqual(heal?.receipt?.outcome, 'healed', heal?.receipt?.reason);
      assert.deepStrictEqual([heal.receipt.red, heal.receipt.green], [['envtests/test_calc.py::test_add'], ['envtests/test_calc.py::test_add']]);
      assert.deepStrictEqual([heal.receipt.before.totals.failed, heal.receipt.before.totals.error, heal.receipt.after.totals.passed], [1, 0, 1]);
      assert.strictEqual(requests.length, 1);
      const prompt: string = requests[0].body.messages[1].content;
      assert.ok(!prompt.includes('ModuleNotFoundError'), prompt);
    });
    assert.strictEqual(fs.readFileSync(workspaceFile('envtests/calc.py').fsPath, 'utf8'), CALC.replace('a - b', 'a + b'));
    // The set was approved for Run in Sandbox: the heal builds nothing new and asks nothing.
    assert.deepStrictEqual((await questionsAsked()).slice(asked), []);
  });
});
