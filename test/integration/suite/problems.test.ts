// Self-Heal's problems belong to the run that found them: a run replaces its own target's earlier
// problems (and those in the files its error points into), never another target's; a problem
// dropped by an edit, or by an applied quick fix, comes back when undo brings back the text it was
// found in, with its quick fix working.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, setSetting, setUserSetting, workspaceFile } from './hostHelper';

interface State {
  diagnostics: Array<{ file: string; items: Array<{ range: number[]; message: string }> }>;
}

const FILES: Record<string, string> = {
  'owned/alpha.py': "names = ['a']\nprint(nmes)\n",
  'owned/beta.py': 'total = 10\nprint(total / 0)\n',
  'owned/gamma.py': 'LIMIT = 5\nSIZE = LIMIT + WIDTH\n',
  'owned/clean.py': 'VALUE = 1\n',
};
const ALPHA = [[1, 6, 1, 10], "NameError: name 'nmes' is not defined. Did you mean: 'names'?"];
const BETA = [[1, 6, 1, 15], 'ZeroDivisionError: division by zero'];
const GAMMA = [[1, 15, 1, 20], "NameError: name 'WIDTH' is not defined"];
const CRASH = [[1, 11, 1, 36], 'ZeroDivisionError: division by zero'];
const WATCHED = ['crash.py', ...Object.keys(FILES)];

/** The Self-Heal problems of the files these tests use: file -> [range, message] each. */
async function problems(): Promise<Record<string, unknown[]>> {
  const { diagnostics } = await vscode.commands.executeCommand<State>('_selfHeal.testState');
  const shown: Record<string, unknown[]> = {};
  for (const { file, items } of diagnostics) {
    if (WATCHED.includes(file) && items.length > 0) shown[file] = items.map((d) => [d.range, d.message]);
  }
  return shown;
}

const runWithoutHealing = (file: string) => vscode.commands.executeCommand<{ record: { outcome: string } }>('selfHeal.runWithoutHealing', workspaceFile(file));

async function quickFixes(file: string): Promise<vscode.CodeAction[]> {
  const uri = workspaceFile(file);
  const [diagnostic] = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Self-Heal');
  assert.ok(diagnostic, `a Self-Heal diagnostic on ${file}`);
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
}

async function applyFix(file: string, title: string): Promise<{ applied: boolean; message: string }> {
  const actions = await quickFixes(file);
  const fix = actions.find((a) => a.title === title);
  assert.ok(fix?.command, actions.map((a) => a.title).join(', '));
  return vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
}

/** Ctrl+Z in the document's editor; resolves once the extension host has the text back. */
async function undoIn(document: vscode.TextDocument, expected: string): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('undo');
  for (let i = 0; i < 100 && document.getText() !== expected; i++) await new Promise((r) => setTimeout(r, 50));
  assert.strictEqual(document.getText(), expected);
}

/** Puts a fixture file back as it was, on disk and in its document. */
async function restore(file: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(file));
  if (document.getText() !== FILES[file]) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), FILES[file]);
    await vscode.workspace.applyEdit(edit);
  }
  if (document.isDirty) await document.save();
}

describe('extension host: problems belong to the run that found them', function () {
  this.timeout(120_000);

  before(async () => {
    await activateExtension();
    if (process.env.SELF_HEAL_TEST_IMAGE) await setUserSetting('image', process.env.SELF_HEAL_TEST_IMAGE);
    for (const [file, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(workspaceFile(file).fsPath), { recursive: true });
      fs.writeFileSync(workspaceFile(file).fsPath, text);
    }
  });

  // Each test starts from the fixture's text, whatever the one before left behind.
  beforeEach(async () => {
    for (const file of Object.keys(FILES)) await restore(file);
  });

  after(async () => {
    await setSetting('fix.ruleBased', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(workspaceFile('owned').fsPath, { recursive: true, force: true });
  });

  it('a workspace run shows one problem per failing file and keeps the problems of targets it did not run', async () => {
    assert.strictEqual((await runWithoutHealing('crash.py'))?.record.outcome, 'not-healed');
    await setSetting('fix.ruleBased', false); // nothing heals: each file keeps its error
    try {
      const outcomes = await vscode.commands.executeCommand<Array<{ record: { entry: string; outcome: string } }>>('selfHeal.runAndHealWorkspace', workspaceFile('owned'), [workspaceFile('owned')]);
      assert.deepStrictEqual((outcomes ?? []).map((o) => [o.record.entry, o.record.outcome]), [
        ['owned/alpha.py', 'not-healed'],
        ['owned/beta.py', 'not-healed'],
        ['owned/clean.py', 'clean'],
        ['owned/gamma.py', 'not-healed'],
      ]);
    } finally {
      await setSetting('fix.ruleBased', undefined);
    }
    assert.deepStrictEqual(await problems(), { 'crash.py': [CRASH], 'owned/alpha.py': [ALPHA], 'owned/beta.py': [BETA], 'owned/gamma.py': [GAMMA] });
  });

  it('running file B after file A keeps A\'s problem', async () => {
    await runWithoutHealing('owned/alpha.py');
    await runWithoutHealing('owned/beta.py');
    const shown = await problems();
    assert.deepStrictEqual([shown['owned/alpha.py'], shown['owned/beta.py']], [[ALPHA], [BETA]]);
  });

  it('a clean re-run of A clears A\'s problem only; undo then does not bring back what the later run replaced', async () => {
    await runWithoutHealing('owned/alpha.py');
    await runWithoutHealing('owned/beta.py');
    const document = await vscode.workspace.openTextDocument(workspaceFile('owned/alpha.py'));
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.replace(new vscode.Range(1, 6, 1, 10), 'names'));
    assert.strictEqual((await runWithoutHealing('owned/alpha.py'))?.record.outcome, 'clean');
    const shown = await problems();
    assert.deepStrictEqual([shown['owned/alpha.py'], shown['owned/beta.py']], [undefined, [BETA]]);
    await undoIn(document, FILES['owned/alpha.py']);
    assert.strictEqual((await problems())['owned/alpha.py'], undefined);
  });

  it('undo of an applied rule quick fix brings the problem back, and its quick fix applies again', async () => {
    await runWithoutHealing('owned/alpha.py');
    const document = await vscode.workspace.openTextDocument(workspaceFile('owned/alpha.py'));
    const fixed = "names = ['a']\nprint(names)\n";
    const first = await applyFix('owned/alpha.py', "Change 'nmes' to 'names'");
    assert.deepStrictEqual([first.applied, first.message], [true, "Self-Heal: Change 'nmes' to 'names': applied (verified: the program runs clean)."]);
    assert.strictEqual(document.getText(), fixed);
    assert.strictEqual((await problems())['owned/alpha.py'], undefined);
    await undoIn(document, FILES['owned/alpha.py']);
    assert.deepStrictEqual((await problems())['owned/alpha.py'], [ALPHA]);
    const again = await applyFix('owned/alpha.py', "Change 'nmes' to 'names'");
    assert.deepStrictEqual([again.applied, again.message], [true, "Self-Heal: Change 'nmes' to 'names': applied (verified: the program runs clean)."]);
    assert.strictEqual(document.getText(), fixed);
    assert.strictEqual((await problems())['owned/alpha.py'], undefined);
  });

  it('an edit on the problem\'s line drops it; undo of the edit brings it back with its quick fix', async () => {
    await runWithoutHealing('owned/alpha.py');
    assert.deepStrictEqual((await problems())['owned/alpha.py'], [ALPHA]);
    const document = await vscode.workspace.openTextDocument(workspaceFile('owned/alpha.py'));
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(1, 11), '  # looking'));
    assert.strictEqual((await problems())['owned/alpha.py'], undefined);
    await undoIn(document, FILES['owned/alpha.py']);
    assert.deepStrictEqual((await problems())['owned/alpha.py'], [ALPHA]);
    assert.deepStrictEqual((await quickFixes('owned/alpha.py')).map((a) => [a.title, a.isPreferred ?? false]), [["Change 'nmes' to 'names'", true], ['Run & Self-Heal this file', false]]);
  });
});
