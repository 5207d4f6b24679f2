// What becomes of a fix, read back from the Fix Attempts panel after each flow: previewed then
// applied from the diff's title bar, discarded from the panel, reverted, a fix in another file, a fix
// across two files, a workspace run whose first result is applied while the rest still runs, a
// cancelled heal, a lightbulb fix, and a run the engine failed.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { PanelFile, PanelRun } from '../../../src/webview/protocol';
import { activateOnTestImage, attemptsPanel, setSetting, setUserSetting, withModel, workspaceFile } from './hostHelper';

interface Waiting {
  runId: string;
  entry: string;
  question: string;
  files: string[];
}

interface State {
  waitingFixes: Waiting[];
  fixPreviewActive: boolean;
  lastQuickFix?: { applied: boolean; message: string };
  lastRefusal?: string;
}

interface Outcome {
  record: { entry: string; outcome: string };
  applied: string[];
  waiting?: boolean;
}

const MISSING_JSON = '"""Prints a setting as JSON."""\nprint(json.dumps({"debug": False}))\n';
const WITH_JSON = '"""Prints a setting as JSON."""\nimport json\nprint(json.dumps({"debug": False}))\n';
const STATS = 'def mean(values):\n    return statistics.mean(values)\n';
const STATS_FIXED = 'import statistics\ndef mean(values):\n    return statistics.mean(values)\n';
const FILES: Record<string, string> = {
  'choices/apply_me.py': MISSING_JSON,
  'choices/discard_me.py': MISSING_JSON,
  'choices/bulb.py': MISSING_JSON,
  'choices/cancel_me.py': 'def add(a, b):\n    return a + b\n\n\nprint(add(5, "10"))\n',
  'choices/app/main.py': 'from stats import mean\n\nprint(mean([1, 2, 3]))\n',
  'choices/app/stats.py': STATS,
  'choices/multi/main.py': 'from stats import mean\n\nprint(json.dumps(mean([1, 2, 3])))\n',
  'choices/multi/stats.py': STATS,
  'choices/ws/a_first.py': MISSING_JSON,
  'choices/ws/b_slow.py': 'import time\n\ntime.sleep(6)\nprint("done")\n',
};

const state = () => vscode.commands.executeCommand<State>('_selfHeal.testState');
const disk = (name: string) => fs.readFileSync(workspaceFile(name).fsPath, 'utf8');
const runAndHeal = (file: string) => vscode.commands.executeCommand<Outcome>('selfHeal.runAndHeal', workspaceFile(file));
const fixTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label.endsWith('(Self-Heal)') || t.label.startsWith('Self-Heal: fix for'));

async function newestRun(): Promise<PanelRun> {
  return (await attemptsPanel()).state.runs[0];
}

function fileOf(run: PanelRun, entry: string): PanelFile {
  const file = run.files.find((f) => f.entry === entry);
  assert.ok(file, `${entry} in ${run.title}: ${run.files.map((f) => f.entry).join(', ')}`);
  return file;
}

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('extension host: the choice on a fix, and the panel that records it', function () {
  this.timeout(120_000);

  before(async () => {
    await activateOnTestImage();
    await setSetting('fix.applyMode', 'preview');
    for (const [file, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(workspaceFile(file).fsPath), { recursive: true });
      fs.writeFileSync(workspaceFile(file).fsPath, text);
    }
  });

  after(async () => {
    await setSetting('fix.applyMode', undefined);
    await setSetting('parallelRuns', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(workspaceFile('choices').fsPath, { recursive: true, force: true });
  });

  it('preview, then Apply in the diff\'s title bar: applied, the file changed, the diff closed', async () => {
    const outcome = await runAndHeal('choices/apply_me.py');
    assert.deepStrictEqual([outcome.record.outcome, outcome.applied, outcome.waiting], ['healed', [], true]);
    const [waiting] = (await state()).waitingFixes;
    assert.deepStrictEqual([waiting.entry, waiting.question, waiting.files], ['choices/apply_me.py', 'Self-Heal: ✓ choices/apply_me.py: healed in 1 attempt. Apply the verified fix?', ['choices/apply_me.py']]);
    // The run is over while the fix waits: the panel says so, and nothing is running.
    const panel = await attemptsPanel();
    assert.deepStrictEqual([panel.state.running, panel.state.runs[0].status, panel.state.runs[0].healing, fileOf(panel.state.runs[0], 'choices/apply_me.py').state], [false, 'waiting', false, 'waiting']);
    // The diff is the active editor, with Apply and Discard in its title bar.
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, 'a diff editor');
    assert.deepStrictEqual([tab.label, (await state()).fixPreviewActive], ['choices/apply_me.py: current ↔ fixed (Self-Heal)', true]);
    assert.strictEqual(disk('choices/apply_me.py'), MISSING_JSON, 'nothing is applied before the choice');
    // The title bar's action gets the diff's URI.
    const decision = await vscode.commands.executeCommand('selfHeal.applyFix', tab.input.modified);
    assert.deepStrictEqual(decision, { applied: ['choices/apply_me.py'] });
    assert.strictEqual(disk('choices/apply_me.py'), WITH_JSON);
    assert.strictEqual((await vscode.workspace.openTextDocument(workspaceFile('choices/apply_me.py'))).getText(), WITH_JSON);
    assert.deepStrictEqual(fixTabs().map((t) => t.label), [], 'the diff closed');
    assert.deepStrictEqual([(await state()).waitingFixes, (await state()).fixPreviewActive], [[], false]);
    const run = await newestRun();
    assert.deepStrictEqual([run.status, fileOf(run, 'choices/apply_me.py').state], ['applied', 'applied']);
  });

  it('Revert This Fix on the applied fix: reverted, the file back as it was', async () => {
    const run = await newestRun();
    const reverted = await vscode.commands.executeCommand<string[]>('_selfHeal.revertFix', { runId: run.id, entry: 'choices/apply_me.py' });
    assert.deepStrictEqual(reverted, ['choices/apply_me.py']);
    assert.strictEqual(disk('choices/apply_me.py'), MISSING_JSON);
    const after = await newestRun();
    assert.deepStrictEqual([after.id, after.status, fileOf(after, 'choices/apply_me.py').state], [run.id, 'reverted', 'reverted']);
  });

  it('preview, then Discard in the panel: discarded, no Revert, the file unchanged, the diff closed', async () => {
    await runAndHeal('choices/discard_me.py');
    const run = await newestRun();
    assert.deepStrictEqual([run.status, fileOf(run, 'choices/discard_me.py').state], ['waiting', 'waiting']);
    // Closing the diff decides nothing; the panel's Review Diff brings it back.
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.deepStrictEqual([(await state()).waitingFixes.length, (await state()).fixPreviewActive, fixTabs().length], [1, false, 0]);
    await vscode.commands.executeCommand('_selfHeal.showFixPreview', { runId: run.id, entry: 'choices/discard_me.py' });
    assert.deepStrictEqual([vscode.window.tabGroups.activeTabGroup.activeTab?.label, (await state()).fixPreviewActive], ['choices/discard_me.py: current ↔ fixed (Self-Heal)', true]);
    // The panel's Discard button sends the run and the file.
    const decision = await vscode.commands.executeCommand('selfHeal.discardFix', { runId: run.id, entry: 'choices/discard_me.py' });
    assert.deepStrictEqual(decision, { applied: [], notApplied: 'discarded' });
    assert.strictEqual(disk('choices/discard_me.py'), MISSING_JSON);
    assert.deepStrictEqual(fixTabs().map((t) => t.label), []);
    const after = await newestRun();
    assert.deepStrictEqual([after.status, fileOf(after, 'choices/discard_me.py').state], ['discarded', 'discarded']);
    // Nothing of it is in the file to revert, and the state machine keeps it discarded.
    assert.deepStrictEqual(await vscode.commands.executeCommand('_selfHeal.revertFix', { runId: run.id, entry: 'choices/discard_me.py' }), []);
    assert.strictEqual(fileOf(await newestRun(), 'choices/discard_me.py').state, 'discarded');
    // A second choice finds nothing waiting.
    assert.strictEqual(await vscode.commands.executeCommand('selfHeal.applyFix', { runId: run.id, entry: 'choices/discard_me.py' }), undefined);
    assert.strictEqual(disk('choices/discard_me.py'), MISSING_JSON);
  });

  it('a heal whose fix is in another file names that file, in the question and in the panel', async () => {
    await runAndHeal('choices/app/main.py');
    const [waiting] = (await state()).waitingFixes;
    assert.strictEqual(waiting.question, 'Self-Heal: ✓ choices/app/main.py: healed in 1 attempt. Apply the verified fix to choices/app/stats.py?');
    const file = fileOf(await newestRun(), 'choices/app/main.py');
    assert.deepStrictEqual([file.path, file.changed, file.state], ['choices/app/main.py', ['choices/app/stats.py'], 'waiting']);
    assert.strictEqual(vscode.window.tabGroups.activeTabGroup.activeTab?.label, 'choices/app/stats.py: current ↔ fixed (Self-Heal)');
    // The palette's Apply Fix (no argument) takes the active diff's fix.
    assert.deepStrictEqual(await vscode.commands.executeCommand('selfHeal.applyFix'), { applied: ['choices/app/stats.py'] });
    assert.deepStrictEqual([disk('choices/app/stats.py'), disk('choices/app/main.py')], [STATS_FIXED, FILES['choices/app/main.py']]);
    assert.strictEqual(fileOf(await newestRun(), 'choices/app/main.py').state, 'applied');
  });

  it('a fix across two files shows both diffs in one editor and applies them together', async () => {
    const outcome = await runAndHeal('choices/multi/main.py');
    assert.deepStrictEqual([outcome.record.outcome, outcome.waiting], ['healed', true]);
    assert.deepStrictEqual((await state()).waitingFixes.map((w) => w.files), [['choices/multi/main.py', 'choices/multi/stats.py']]);
    assert.strictEqual(vscode.window.tabGroups.activeTabGroup.activeTab?.label, 'Self-Heal: fix for choices/multi/main.py (2 files)');
    assert.strictEqual((await state()).fixPreviewActive, true, 'Apply and Discard show on the multi-file diff too');
    const decision = await vscode.commands.executeCommand('selfHeal.applyFix');
    assert.deepStrictEqual(decision, { applied: ['choices/multi/main.py', 'choices/multi/stats.py'] });
    assert.deepStrictEqual([disk('choices/multi/main.py'), disk('choices/multi/stats.py')], ['from stats import mean\nimport json\n\nprint(json.dumps(mean([1, 2, 3])))\n', STATS_FIXED]);
    assert.deepStrictEqual(fixTabs().map((t) => t.label), []);
    const file = fileOf(await newestRun(), 'choices/multi/main.py');
    assert.deepStrictEqual([file.state, file.changed], ['applied', ['choices/multi/main.py', 'choices/multi/stats.py']]);
  });

  it('a workspace run offers each file\'s fix as it finishes: applied while the other file still runs', async () => {
    await setSetting('parallelRuns', 1);
    const folder = workspaceFile('choices/ws');
    let finished = false;
    const running = vscode.commands.executeCommand<Outcome[]>('selfHeal.runAndHealWorkspace', folder, [folder]).then((outcomes) => {
      finished = true;
      return outcomes;
    });
    const [waiting] = await until('the first file\'s fix to wait', async () => (await state()).waitingFixes, (w) => w.length === 1);
    assert.strictEqual(waiting.entry, 'choices/ws/a_first.py');
    const during = await newestRun();
    assert.deepStrictEqual([finished, during.status, during.healing, during.files.map((f) => [f.entry, f.state])], [false, 'running', true, [['choices/ws/a_first.py', 'waiting']]]);
    assert.deepStrictEqual(await vscode.commands.executeCommand('selfHeal.applyFix', { runId: waiting.runId, entry: waiting.entry }), { applied: ['choices/ws/a_first.py'] });
    assert.strictEqual(finished, false, 'applied before the workspace run ended');
    const outcomes = await running;
    assert.deepStrictEqual(outcomes.map((o) => [o.record.entry, o.record.outcome]), [['choices/ws/a_first.py', 'healed'], ['choices/ws/b_slow.py', 'clean']]);
    const run = await newestRun();
    assert.deepStrictEqual([run.status, run.files.map((f) => [f.entry, f.state])], ['applied', [['choices/ws/a_first.py', 'applied'], ['choices/ws/b_slow.py', 'clean']]]);
    assert.strictEqual(disk('choices/ws/a_first.py'), WITH_JSON);
    // Applied at once, while its diff was still opening: no diff of a decided fix is left open, and nothing asks about it.
    assert.deepStrictEqual(fixTabs().map((t) => t.label), []);
    assert.deepStrictEqual([(await state()).fixPreviewActive, (await state()).waitingFixes], [false, []]);
  });

  it('Stop mid-run: the run and its file are cancelled, with no check mark', async () => {
    await withModel(() => ({ delayMs: 60_000, content: 'never' }), async (requests) => {
      const running = runAndHeal('choices/cancel_me.py');
      await until('the model request', async () => requests.length, (count) => count > 0);
      await vscode.commands.executeCommand('selfHeal.stop');
      assert.strictEqual((await running).record.outcome, 'cancelled');
    });
    const run = await newestRun();
    const file = fileOf(run, 'choices/cancel_me.py');
    assert.deepStrictEqual([run.status, file.state, file.firstRun.error?.type], ['cancelled', 'cancelled', 'TypeError']);
    assert.strictEqual(disk('choices/cancel_me.py'), FILES['choices/cancel_me.py']);
  });

  it('a rule fix from the lightbulb is a run of its own: applied, naming the file, and revertible', async () => {
    const uri = workspaceFile('choices/bulb.py');
    await vscode.workspace.openTextDocument(uri); // the lightbulb asks about open documents
    const found = await vscode.commands.executeCommand<Outcome>('selfHeal.runWithoutHealing', uri);
    assert.strictEqual(found?.record.outcome, 'not-healed', (await state()).lastRefusal);
    const [diagnostic] = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Self-Heal');
    assert.ok(diagnostic, 'a Self-Heal problem on choices/bulb.py');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const rule = actions.find((a) => a.title === "Add 'import json'");
    assert.ok(rule?.command, actions.map((a) => a.title).join(', '));
    const result = await vscode.commands.executeCommand<State['lastQuickFix']>(rule.command.command, ...(rule.command.arguments ?? []));
    assert.strictEqual(result?.applied, true, result?.message);
    const run = await newestRun();
    const file = fileOf(run, 'choices/bulb.py');
    assert.deepStrictEqual([run.title, run.status, file.state, file.outcome, file.changed], ['Rule fix: choices/bulb.py', 'applied', 'applied', 'healed', ['choices/bulb.py']]);
    assert.deepStrictEqual(file.attempts.map((a) => [a.outcome, a.fix?.source, a.fix?.description, a.why]), [['healed', 'rule:missing-import', "Add 'import json'", 'the re-run ran clean']]);
    assert.deepStrictEqual(await vscode.commands.executeCommand('_selfHeal.revertFix', { runId: run.id, entry: 'choices/bulb.py' }), ['choices/bulb.py']);
    assert.strictEqual(disk('choices/bulb.py'), MISSING_JSON);
    assert.strictEqual(fileOf(await newestRun(), 'choices/bulb.py').state, 'reverted');
  });

  it('Ctrl+Z of a lightbulb fix is seen: the panel says reverted, and Revert This Fix no longer offers it', async () => {
    const uri = workspaceFile('choices/bulb.py');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    assert.strictEqual((await vscode.commands.executeCommand<Outcome>('selfHeal.runWithoutHealing', uri))?.record.outcome, 'not-healed');
    const [diagnostic] = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Self-Heal');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const rule = actions.find((a) => a.title === "Add 'import json'");
    assert.ok(rule?.command, actions.map((a) => a.title).join(', '));
    assert.strictEqual((await vscode.commands.executeCommand<State['lastQuickFix']>(rule.command.command, ...(rule.command.arguments ?? [])))?.applied, true);
    const run = await newestRun();
    assert.strictEqual(fileOf(run, 'choices/bulb.py').state, 'applied');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), MISSING_JSON);
    // The edit reaches the extension host a moment after the workbench made it.
    for (let tries = 0; fileOf(await newestRun(), 'choices/bulb.py').state !== 'reverted' && tries < 50; tries++) await new Promise((r) => setTimeout(r, 100));
    assert.strictEqual(fileOf(await newestRun(), 'choices/bulb.py').state, 'reverted');
    assert.deepStrictEqual(await vscode.commands.executeCommand('_selfHeal.revertFix', { runId: run.id, entry: 'choices/bulb.py' }), []);
    await editor.document.save();
  });

  it('a run the engine failed is marked failed', async () => {
    await setUserSetting('docker.host', 'unix:///nonexistent/engine.sock');
    try {
      assert.strictEqual((await runAndHeal('choices/discard_me.py')).record.outcome, 'engine-error');
    } finally {
      await setUserSetting('docker.host', undefined);
    }
    const run = await newestRun();
    assert.deepStrictEqual([run.title, run.status, fileOf(run, 'choices/discard_me.py').state], ['Run & Self-Heal: choices/discard_me.py', 'failed', 'failed']);
  });
});
