// Heal Failing Tests in the extension host, on a real engine with the pytest image: a NameError
// healed by the rules and applied in auto mode; a logic fix from a loopback model that makes the
// failing test pass, its receipt in the Fix Attempts panel; a fix that edits a test file refused
// until selfHeal.tests.allowTestEdits allows it; Run & Self-Heal saying "ran clean; 1 test fails".
import * as assert from 'assert';
import * as fs from 'fs/promises';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, attemptsPanel, setSetting, setUserSetting, withModel, workspaceFile } from './hostHelper';
import { waitForItems } from './testExplorerHelper';

const PYTEST_IMAGE = 'localhost/self-heal-python-pytest:3.11';

const FILES: Record<string, string> = {
  'healtests/shapes.py': ['def area(r):', '    return math.pi * r * r', ''].join('\n'),
  'healtests/test_shapes.py': ['from shapes import area', '', '', 'def test_area():', '    assert round(area(1), 2) == 3.14', ''].join('\n'),
  'healtests/pricing.py': ['def discounted(price):', '    return price * 0.8', ''].join('\n'),
  'healtests/test_pricing.py': ['from pricing import discounted', '', '', 'def test_ten_percent_off():', '    assert discounted(100) == 90', '', '', 'def test_zero():', '    assert discounted(0) == 0', ''].join('\n'),
};

const LOGIC_FIX = 'healtests/pricing.py\n<<<<<<< SEARCH\n    return price * 0.8\n=======\n    return price * 0.9\n>>>>>>> REPLACE\n';
const TEST_EDIT = 'healtests/test_pricing.py\n<<<<<<< SEARCH\n    assert discounted(100) == 90\n=======\n    assert discounted(100) == 80\n>>>>>>> REPLACE\n';

interface HealRecord {
  runId: string;
  refused?: string;
  state?: string;
  applied: string[];
  receipt?: { outcome: string; reason: string; red: string[]; green: string[]; stillRed: string[]; before: { totals: Record<string, number> }; after: { totals: Record<string, number> }; attempts: Array<{ source: string; outcome: string; why: string }>; tokens: { totalTokens: number } };
}

async function healItems(ids: string[]): Promise<HealRecord[]> {
  return (await vscode.commands.executeCommand<HealRecord[]>('_selfHeal.healTestItems', ids)) ?? [];
}

async function writeFiles(): Promise<void> {
  for (const [name, text] of Object.entries(FILES)) {
    await fs.mkdir(path.dirname(workspaceFile(name).fsPath), { recursive: true });
    await fs.writeFile(workspaceFile(name).fsPath, text);
  }
}

interface Notice {
  seq: number;
  severity: string;
  message: string;
  buttons: string[];
}

const state = () => vscode.commands.executeCommand<{ notifications: Notice[] }>('_selfHeal.testState');

async function onDisk(name: string): Promise<string> {
  return fs.readFile(workspaceFile(name).fsPath, 'utf8');
}

describe('extension host: Heal Failing Tests heals against the tests in the sandbox', function () {
  this.timeout(180_000);

  // Every test starts from the broken files: the one before heals them on disk.
  beforeEach(writeFiles);

  before(async () => {
    await writeFiles();
    await activateExtension();
    await setUserSetting('image', PYTEST_IMAGE);
    await setSetting('fix.applyMode', 'auto');
    await waitForItems(['healtests/test_shapes.py::test_area', 'healtests/test_pricing.py::test_zero']);
  });

  after(async () => {
    for (const key of ['fix.applyMode', 'tests.allowTestEdits', 'model.name']) await setSetting(key, undefined);
    await setUserSetting('image', undefined);
    await fs.rm(workspaceFile('healtests').fsPath, { recursive: true, force: true });
  });

  it('heals a NameError test failure with the rules (no model) and applies the fix in auto mode', async () => {
    const [heal] = await healItems(['healtests/test_shapes.py']);
    assert.strictEqual(heal.refused, undefined);
    assert.strictEqual(heal.receipt?.outcome, 'healed', heal.receipt?.reason);
    assert.deepStrictEqual(heal.receipt.red, ['healtests/test_shapes.py::test_area']);
    assert.deepStrictEqual(heal.receipt.green, ['healtests/test_shapes.py::test_area']);
    assert.deepStrictEqual(heal.receipt.attempts.map((a) => [a.source, a.outcome]), [['rule:missing-import', 'healed']]);
    assert.strictEqual(heal.state, 'applied');
    assert.deepStrictEqual(heal.applied, ['healtests/shapes.py']);
    assert.strictEqual(await onDisk('healtests/shapes.py'), ['import math', 'def area(r):', '    return math.pi * r * r', ''].join('\n'));
    assert.strictEqual(await onDisk('healtests/test_shapes.py'), FILES['healtests/test_shapes.py']);
  });

  it('with a loopback model, a logic fix makes the failing test pass and the panel holds the receipt', async () => {
    await withModel(() => ({ content: LOGIC_FIX, usage: { prompt_tokens: 120, completion_tokens: 30 } }), async (requests) => {
      const [heal] = await healItems(['healtests/test_pricing.py']);
      assert.strictEqual(heal.receipt?.outcome, 'healed', heal.receipt?.reason);
      assert.strictEqual(requests.length, 1);
      assert.deepStrictEqual(heal.receipt.red, ['healtests/test_pricing.py::test_ten_percent_off']);
      assert.deepStrictEqual(heal.receipt.green, ['healtests/test_pricing.py::test_ten_percent_off']);
      assert.strictEqual(await onDisk('healtests/pricing.py'), ['def discounted(price):', '    return price * 0.9', ''].join('\n'));
      const run = (await attemptsPanel()).state.runs.find((r) => r.id === heal.runId);
      const receipt = run?.testHeal;
      assert.ok(receipt, 'the heal is a run in the panel');
      assert.strictEqual(run.status, 'applied');
      assert.strictEqual(receipt.state, 'applied');
      assert.deepStrictEqual(receipt.red, ['healtests/test_pricing.py::test_ten_percent_off']);
      assert.deepStrictEqual(receipt.green, ['healtests/test_pricing.py::test_ten_percent_off']);
      assert.deepStrictEqual([receipt.before.totals.passed, receipt.before.totals.failed, receipt.after.totals.passed, receipt.after.totals.failed], [1, 1, 2, 0]);
      assert.deepStrictEqual(receipt.attempts.map((a) => [a.number, a.source, a.outcome, a.totalTokens]), [[1, 'model:test-model', 'healed', 150]]);
      assert.strictEqual(receipt.tokens.totalTokens, 150);
      assert.deepStrictEqual(receipt.changed, ['healtests/pricing.py']);
      assert.ok(receipt.summary.startsWith('## Self-Heal: the failing tests pass\n'), receipt.summary);
      assert.ok(receipt.summary.includes('- `healtests/test_pricing.py::test_ten_percent_off`'), receipt.summary);
    });
  });

  it('refuses a fix that edits a test file unless selfHeal.tests.allowTestEdits allows it', async () => {
    await withModel(() => ({ content: TEST_EDIT }), async () => {
      const [refused] = await healItems(['healtests/test_pricing.py']);
      assert.strictEqual(refused.receipt?.outcome, 'not-healed', refused.receipt?.reason);
      assert.ok(refused.receipt.attempts.length > 0);
      assert.ok(refused.receipt.attempts.every((a) => a.outcome === 'refused'), JSON.stringify(refused.receipt.attempts));
      assert.match(refused.receipt.attempts[0].why, /test_pricing\.py/);
      assert.strictEqual(refused.state, 'not-healed');
      assert.strictEqual(await onDisk('healtests/test_pricing.py'), FILES['healtests/test_pricing.py']);
      await setSetting('tests.allowTestEdits', true);
      const [allowed] = await healItems(['healtests/test_pricing.py']);
      assert.strictEqual(allowed.receipt?.outcome, 'healed', allowed.receipt?.reason);
      assert.deepStrictEqual(allowed.applied, ['healtests/test_pricing.py']);
      assert.strictEqual(await onDisk('healtests/test_pricing.py'), FILES['healtests/test_pricing.py'].replace('== 90', '== 80'));
    });
  });

  it('Run & Self-Heal of a module that runs clean while its test fails says "ran clean; 1 test fails", with Heal Failing Tests', async () => {
    const before = (await state()).notifications.at(-1)?.seq ?? 0;
    const outcome = await vscode.commands.executeCommand<{ record: { outcome: string } }>('selfHeal.runAndHeal', workspaceFile('healtests/pricing.py'));
    assert.strictEqual(outcome?.record.outcome, 'clean');
    const shown = (await state()).notifications.filter((n) => n.seq > before);
    assert.deepStrictEqual(shown.map((n) => [n.severity, n.message, n.buttons]), [
      ['warning', 'Self-Heal: healtests/pricing.py ran clean; 1 test fails: healtests/test_pricing.py::test_ten_percent_off', ['Heal Failing Tests']],
    ]);
    const file = (await attemptsPanel()).state.runs[0].files[0];
    assert.deepStrictEqual([file.entry, file.state, file.note], ['healtests/pricing.py', 'clean', 'ran clean; 1 test fails']);
  });

  it('Run & Self-Heal of a module no test imports runs no tests and says nothing more', async () => {
    await fs.writeFile(workspaceFile('healtests/alone.py').fsPath, 'VALUE = 1\n');
    const before = (await state()).notifications.at(-1)?.seq ?? 0;
    const outcome = await vscode.commands.executeCommand<{ record: { outcome: string } }>('selfHeal.runAndHeal', workspaceFile('healtests/alone.py'));
    assert.strictEqual(outcome?.record.outcome, 'clean');
    assert.deepStrictEqual((await state()).notifications.filter((n) => n.seq > before), []);
    const file = (await attemptsPanel()).state.runs[0].files[0];
    assert.deepStrictEqual([file.entry, file.state, file.note], ['healtests/alone.py', 'clean', undefined]);
  });
});
