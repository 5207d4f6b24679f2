// Run Without Healing on a program whose doctest fails while it exits 0: the run is not clean, and
// the problem sits on the failing example's line, saying what it printed and what was expected.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, setUserSetting, workspaceFile } from './hostHelper';

const FILE = 'checks/doctest_fails.py';
const PROGRAM = 'def add(a, b):\n    """Adds.\n\n    >>> add(1, 1)\n    2\n    >>> add(2, 2)\n    4\n    """\n    return a + b + (a == 2)\n\n\nif __name__ == "__main__":\n    import doctest\n    doctest.testmod()\n';

interface State {
  diagnostics: Array<{ file: string; items: Array<{ range: number[]; message: string }> }>;
}

describe('extension host: the program\'s own checks', function () {
  this.timeout(120_000);

  before(async () => {
    await activateExtension();
    if (process.env.SELF_HEAL_TEST_IMAGE) await setUserSetting('image', process.env.SELF_HEAL_TEST_IMAGE);
    fs.mkdirSync(path.dirname(workspaceFile(FILE).fsPath), { recursive: true });
    fs.writeFileSync(workspaceFile(FILE).fsPath, PROGRAM);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(workspaceFile('checks').fsPath, { recursive: true, force: true });
  });

  it('Run Without Healing shows a failing doctest at exit 0 as a problem on the example\'s line', async () => {
    const outcome = await vscode.commands.executeCommand<{ record: { outcome: string } }>('selfHeal.runWithoutHealing', workspaceFile(FILE));
    assert.strictEqual(outcome?.record.outcome, 'not-healed');
    const { diagnostics } = await vscode.commands.executeCommand<State>('_selfHeal.testState');
    const shown = diagnostics.find((d) => d.file === FILE)?.items.map((d) => [d.range, d.message]);
    assert.deepStrictEqual(shown, [[[5, 4, 5, 17], 'doctest failure: add(2, 2) printed 5, expected 4']]);
  });
});
