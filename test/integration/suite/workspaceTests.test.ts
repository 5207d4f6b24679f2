// A workspace run whose programs all run clean while a test fails is not "all clean": after the
// programs, the folder's suite runs once (in the extension host, on the real engine with the pytest
// image), the summary notification says how many tests fail with Heal Failing Tests, and the run in
// Fix Attempts carries the same words.
import * as assert from 'assert';
import * as fs from 'fs/promises';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, attemptsPanel, setUserSetting, workspaceFile } from './hostHelper';

const PYTEST_IMAGE = 'localhost/self-heal-python-pytest:3.11';

const FILES: Record<string, string> = {
  'wstests/pricing.py': 'def discounted(price):\n    return price * 0.8\n',
  'wstests/main.py': 'from pricing import discounted\nprint(discounted(100))\n',
  'wstests/test_pricing.py': 'from pricing import discounted\n\n\ndef test_ten_percent_off():\n    assert discounted(100) == 90\n\n\ndef test_zero():\n    assert discounted(0) == 0\n',
};

interface Notice {
  seq: number;
  severity: string;
  message: string;
  buttons: string[];
}

const notifications = async (): Promise<Notice[]> => (await vscode.commands.executeCommand<{ notifications: Notice[] }>('_selfHeal.testState')).notifications;

describe('extension host: a workspace run says its failing tests', function () {
  this.timeout(240_000);

  before(async () => {
    for (const [name, text] of Object.entries(FILES)) {
      await fs.mkdir(path.dirname(workspaceFile(name).fsPath), { recursive: true });
      await fs.writeFile(workspaceFile(name).fsPath, text);
    }
    await activateExtension();
    await setUserSetting('image', PYTEST_IMAGE);
  });

  after(async () => {
    await setUserSetting('image', undefined);
    await fs.rm(workspaceFile('wstests').fsPath, { recursive: true, force: true });
  });

  it('runs the suite once after the clean programs and says "1 test fails" with Heal Failing Tests, in the notification and Fix Attempts', async () => {
    const before = (await notifications()).at(-1)?.seq ?? 0;
    const programs = [workspaceFile('wstests/main.py'), workspaceFile('wstests/pricing.py')];
    const outcomes = await vscode.commands.executeCommand<Array<{ record: { entry: string; outcome: string } }>>('selfHeal.runAndHealWorkspace', programs[0], programs);
    assert.deepStrictEqual(outcomes.map((o) => [o.record.entry, o.record.outcome]).sort(), [['wstests/main.py', 'clean'], ['wstests/pricing.py', 'clean']]);
    await new Promise((r) => setTimeout(r, 300));
    const shown = (await notifications()).filter((n) => n.seq > before).map(({ seq: _seq, ...notice }) => notice);
    assert.deepStrictEqual(shown, [{
      severity: 'warning',
      message: 'Self-Heal: 2 files: 1 ran clean, 1 imports cleanly. 1 test fails: wstests/test_pricing.py::test_ten_percent_off.',
      buttons: ['Heal Failing Tests', 'Show Fix Attempts'],
    }]);
    const run = (await attemptsPanel()).state.runs[0];
    assert.deepStrictEqual([run.title, run.note, run.files.map((f) => [f.entry, f.state])], [
      'Run & Self-Heal: 2 files in ' + vscode.workspace.workspaceFolders![0].name, '1 test fails', [['wstests/main.py', 'clean'], ['wstests/pricing.py', 'clean']],
    ]);
  });

  it('says nothing of tests once they pass', async () => {
    await fs.writeFile(workspaceFile('wstests/pricing.py').fsPath, FILES['wstests/pricing.py'].replace('0.8', '0.9'));
    const before = (await notifications()).at(-1)?.seq ?? 0;
    const programs = [workspaceFile('wstests/main.py'), workspaceFile('wstests/pricing.py')];
    await vscode.commands.executeCommand('selfHeal.runAndHealWorkspace', programs[0], programs);
    await new Promise((r) => setTimeout(r, 300));
    const shown = (await notifications()).filter((n) => n.seq > before).map((n) => [n.severity, n.message, n.buttons]);
    assert.deepStrictEqual(shown, [['info', 'Self-Heal: 2 files: 1 ran clean, 1 imports cleanly.', ['Show Fix Attempts']]]);
    assert.strictEqual((await attemptsPanel()).state.runs[0].note, undefined);
  });
});
