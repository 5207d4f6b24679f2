// A quick fix for a module that Run & Self-Heal: Workspace import-checked is verified by importing it
// again through the same driver, so a correct fix is applied (run as a script, its relative import
// failed and the fix was refused).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateOnTestImage, setSetting, workspaceFile } from './hostHelper';

interface State {
  lastHeal?: { record: { entry: string; outcome: string }; applied: string[] };
  diagnostics: Array<{ file: string; items: Array<{ message: string }> }>;
}

const FILES: Record<string, string> = {
  'modfix/pkg/__init__.py': '',
  'modfix/pkg/sibling.py': 'VALUE = 21\n',
  'modfix/pkg/report.py': 'from . import sibling\ntotal = sibling.VALUE * 2\nSHOWN = totl\n',
};
const state = () => vscode.commands.executeCommand<State>('_selfHeal.testState');
const diagnosticsOf = async (file: string) => ((await state()).diagnostics.find((d) => d.file === file)?.items ?? []).map((d) => d.message);

describe('extension host: a quick fix on an import-checked module', function () {
  this.timeout(120_000);

  before(async () => {
    await activateOnTestImage();
    for (const [file, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(workspaceFile(file).fsPath), { recursive: true });
      fs.writeFileSync(workspaceFile(file).fsPath, text);
    }
  });

  beforeEach(async () => {
    // The run only finds the error; the fix is chosen from the lightbulb.
    await setSetting('fix.ruleBased', false);
  });

  after(async () => {
    await setSetting('fix.ruleBased', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(workspaceFile('modfix').fsPath, { recursive: true, force: true });
  });

  it('Apply rule fix verifies through the import check and applies', async () => {
    const uri = workspaceFile('modfix/pkg/report.py');
    const outcomes = await vscode.commands.executeCommand<Array<NonNullable<State['lastHeal']>>>('selfHeal.runAndHealWorkspace', uri, [uri]);
    assert.deepStrictEqual((outcomes ?? []).map((o) => [o.record.entry, o.record.outcome]), [['modfix/pkg/report.py', 'not-healed']]);
    await setSetting('fix.ruleBased', undefined); // the lightbulb offers rule fixes again
    const document = await vscode.workspace.openTextDocument(uri);
    const [diagnostic] = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Self-Heal');
    assert.strictEqual(diagnostic?.message, "NameError: name 'totl' is not defined. Did you mean: 'total'?");
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const rule = actions.find((a) => a.title === "Change 'totl' to 'total'");
    assert.ok(rule?.command, actions.map((a) => a.title).join(', '));
    const result = await vscode.commands.executeCommand<{ applied: boolean; verdict?: string; message: string }>(rule.command.command, ...(rule.command.arguments ?? []));
    assert.deepStrictEqual([result?.applied, result?.verdict, result?.message], [true, 'clean', "Self-Heal: Change 'totl' to 'total': applied (verified: the program runs clean)."]);
    assert.strictEqual(document.getText(), 'from . import sibling\ntotal = sibling.VALUE * 2\nSHOWN = total\n');
    assert.deepStrictEqual(await diagnosticsOf('modfix/pkg/report.py'), []);
    await document.save();
  });

  it('a workspace run keeps each module\'s error: a clean module concluded after it does not clear it', async () => {
    fs.writeFileSync(workspaceFile('modfix/pkg/report.py').fsPath, FILES['modfix/pkg/report.py']);
    const outcomes = await vscode.commands.executeCommand<Array<NonNullable<State['lastHeal']>>>('selfHeal.runAndHealWorkspace', workspaceFile('modfix'), [workspaceFile('modfix')]);
    assert.deepStrictEqual((outcomes ?? []).map((o) => [o.record.entry, o.record.outcome]), [
      ['modfix/pkg/__init__.py', 'clean'],
      ['modfix/pkg/report.py', 'not-healed'],
      ['modfix/pkg/sibling.py', 'clean'],
    ]);
    assert.deepStrictEqual(await diagnosticsOf('modfix/pkg/report.py'), ["NameError: name 'totl' is not defined. Did you mean: 'total'?"]);
  });
});
