// Run & Self-Heal, diagnostics and quick fixes inside a real extension host, with the real engine and
// a loopback server that speaks the OpenAI protocol.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { FIX_STATE, fileLabel } from '../../../src/webview-ui/format';
import { activateOnTestImage, attemptsPanel, openFile, setSetting, setUserSetting, withModel, workspaceFile } from './hostHelper';

interface Diagnostics {
  file: string;
  items: Array<{ range: number[]; message: string; source: string; code: { value: string; target: string } | string; related: Array<{ file: string; line: number; message: string }> }>;
}

interface HealState {
  lastHeal?: { record: { outcome: string; stopReason: string; attempts: Array<{ outcome: string; fix?: { source: string; description: string; diff: string } }> }; applied: string[]; notApplied?: string };
  lastQuickFix?: { applied: boolean; message: string; verdict?: string };
  lastRefusal?: string;
  lastEngineProblem?: string;
  pendingQuestion?: string;
  quickFixTitles: string[];
  diagnostics: Diagnostics[];
}

const state = () => vscode.commands.executeCommand<HealState>('_selfHeal.testState');
const disk = (name: string) => fs.readFileSync(workspaceFile(name).fsPath, 'utf8');
const diagnosticsOf = async (file: string) => (await state()).diagnostics.find((d) => d.file === file)?.items ?? [];

/** The lightbulb's actions for the Self-Heal diagnostic of a file, as VS Code lists them. */
async function quickFixes(name: string): Promise<vscode.CodeAction[]> {
  const uri = workspaceFile(name);
  await vscode.workspace.openTextDocument(uri); // the lightbulb asks about open documents
  const [diagnostic] = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Self-Heal');
  assert.ok(diagnostic, `a Self-Heal diagnostic on ${name}`);
  // No other extension offers quick fixes in this host, so every action listed is ours.
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
}

async function runCommandOf(action: vscode.CodeAction): Promise<unknown> {
  assert.ok(action.command, `${action.title} has a command`);
  return vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

describe('extension host: Run & Self-Heal, diagnostics and quick fixes', function () {
  this.timeout(120_000);

  before(async () => {
    await activateOnTestImage();
    await setSetting('fix.applyMode', 'auto');
  });

  after(async () => {
    await setSetting('fix.applyMode', undefined);
    await setSetting('timeoutSeconds', undefined);
  });

  it('Run & Self-Heal heals the design note syntax example, applies the fix and clears the problem', async () => {
    const editor = await openFile('heal/syntax_error.py');
    const outcome = await vscode.commands.executeCommand<HealState['lastHeal']>('selfHeal.runAndHeal');
    assert.strictEqual(outcome?.record.outcome, 'healed');
    assert.deepStrictEqual(outcome?.applied, ['heal/syntax_error.py']);
    assert.deepStrictEqual(outcome?.record.attempts.map((a) => [a.outcome, a.fix?.source, a.fix?.description]), [['healed', 'rule:unclosed-bracket', "Close '('"]]);
    assert.strictEqual(editor.document.getText(), 'def greet(name):\n    print(f"Hello, {name}")\n\n\ngreet("Ada")\n');
    assert.strictEqual(disk('heal/syntax_error.py'), editor.document.getText());
    assert.deepStrictEqual(await diagnosticsOf('heal/syntax_error.py'), []);
    assert.strictEqual(editor.document.isDirty, false);
  });

  it('Revert All Fixes From Last Run puts the file back', async () => {
    const reverted = await vscode.commands.executeCommand<string[]>('selfHeal.revertLastRun');
    assert.deepStrictEqual(reverted, ['heal/syntax_error.py']);
    assert.strictEqual(disk('heal/syntax_error.py'), 'def greet(name):\n    print(f"Hello, {name}"\n\n\ngreet("Ada")\n');
  });

  it('Run Without Healing puts the error on the exact range in the file it comes from, with its docs link and frames', async () => {
    await openFile('diag/main.py');
    const outcome = await vscode.commands.executeCommand<HealState['lastHeal']>('selfHeal.runWithoutHealing');
    assert.strictEqual(outcome?.record.outcome, 'not-healed');
    assert.deepStrictEqual(await diagnosticsOf('diag/util.py'), [{
      range: [1, 25, 1, 29],
      message: "NameError: name 'json' is not defined",
      severity: 'Error',
      source: 'Self-Heal',
      code: { value: 'NameError', target: 'https://docs.python.org/3/library/exceptions.html#NameError' },
      related: [{ file: 'diag/main.py', line: 3, message: 'called from the top level: print(total(numbers))' }],
    }]);
    assert.deepStrictEqual(await diagnosticsOf('diag/main.py'), []);
    assert.strictEqual(disk('diag/util.py'), 'def total(values):\n    return sum(values) + json.loads("1")\n');
  });

  it('offers the rule fix by name, preferred, then Run & Self-Heal; applying it verifies, edits and clears the problem', async () => {
    const actions = await quickFixes('diag/util.py');
    assert.deepStrictEqual(actions.map((a) => [a.title, a.isPreferred ?? false]), [["Add 'import json'", true], ['Run & Self-Heal this file', false]]);
    const document = await vscode.workspace.openTextDocument(workspaceFile('diag/util.py'));
    const result = (await runCommandOf(actions[0])) as HealState['lastQuickFix'];
    assert.deepStrictEqual([result?.applied, result?.verdict], [true, 'clean']);
    assert.strictEqual(document.getText(), 'import json\ndef total(values):\n    return sum(values) + json.loads("1")\n');
    assert.deepStrictEqual(await diagnosticsOf('diag/util.py'), []);
    await vscode.commands.executeCommand('undo'); // one Ctrl+Z takes it back
  });

  it('marks a typo on its column range and offers the "Did you mean" change', async () => {
    await openFile('diag/typo.py');
    await vscode.commands.executeCommand('selfHeal.runWithoutHealing');
    const [diagnostic] = await diagnosticsOf('diag/typo.py');
    assert.deepStrictEqual([diagnostic.range, diagnostic.message], [[1, 15, 1, 19], "NameError: name 'cont' is not defined. Did you mean: 'count'?"]);
    const actions = await quickFixes('diag/typo.py');
    assert.deepStrictEqual(actions.map((a) => a.title), ["Change 'cont' to 'count'", 'Run & Self-Heal this file']);
  });

  it('refuses a quick fix once the document has changed since the run', async () => {
    const editor = await openFile('diag/typo.py');
    const [fix] = await quickFixes('diag/typo.py');
    await editor.edit((edit) => edit.insert(new vscode.Position(3, 0), '# a later line\n'));
    const result = (await runCommandOf(fix)) as HealState['lastQuickFix'];
    assert.deepStrictEqual(result, { applied: false, message: 'Self-Heal: diag/typo.py changed since it was run; run it again to get a fix for the current text.' });
    assert.strictEqual(editor.document.getText(), 'count = 3\nfor i in range(cont):\n    print(i)\n# a later line\n');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('drops a diagnostic when its line is edited', async () => {
    const editor = await openFile('diag/typo.py');
    await vscode.commands.executeCommand('selfHeal.runWithoutHealing');
    assert.strictEqual((await diagnosticsOf('diag/typo.py')).length, 1);
    await editor.edit((edit) => edit.replace(new vscode.Range(1, 15, 1, 19), 'count'));
    assert.deepStrictEqual(await diagnosticsOf('diag/typo.py'), []);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('shows a timeout in words on the line that was running when the limit hit', async () => {
    await setSetting('timeoutSeconds', 2);
    await openFile('diag/forever.py');
    await vscode.commands.executeCommand('selfHeal.runWithoutHealing');
    await setSetting('timeoutSeconds', undefined);
    const [diagnostic] = await diagnosticsOf('diag/forever.py');
    assert.deepStrictEqual([diagnostic.range, diagnostic.message, diagnostic.code], [[3, 4, 3, 19], 'stopped after 2 s (time limit)', 'time limit']);
  });

  it('Fix with AI applies a fix only after it verified', async () => {
    await withModel(() => ({ content: 'heal/type_error.py\n<<<<<<< SEARCH\n    return a + b\n=======\n    return int(a) + int(b)\n>>>>>>> REPLACE\n' }), async (requests) => {
      const editor = await openFile('heal/type_error.py');
      await vscode.commands.executeCommand('selfHeal.runWithoutHealing');
      const actions = await quickFixes('heal/type_error.py');
      assert.deepStrictEqual(actions.map((a) => [a.title, a.isPreferred ?? false]), [['Fix with AI', false], ['Run & Self-Heal this file', false]]);
      const result = (await runCommandOf(actions[0])) as HealState['lastQuickFix'];
      assert.strictEqual(result?.applied, true, result?.message);
      assert.strictEqual(editor.document.getText(), 'def calculate(a, b):\n    return int(a) + int(b)\n\n\nresult = calculate(5, "10")\nprint(f"Result: {result}")\n');
      assert.strictEqual(requests[0].body.model, 'test-model');
      assert.deepStrictEqual(await diagnosticsOf('heal/type_error.py'), []);
      await vscode.commands.executeCommand('undo');
      await editor.document.save();
    });
  });

  it('Fix with AI reports when no fix verified, and a failing model shows a message without throwing', async () => {
    await withModel((_request, index) => (index < 2 ? { content: 'heal/type_error.py\n<<<<<<< SEARCH\n    return a + b\n=======\n    return a - b\n>>>>>>> REPLACE\n' } : { status: 500, body: { error: { message: 'down' } } }), async () => {
      await openFile('heal/type_error.py');
      await vscode.commands.executeCommand('selfHeal.runWithoutHealing');
      const [ai] = await quickFixes('heal/type_error.py');
      const result = (await runCommandOf(ai)) as HealState['lastQuickFix'];
      assert.strictEqual(result?.applied, false);
      assert.match(result?.message ?? '', /^Self-Heal: no verified fix was found \(/);
      assert.strictEqual(disk('heal/type_error.py'), 'def calculate(a, b):\n    return a + b\n\n\nresult = calculate(5, "10")\nprint(f"Result: {result}")\n');
    });
  });

  it('Stop while the model is thinking cancels the heal and leaves the file untouched', async () => {
    await withModel(() => ({ delayMs: 60_000, content: 'never' }), async (requests) => {
      await openFile('heal/type_error.py');
      const running = vscode.commands.executeCommand<HealState['lastHeal']>('selfHeal.runAndHeal');
      while (requests.length === 0) await new Promise((r) => setTimeout(r, 50));
      await vscode.commands.executeCommand('selfHeal.stop');
      const outcome = await running;
      assert.strictEqual(outcome?.record.outcome, 'cancelled');
      assert.deepStrictEqual(outcome?.applied, []);
      assert.strictEqual(disk('heal/type_error.py'), 'def calculate(a, b):\n    return a + b\n\n\nresult = calculate(5, "10")\nprint(f"Result: {result}")\n');
    });
  });

  it('in preview mode ends the run with the fix waiting in its diff; clearing the notification leaves the choice open', async () => {
    await setSetting('fix.applyMode', 'preview');
    try {
      await openFile('heal/missing_import.py');
      const outcome = await vscode.commands.executeCommand<HealState['lastHeal'] & { waiting?: boolean }>('selfHeal.runAndHeal');
      assert.deepStrictEqual([outcome?.record.outcome, outcome?.applied, outcome?.waiting], ['healed', [], true]);
      assert.strictEqual((await state()).pendingQuestion, 'Self-Heal: ✓ heal/missing_import.py: healed in 1 attempt. Apply the verified fix?');
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      assert.strictEqual(tab?.label, 'heal/missing_import.py: current ↔ fixed (Self-Heal)');
      await vscode.commands.executeCommand('notifications.clearAll');
      assert.strictEqual((await state()).pendingQuestion, 'Self-Heal: ✓ heal/missing_import.py: healed in 1 attempt. Apply the verified fix?', 'still waiting');
      assert.strictEqual(disk('heal/missing_import.py'), '"""Prints the settings as JSON."""\nsettings = {"debug": False}\nprint(json.dumps(settings))\n');
      const decision = await vscode.commands.executeCommand<{ applied: string[]; notApplied?: string }>('selfHeal.discardFix');
      assert.deepStrictEqual(decision, { applied: [], notApplied: 'discarded' });
      assert.strictEqual((await state()).pendingQuestion, undefined);
      assert.notStrictEqual(vscode.window.tabGroups.activeTabGroup.activeTab?.label, 'heal/missing_import.py: current ↔ fixed (Self-Heal)', 'the diff closed');
    } finally {
      await setSetting('fix.applyMode', 'auto');
    }
  });

  it('Run & Self-Heal: Workspace on a folder runs its programs, import-checks its modules and heals both', async () => {
    const outcomes = await vscode.commands.executeCommand<Array<NonNullable<HealState['lastHeal']>>>('selfHeal.runAndHealWorkspace', workspaceFile('heal'), [workspaceFile('heal')]);
    const summary = (outcomes ?? []).map((o) => [(o.record as unknown as { entry: string }).entry, o.record.outcome, o.applied]);
    assert.deepStrictEqual(summary, [
      ['heal/missing_import.py', 'healed', ['heal/missing_import.py']],
      ['heal/shapes.py', 'healed', ['heal/shapes.py']],
      ['heal/syntax_error.py', 'healed', ['heal/syntax_error.py']],
      ['heal/type_error.py', 'not-healed', []],
    ]);
    assert.strictEqual(disk('heal/shapes.py'), '"""Geometry helpers, imported by other programs; never run on its own."""\nimport math\n\n\ndef circle_area(radius):\n    return math.pi * radius ** 2\n');
    const [typeError] = await diagnosticsOf('heal/type_error.py');
    assert.strictEqual(typeError.message, "TypeError: unsupported operand type(s) for +: 'int' and 'str'");
    // The panel lists the run, newest first, with each file's attempts and their diffs.
    const panel = await attemptsPanel();
    const [run] = panel.state.runs;
    assert.deepStrictEqual([run.title, run.status], ['Run & Self-Heal: 4 files in workspace', 'not-healed']);
    assert.deepStrictEqual(run.files.map((f) => [f.path, f.outcome, f.state, f.attempts.map((a) => [a.outcome, a.fix?.source])]), [
      ['heal/missing_import.py', 'healed', 'applied', [['healed', 'rule:missing-import']]],
      ['heal/shapes.py', 'healed', 'applied', [['healed', 'rule:missing-colon']]],
      ['heal/syntax_error.py', 'healed', 'applied', [['healed', 'rule:unclosed-bracket']]],
      ['heal/type_error.py', 'not-healed', 'not-healed', []],
    ]);
    assert.strictEqual(run.files[1].attempts[0].fix?.diff, '--- a/heal/shapes.py\n+++ b/heal/shapes.py\n@@ -2,5 +2,5 @@\n import math\n \n \n-def circle_area(radius)\n+def circle_area(radius):\n     return math.pi * radius ** 2\n');
    // Revert This Fix from the panel undoes one file; Revert All undoes the rest.
    const one = await vscode.commands.executeCommand<string[]>('_selfHeal.revertFix', { runId: run.id, entry: 'heal/shapes.py' });
    assert.deepStrictEqual(one, ['heal/shapes.py']);
    assert.deepStrictEqual((await attemptsPanel()).state.runs[0].files.map((f) => f.state), ['applied', 'reverted', 'applied', 'not-healed']);
    const reverted = await vscode.commands.executeCommand<string[]>('selfHeal.revertLastRun');
    assert.deepStrictEqual(reverted.sort(), ['heal/missing_import.py', 'heal/syntax_error.py']);
    assert.strictEqual(disk('heal/shapes.py'), '"""Geometry helpers, imported by other programs; never run on its own."""\nimport math\n\n\ndef circle_area(radius)\n    return math.pi * radius ** 2\n');
  });

  it('says a module that was only import-checked imports cleanly, never that it ran', async () => {
    const folder = workspaceFile('clean_mod').fsPath;
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(`${folder}/helper.py`, 'def twice(x):\n    return 2 * x\n');
    fs.writeFileSync(`${folder}/main.py`, 'from helper import twice\nprint(twice(21))\n');
    try {
      await vscode.commands.executeCommand('selfHeal.runAndHealWorkspace', workspaceFile('clean_mod'), [workspaceFile('clean_mod')]);
      // The program output holds the latest run only: each run starts it anew.
      const output = (await vscode.commands.executeCommand<{ programOutput: string }>('_selfHeal.testState')).programOutput;
      const summaries = output.split('\n').filter((line) => line.startsWith('✓ clean_mod/')).sort();
      assert.deepStrictEqual(summaries, ['✓ clean_mod/helper.py imports cleanly', '✓ clean_mod/main.py ran clean']);
      // The panel says the same, in the words its page draws: each file as it was checked, the run clean.
      const [run] = (await attemptsPanel()).state.runs;
      const files = run.files.map((f) => [f.entry, f.state, f.cleanWords, fileLabel(f)]).sort();
      assert.deepStrictEqual(files, [['clean_mod/helper.py', 'clean', 'imports cleanly', 'Imports cleanly'], ['clean_mod/main.py', 'clean', 'ran clean', 'Ran clean']]);
      assert.deepStrictEqual([run.status, FIX_STATE[run.status].label], ['clean', 'Clean']);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('an engine that does not answer gives a message, not an exception', async () => {
    await setUserSetting('docker.host', 'unix:///nonexistent/engine.sock');
    try {
      await openFile('heal/missing_import.py');
      const outcome = await vscode.commands.executeCommand<HealState['lastHeal']>('selfHeal.runAndHeal');
      assert.strictEqual(outcome?.record.outcome, 'engine-error');
      assert.match((await state()).lastEngineProblem ?? '', /^No Docker or Podman engine answered at unix:\/\/\/nonexistent\/engine\.sock/);
    } finally {
      await setUserSetting('docker.host', undefined);
    }
  });
});
