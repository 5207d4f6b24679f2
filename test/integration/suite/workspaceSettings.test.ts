// A repository's .vscode/settings.json cannot choose where the API key goes or whether its code is
// sandboxed, and every path that runs code asks before an unsandboxed run. Real extension host, real
// engine, loopback servers that speak the OpenAI protocol; the modal questions are answered through
// the test host's hook and read back from the test state.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { startScriptedModelServer, type ScriptedModelServer } from '../../support/scriptedModelServer';
import { activateOnTestImage, answerNextQuestions, openFile, setSetting, setUserSetting, workspaceFile } from './hostHelper';

interface GateState {
  questionsAsked: string[];
  lastGateRefusal?: string;
  lastKeyRefusal?: string;
  lastResult?: { stdout: string; engine: { sandboxed: boolean } };
  lastHeal?: { record: { outcome: string } };
  notifications: Array<{ seq: number; message: string; buttons: string[]; actions?: unknown[] }>;
}

const UNSANDBOXED_QUESTION =
  'Self-Heal is set to run Python unsandboxed (selfHeal.runner = local): the program runs as a plain process with your permissions, with no memory, process or network limits.';
const UNSANDBOXED_REFUSED = 'Self-Heal: nothing was run: running unsandboxed (selfHeal.runner = local) was not allowed.';
const KEY = 'sk-gate-test-0123456789';
const RULE_FIX = 'print(json.dumps([1, 2]))\n';
const AI_FIX = 'total = 1 + "2"\nprint(total)\n';

const state = () => vscode.commands.executeCommand<GateState>('_selfHeal.testState');
const disk = (name: string) => fs.readFileSync(workspaceFile(name).fsPath, 'utf8');
const settle = () => new Promise((r) => setTimeout(r, 300)); // configuration events reach the extension

/** The questions asked while `action` ran. */
async function questionsDuring(action: () => Thenable<unknown>): Promise<{ asked: string[]; result: unknown }> {
  const before = (await state()).questionsAsked.length;
  const result = await action();
  return { asked: (await state()).questionsAsked.slice(before), result };
}

async function quickFixes(name: string): Promise<vscode.CodeAction[]> {
  const uri = workspaceFile(name);
  await vscode.workspace.openTextDocument(uri);
  const [diagnostic] = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Self-Heal');
  assert.ok(diagnostic, `a Self-Heal diagnostic on ${name}`);
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
}

const runAction = (action: vscode.CodeAction | undefined) => () => vscode.commands.executeCommand(action!.command!.command, ...(action!.command!.arguments ?? []));
const noFix = () => ({ content: 'I cannot see a fix for this.' });
const originOf = (server: ScriptedModelServer) => new URL(server.baseUrl).origin;

describe('extension host: workspace settings and the run gate', function () {
  this.timeout(120_000);

  before(async () => {
    await activateOnTestImage();
    await setSetting('fix.applyMode', 'auto');
    await setSetting('fix.maxAttempts', 1);
    await setSetting('model.name', 'test-model');
  });

  after(async () => {
    for (const key of ['fix.applyMode', 'fix.maxAttempts', 'model.name', 'model.baseUrl', 'runner']) await setSetting(key, undefined);
    for (const key of ['model.baseUrl', 'runner']) await setUserSetting(key, undefined);
  });

  it("a workspace model.baseUrl gets nothing until confirmed, and never the key saved for the user's endpoint", async () => {
    const user = await startScriptedModelServer(noFix);
    const declined = await startScriptedModelServer(noFix);
    const confirmed = await startScriptedModelServer(noFix);
    try {
      await setUserSetting('model.baseUrl', user.baseUrl);
      await settle();
      const saving = await questionsDuring(async () => {
        await answerNextQuestions(KEY);
        return vscode.commands.executeCommand('selfHeal.setApiKey');
      });
      assert.deepStrictEqual(saving.asked, [`The key for ${originOf(user)} (selfHeal.model.baseUrl). It is kept in VS Code's secret storage and sent only to ${originOf(user)}.`]);

      // Declined: the user's endpoint is used, with the key; the workspace's server hears nothing.
      await setSetting('model.baseUrl', declined.baseUrl);
      await openFile('heal/type_error.py');
      const original = disk('heal/type_error.py');
      const first = await questionsDuring(async () => {
        await answerNextQuestions(null);
        return vscode.commands.executeCommand('selfHeal.runAndHeal');
      });
      assert.deepStrictEqual(first.asked, [`This workspace sets selfHeal.model.baseUrl to '${declined.baseUrl}': your code and its errors would be sent to that server for AI fixes.`]);
      assert.strictEqual(declined.requests.length, 0);
      assert.ok(user.requests.length >= 1, 'the user endpoint was asked');
      assert.deepStrictEqual([...new Set(user.requests.map((r) => r.headers.authorization))], [`Bearer ${KEY}`]);

      // Confirmed: the workspace's server is used, but the key stays with the origin it was saved for.
      await setSetting('model.baseUrl', confirmed.baseUrl);
      const second = await questionsDuring(async () => {
        await answerNextQuestions('Use This Value');
        return vscode.commands.executeCommand('selfHeal.runAndHeal');
      });
      assert.deepStrictEqual(second.asked, [`This workspace sets selfHeal.model.baseUrl to '${confirmed.baseUrl}': your code and its errors would be sent to that server for AI fixes.`]);
      assert.ok(confirmed.requests.length >= 1, 'the confirmed endpoint was asked');
      assert.deepStrictEqual([...new Set(confirmed.requests.map((r) => r.headers.authorization))], ['Bearer no-key']);
      assert.ok(confirmed.requests.every((r) => !JSON.stringify(r.headers).includes(KEY)), 'no header carries the key');
      assert.strictEqual((await state()).lastKeyRefusal, `The API key was saved for ${originOf(user)}; Self-Heal will not send it to ${originOf(confirmed)}. Set the key again for this endpoint.`);

      // The confirmation is remembered for that value: no question the next time.
      const third = await questionsDuring(() => vscode.commands.executeCommand('selfHeal.runAndHeal'));
      assert.deepStrictEqual(third.asked, []);
      assert.strictEqual(disk('heal/type_error.py'), original);
    } finally {
      await setSetting('model.baseUrl', undefined);
      await setUserSetting('model.baseUrl', undefined);
      await vscode.commands.executeCommand('selfHeal.clearApiKey');
      await Promise.all([user.close(), declined.close(), confirmed.close()]);
    }
  });

  it('a workspace runner: local is not used unconfirmed: the run stays in the sandbox, and a declined value is not asked again', async () => {
    await setSetting('runner', 'local');
    await setSetting('pythonPath', '/tmp/not-a-python'); // only the local runner uses it: not asked about
    try {
      const run = await questionsDuring(async () => {
        await answerNextQuestions(null);
        return vscode.commands.executeCommand('selfHeal.runFile', workspaceFile('greet.py'));
      });
      assert.deepStrictEqual(run.asked, ["This workspace sets selfHeal.runner to 'local': its programs would run unsandboxed on this machine."]);
      const result = run.result as GateState['lastResult'];
      assert.deepStrictEqual([result?.stdout, result?.engine.sandboxed], ['Hello, Ada!\n', true]);
      const again = await questionsDuring(() => vscode.commands.executeCommand('selfHeal.runWithoutHealing', workspaceFile('greet.py')));
      assert.deepStrictEqual(again.asked, []);
      assert.strictEqual((await state()).lastHeal?.record.outcome, 'clean');
    } finally {
      await setSetting('runner', undefined);
      await setSetting('pythonPath', undefined);
    }
  });

  it('with the runner set to local, every path that runs code asks first, and runs nothing when refused', async () => {
    const model = await startScriptedModelServer(noFix);
    try {
      // Diagnostics with a rule fix and with Fix with AI on offer, from sandboxed runs of programs
      // written here, so earlier tests' edits do not matter (two folders: a run replaces the
      // diagnostics of every file of its folder).
      for (const folder of ['gate_rule', 'gate_ai']) fs.mkdirSync(workspaceFile(folder).fsPath, { recursive: true });
      fs.writeFileSync(workspaceFile('gate_rule/rule_fix.py').fsPath, RULE_FIX);
      fs.writeFileSync(workspaceFile('gate_ai/ai_fix.py').fsPath, AI_FIX);
      await setUserSetting('model.baseUrl', model.baseUrl);
      await settle();
      for (const file of ['gate_rule/rule_fix.py', 'gate_ai/ai_fix.py']) {
        const outcome = await vscode.commands.executeCommand<{ record: { outcome: string } } | undefined>('selfHeal.runWithoutHealing', workspaceFile(file));
        assert.strictEqual(outcome?.record.outcome, 'not-healed', `${file}: ${JSON.stringify(outcome ?? (await state()))}`);
      }
      const [ruleFix] = await quickFixes('gate_rule/rule_fix.py');
      const [aiFix] = await quickFixes('gate_ai/ai_fix.py');
      assert.deepStrictEqual([ruleFix?.title, aiFix?.title], ["Add 'import json'", 'Fix with AI']);

      await setUserSetting('runner', 'local');
      const paths: Array<[string, () => Thenable<unknown>, unknown]> = [
        ['Run Python File', () => vscode.commands.executeCommand('selfHeal.runFile', workspaceFile('greet.py')), undefined],
        ['Run & Self-Heal', () => vscode.commands.executeCommand('selfHeal.runAndHeal', workspaceFile('heal/type_error.py')), undefined],
        ['Run Without Healing', () => vscode.commands.executeCommand('selfHeal.runWithoutHealing', workspaceFile('heal/type_error.py')), undefined],
        ['Run & Self-Heal: Workspace', () => vscode.commands.executeCommand('selfHeal.runAndHealWorkspace', workspaceFile('heal'), [workspaceFile('heal')]), []],
        ['Retry (the panel)', () => vscode.commands.executeCommand('_selfHeal.retryFile', { entry: 'heal/type_error.py' }), undefined],
        ['Apply Rule Fix', runAction(ruleFix), { applied: false, message: UNSANDBOXED_REFUSED }],
        ['Fix with AI', runAction(aiFix), { applied: false, message: UNSANDBOXED_REFUSED }],
      ];
      for (const [name, run, expected] of paths) {
        const { asked, result } = await questionsDuring(async () => {
          await answerNextQuestions(null);
          return run();
        });
        assert.deepStrictEqual(asked, [UNSANDBOXED_QUESTION], `${name} asks`);
        assert.deepStrictEqual(result, expected, `${name} runs nothing`);
        assert.strictEqual((await state()).lastGateRefusal, UNSANDBOXED_REFUSED, name);
      }
      assert.strictEqual(model.requests.length, 0);
      assert.deepStrictEqual([disk('gate_rule/rule_fix.py'), disk('gate_ai/ai_fix.py')], [RULE_FIX, AI_FIX]);

      // Allowed once, the workspace runs unsandboxed without asking again.
      const allowed = await questionsDuring(async () => {
        await answerNextQuestions('Run Unsandboxed');
        return vscode.commands.executeCommand('selfHeal.runFile', workspaceFile('greet.py'));
      });
      assert.deepStrictEqual(allowed.asked, [UNSANDBOXED_QUESTION]);
      const result = allowed.result as GateState['lastResult'];
      assert.deepStrictEqual([result?.stdout, result?.engine.sandboxed], ['Hello, Ada!\n', false]);
      const next = await questionsDuring(() => vscode.commands.executeCommand('selfHeal.runWithoutHealing', workspaceFile('greet.py')));
      assert.deepStrictEqual(next.asked, []);

      // A local Python that cannot be started is no engine problem: Open Settings opens selfHeal.pythonPath.
      await setUserSetting('pythonPath', '/nonexistent/python3');
      await settle();
      const before = (await state()).notifications.at(-1)?.seq ?? 0;
      const broken = (await vscode.commands.executeCommand('selfHeal.runFile', workspaceFile('greet.py'))) as GateState['lastResult'] & { reason: string };
      assert.strictEqual(broken?.reason, 'engine-error');
      const [notice] = (await state()).notifications.filter((n) => n.seq > before);
      assert.match(notice.message, /^Self-Heal: Could not start the local Python "\/nonexistent\/python3"/);
      assert.deepStrictEqual([notice.buttons, notice.actions], [['Open Settings', 'Retry', 'Show Troubleshooting'], [{ title: 'Open Settings', command: 'workbench.action.openSettings', arguments: ['selfHeal.pythonPath'] }]]);
    } finally {
      await setUserSetting('runner', undefined);
      await setUserSetting('pythonPath', undefined);
      await setUserSetting('model.baseUrl', undefined);
      await model.close();
      for (const folder of ['gate_rule', 'gate_ai']) fs.rmSync(workspaceFile(folder).fsPath, { recursive: true, force: true });
    }
  });
});
