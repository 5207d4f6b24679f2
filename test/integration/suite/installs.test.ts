// Nothing is installed in the editor that the user did not approve: a fix that adds a requirement
// asks first (and a no stops the heal before any build), and a workspace's own requirements.txt is
// built only after the user said yes to that set. The questions are answered through the test
// host's hook; every answer here is a no, so nothing is downloaded by any test.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { activateOnTestImage, answerNextQuestions, openFile, setSetting, workspaceFile } from './hostHelper';

interface InstallState {
  questionsAsked: string[];
}
interface HealOutcome {
  record: { outcome: string; stopReason: string; attempts: Array<{ fix?: { source: string; description: string } }> };
  applied: string[];
}

const state = () => vscode.commands.executeCommand<InstallState>('_selfHeal.testState');
const TYPO = 'import reqeusts\nprint(reqeusts.__name__)\n';

async function questionsDuring<T>(action: () => Thenable<T>): Promise<{ asked: string[]; result: T }> {
  const before = (await state()).questionsAsked.length;
  const result = await action();
  return { asked: (await state()).questionsAsked.slice(before), result };
}

describe('extension host: installs need the user\'s approval', function () {
  this.timeout(120_000);

  before(async () => {
    await activateOnTestImage();
    await setSetting('fix.applyMode', 'auto');
    await setSetting('fix.ai', false);
    fs.mkdirSync(workspaceFile('installs').fsPath, { recursive: true });
  });

  after(async () => {
    for (const key of ['fix.applyMode', 'fix.ai']) await setSetting(key, undefined);
    fs.rmSync(workspaceFile('installs').fsPath, { recursive: true, force: true });
    fs.rmSync(workspaceFile('requirements.txt').fsPath, { force: true });
  });

  it('a fix that adds a requirement asks by name; no stops the heal and changes nothing', async () => {
    fs.writeFileSync(workspaceFile('installs/typo.py').fsPath, TYPO);
    await openFile('installs/typo.py');
    await answerNextQuestions(null);
    const { asked, result } = await questionsDuring(() => vscode.commands.executeCommand<HealOutcome>('selfHeal.runAndHeal'));
    assert.deepStrictEqual(asked, ["Self-Heal: install 'requests'?"]);
    assert.deepStrictEqual([result.record.outcome, result.record.stopReason, result.applied], ['needs-approval', 'needs approval to install requests', []]);
    assert.strictEqual(result.record.attempts[0].fix?.description, "Change 'reqeusts' to 'requests' and add 'requests' to requirements.txt");
    assert.strictEqual(fs.readFileSync(workspaceFile('installs/typo.py').fsPath, 'utf8'), TYPO);
    assert.strictEqual(fs.existsSync(workspaceFile('requirements.txt').fsPath), false);
  });

  it("a workspace's requirements.txt is built only after a yes to that set", async () => {
    fs.writeFileSync(workspaceFile('requirements.txt').fsPath, 'somepkg==1.0\n');
    fs.writeFileSync(workspaceFile('installs/uses.py').fsPath, 'import somepkg\n');
    try {
      await openFile('installs/uses.py');
      type EngineView = { engineState: { kind: string }; lastEngineProblem?: string };
      const before = await vscode.commands.executeCommand<EngineView>('_selfHeal.testState');
      await answerNextQuestions(null);
      const { asked, result } = await questionsDuring(() => vscode.commands.executeCommand<HealOutcome>('selfHeal.runAndHeal'));
      assert.deepStrictEqual(asked, ["Self-Heal: install this workspace's requirement into an environment image?"]);
      assert.strictEqual(result.record.outcome, 'engine-error');
      assert.strictEqual(result.record.stopReason, 'the environment could not be prepared: The environment was not built: installing somepkg==1.0 was not approved. Run again to be asked again.');
      // The engine answered: a declined install is not "no engine", and not an engine notification.
      const after = await vscode.commands.executeCommand<EngineView>('_selfHeal.testState');
      assert.ok(after.engineState.kind === 'unknown' || after.engineState.kind === 'found', JSON.stringify(after.engineState));
      assert.strictEqual(after.lastEngineProblem, before.lastEngineProblem, 'no engine notification for a declined build');
    } finally {
      fs.rmSync(workspaceFile('requirements.txt').fsPath, { force: true });
    }
  });
});
