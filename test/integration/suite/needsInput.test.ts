// Programs that need input or arguments, or stop at a limit, in a real extension host with the real
// engine: each is reported as what it needs (problem, notification, quick fixes, status bar, panel),
// never healed - the loopback model server records no request - and runs clean once given what it
// needs: a run configuration from "Run with Arguments...", or a raised limit.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { ATTEMPTS_VIEW_ID, PANEL_TEST_STATE_COMMAND, type PanelTestState } from '../../../src/webview/attemptsPanel';
import { FILE_ACTION_LABEL, fileActionsOf } from '../../../src/webview-ui/fileActions';
import { startScriptedModelServer } from '../../support/scriptedModelServer';
import { activateOnTestImage, answerNextQuestions, openFile, setSetting, setUserSetting, workspaceFile } from './hostHelper';

interface Action {
  title: string;
  command: string;
  arguments: unknown[];
}
interface NeedsState {
  programOutput: string;
  statusBar: string;
  notifications: Array<{ message: string; actions: Action[] }>;
  diagnostics: Array<{ file: string; items: Array<{ range: number[]; message: string; code: unknown; severity: string }> }>;
}
interface Outcome {
  record: { outcome: string; stopReason: string; attempts: unknown[] };
}

const state = () => vscode.commands.executeCommand<NeedsState>('_selfHeal.testState');
const problemsOf = async (file: string) => (await state()).diagnostics.find((d) => d.file === file)?.items.map((d) => [d.range, d.message, d.code, d.severity]) ?? [];
const lastNotice = async () => (await state()).notifications.slice(-1)[0];

async function quickFixTitles(file: string): Promise<vscode.CodeAction[]> {
  const uri = workspaceFile(file);
  const [diagnostic] = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Self-Heal');
  assert.ok(diagnostic, `a Self-Heal problem on ${file}`);
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
}

describe('extension host: programs that need input or arguments, and limits', function () {
  this.timeout(180_000);
  let model: Awaited<ReturnType<typeof startScriptedModelServer>>;

  before(async () => {
    await activateOnTestImage();
    await setSetting('fix.applyMode', 'auto');
    // A model is set up, so a heal would ask it: these tests show it is never asked.
    model = await startScriptedModelServer(() => ({ content: 'no fix' }));
    await setUserSetting('model.baseUrl', model.baseUrl);
    await setSetting('model.name', 'test-model');
  });

  after(async () => {
    await setUserSetting('model.baseUrl', undefined);
    await setSetting('model.name', undefined);
    await setSetting('fix.applyMode', undefined);
    await setSetting('timeoutSeconds', undefined);
    await setSetting('outputLimit', undefined);
    await model.close();
  });

  afterEach(() => assert.deepStrictEqual(model.requests.map((r) => r.path), [], 'the model was asked to fix a program that only needed something'));

  it('input() with no input: a "needs input" problem and notification with Run with Arguments...; with typed input it runs clean', async () => {
    await openFile('needs/ask_name.py');
    const first = await vscode.commands.executeCommand<Outcome>('selfHeal.runAndHeal');
    assert.deepStrictEqual([first.record.outcome, first.record.attempts.length], ['needs-input', 0]);
    assert.deepStrictEqual(await problemsOf('needs/ask_name.py'), [[[0, 7, 0, 27], 'needs input: input() found no input to read, and none was given', 'needs input', 'Information']]);
    const notice = await lastNotice();
    assert.strictEqual(notice.message, 'Self-Heal: needs/ask_name.py needs input: input() found no input to read, and none was given.');
    assert.deepStrictEqual(notice.actions.map((a) => [a.title, a.command]), [['Run with Arguments...', 'selfHeal.runWithArguments']]);
    assert.deepStrictEqual((await quickFixTitles('needs/ask_name.py')).map((a) => a.title), ['Run with Arguments...']);
    assert.strictEqual((await state()).statusBar, '$(debug-pause) Self-Heal: needs input');
    await vscode.commands.executeCommand(`${ATTEMPTS_VIEW_ID}.focus`);
    const panel = await vscode.commands.executeCommand<PanelTestState>(PANEL_TEST_STATE_COMMAND);
    // The panel's state machine ends the file in its need: neither healed nor failed, nothing to choose.
    assert.deepStrictEqual([panel.state.runs[0].status, panel.state.runs[0].files[0].outcome, panel.state.runs[0].files[0].state], ['needs-input', 'needs-input', 'needs-input']);
    // Its heading offers the input, not a heal again, in the words its page draws.
    assert.deepStrictEqual(fileActionsOf(panel.state.runs[0].files[0]).map((action) => FILE_ACTION_LABEL[action]), ['Run with Arguments...']);

    // The notification's button, as a click runs it: pick Standard input, type it, run.
    await answerNextQuestions('Standard input', 'Type the input', 'Ada', 'Run & Self-Heal');
    const given = await vscode.commands.executeCommand<Outcome>(notice.actions[0].command, ...notice.actions[0].arguments);
    assert.strictEqual(given.record.outcome, 'clean');
    assert.deepStrictEqual(await problemsOf('needs/ask_name.py'), []);
    assert.match((await state()).programOutput, /Your name\? Hello, Ada!\n/);
  });

  it('argparse without arguments: a "needs arguments" problem on parse_args(); with an arguments configuration it runs clean, every run command alike', async () => {
    await openFile('needs/greet_args.py');
    const first = await vscode.commands.executeCommand<Outcome>('selfHeal.runAndHeal');
    assert.deepStrictEqual([first.record.outcome, first.record.attempts.length], ['needs-arguments', 0]);
    assert.deepStrictEqual(await problemsOf('needs/greet_args.py'), [
      [[5, 0, 5, 26], 'needs arguments: the following arguments are required: name (usage: greet_args.py [-h] [--shout] name)', 'needs arguments', 'Information'],
    ]);
    const [runWith] = await quickFixTitles('needs/greet_args.py');
    assert.strictEqual(runWith.title, 'Run with Arguments...');
    await answerNextQuestions('Arguments', 'Ada --shout', 'Run & Self-Heal');
    const given = await vscode.commands.executeCommand<Outcome>(runWith.command!.command, ...(runWith.command!.arguments ?? []));
    assert.strictEqual(given.record.outcome, 'clean');
    assert.match((await state()).programOutput, /HELLO, ADA!\n/);
    // Kept for the file: Run Python File and Run Without Healing use it too.
    const plain = await vscode.commands.executeCommand<{ exitCode: number; stdout: string }>('selfHeal.runFile');
    assert.deepStrictEqual([plain.exitCode, plain.stdout], [0, 'HELLO, ADA!\n']);
    await answerNextQuestions('Clear these settings', 'Done');
    await vscode.commands.executeCommand('selfHeal.runWithArguments');
    const cleared = await vscode.commands.executeCommand<Outcome>('selfHeal.runWithoutHealing');
    assert.strictEqual(cleared.record.outcome, 'needs-arguments');
  });

  it('Run Python File says a program needs input with the same notification', async () => {
    await openFile('needs/ask_name.py');
    await answerNextQuestions('Standard input', 'No input', 'Done');
    await vscode.commands.executeCommand('selfHeal.runWithArguments');
    const result = await vscode.commands.executeCommand<{ exitCode: number }>('selfHeal.runFile');
    assert.strictEqual(result.exitCode, 1);
    assert.deepStrictEqual((await lastNotice()).message, 'Self-Heal: needs/ask_name.py needs input: input() found no input to read, and none was given.');
    assert.match((await state()).programOutput, /\? needs input: input\(\) found no input to read, and none was given\n$/);
  });

  it('a time limit: said in words on the first statement, with "Run again with 2x the limit" that passes with the doubled limit', async () => {
    await setSetting('timeoutSeconds', 3);
    await openFile('needs/slow_sum.py');
    const first = await vscode.commands.executeCommand<Outcome>('selfHeal.runAndHeal');
    assert.deepStrictEqual([first.record.outcome, first.record.stopReason, first.record.attempts.length], ['stopped-at-limit', 'stopped after 3 s (time limit)', 0]);
    assert.deepStrictEqual(await problemsOf('needs/slow_sum.py'), [[[2, 0, 2, 13], 'stopped after 3 s (time limit)', 'time limit', 'Information']]);
    const notice = await lastNotice();
    assert.strictEqual(notice.message, 'Self-Heal: needs/slow_sum.py stopped after 3 s (time limit).');
    assert.deepStrictEqual(notice.actions.map((a) => [a.title, a.command, a.arguments]), [
      ['Run again with 2x the limit', '_selfHeal.runAgain', [{ uri: workspaceFile('needs/slow_sum.py').toString(), mode: 'heal', limit: { name: 'time', value: 6000 } }]],
      ['Change the limit', 'workbench.action.openSettings', ['selfHeal.timeoutSeconds']],
    ]);
    const actions = await quickFixTitles('needs/slow_sum.py');
    assert.deepStrictEqual(actions.map((a) => [a.title, a.isPreferred ?? false]), [['Run again with 2x the limit', true], ['Change the limit', false]]);
    const again = await vscode.commands.executeCommand<Outcome>(actions[0].command!.command, ...(actions[0].command!.arguments ?? []));
    assert.strictEqual(again.record.outcome, 'clean');
    assert.deepStrictEqual(await problemsOf('needs/slow_sum.py'), []);
    assert.match((await state()).programOutput, /sum: 45\n/);
    // The panel's button asks for the limit doubled from the settings when the run starts.
    const doubled = await vscode.commands.executeCommand<Outcome>('_selfHeal.runAgain', { uri: workspaceFile('needs/slow_sum.py').toString(), mode: 'heal', doubled: 'time' });
    assert.strictEqual(doubled.record.outcome, 'clean');
    assert.match((await state()).programOutput, /needs\/slow_sum\.py {2}\(image [^)]*; time limit 6 s for this run\)/);
  });

  it('an output flood: stopped at the output limit, and run again with the output past the cap discarded it runs to its end', async () => {
    await setSetting('outputLimit', '16k');
    await openFile('needs/flood.py');
    const first = await vscode.commands.executeCommand<Outcome>('selfHeal.runAndHeal');
    assert.deepStrictEqual([first.record.outcome, first.record.stopReason], ['stopped-at-limit', 'stopped after 16 KiB of output (output limit)']);
    const actions = await quickFixTitles('needs/flood.py');
    assert.deepStrictEqual(actions.map((a) => a.title), ['Run again with 2x the limit', 'Run again, discarding output past the cap', 'Change the limit']);
    const again = await vscode.commands.executeCommand<Outcome>(actions[1].command!.command, ...(actions[1].command!.arguments ?? []));
    assert.strictEqual(again.record.outcome, 'clean');
    assert.deepStrictEqual(await problemsOf('needs/flood.py'), []);
  });
});
