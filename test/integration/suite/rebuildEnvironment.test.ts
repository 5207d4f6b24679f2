// "Self-Heal: Rebuild Environment" in the real host: the workspace's set is asked about first, then
// handed to the environment images of the runner the settings choose. The set here names a source
// archive, which the builder refuses before any container is made, so nothing is downloaded.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { activateExtension, answerNextQuestions, openFile, setSetting, setUserSetting, workspaceFile } from './hostHelper';

const SOURCE_REQUIREMENT = 'somepkg @ https://packages.invalid/somepkg-1.0.tar.gz';
const state = () => vscode.commands.executeCommand<{ questionsAsked: string[] }>('_selfHeal.testState');

async function rebuild(): Promise<{ asked: string[]; outcome: unknown }> {
  const before = (await state()).questionsAsked.length;
  const outcome = await vscode.commands.executeCommand('selfHeal.rebuildEnvironment');
  return { asked: (await state()).questionsAsked.slice(before), outcome };
}

describe('extension host: Rebuild Environment', function () {
  this.timeout(120_000);

  before(async () => {
    await activateExtension();
    if (process.env.SELF_HEAL_TEST_IMAGE) await setUserSetting('image', process.env.SELF_HEAL_TEST_IMAGE);
    fs.writeFileSync(workspaceFile('requirements.txt').fsPath, `${SOURCE_REQUIREMENT}\n`);
    await openFile('requirements.txt');
  });

  after(async () => {
    await setUserSetting('runner', undefined);
    fs.rmSync(workspaceFile('requirements.txt').fsPath, { force: true });
  });

  it('after a yes, hands the set to the sandbox\'s environment builder, which refuses a source archive without building', async () => {
    await answerNextQuestions('Build Environment');
    const { asked, outcome } = await rebuild();
    assert.deepStrictEqual(asked, ["Self-Heal: install this workspace's requirement into an environment image?"]);
    assert.deepStrictEqual(outcome, {
      refused: `Self-Heal: Not installed: '${SOURCE_REQUIREMENT}' names a source to build rather than a package on an index, and building runs its own code; ` +
        'Self-Heal installs wheels only unless source builds are allowed (the setting selfHeal.environment.allowSourceBuilds or the flag --allow-source-builds).',
    });
  });

  it("asks before it takes the workspace's image, as a run does, and builds over the user's own after a no", async () => {
    await setSetting('image', 'example.invalid/held:1');
    try {
      // The set was approved by the test before, so the only question is the workspace's value.
      await answerNextQuestions(null);
      const { asked, outcome } = await rebuild();
      assert.deepStrictEqual(asked, ["This workspace sets selfHeal.image to 'example.invalid/held:1': its programs would run in that image, pulled from its registry when missing."]);
      assert.match(String((outcome as { refused?: string }).refused), /^Self-Heal: Not installed: 'somepkg @ /);
    } finally {
      await setSetting('image', undefined);
    }
  });

  it('with the local runner there is no environment to build, and nothing is asked', async () => {
    await setUserSetting('runner', 'local');
    const { asked, outcome } = await rebuild();
    assert.deepStrictEqual(asked, []);
    assert.deepStrictEqual(outcome, { refused: 'Self-Heal: environments are container images; selfHeal.runner is local.' });
  });
});
