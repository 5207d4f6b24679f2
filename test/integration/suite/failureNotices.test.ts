// What a user is told when things go wrong or change more than they ran, read back from the
// notifications Self-Heal showed (with their buttons) and the status bar item: a model that cannot be
// used is named with its cause once per heal; Test Model Connection reports the model and the time or
// the error; a failed heal says what failed and the next step; engine, image and install problems are
// three different states, each opening what fixes it. Real extension host, real engine, loopback
// servers that speak the OpenAI protocol.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { startScriptedModelServer, type ModelScript } from '../../support/scriptedModelServer';
import { activateOnTestImage, answerNextQuestions, setSetting, setUserSetting, workspaceFile } from './hostHelper';

interface Notice {
  seq: number;
  severity: string;
  message: string;
  buttons: string[];
}
interface NoticeState {
  notifications: Notice[];
  statusBar: string;
  statusBarTooltip: string;
  statusBarCommand: { command: string; arguments: unknown[] };
  engineState: { kind: string };
}
interface Outcome {
  record: { entry: string; outcome: string; stopReason: string; modelFailure?: unknown; setupFailure?: { kind: string; message: string } };
  applied: string[];
  notApplied?: string;
}

const state = () => vscode.commands.executeCommand<NoticeState>('_selfHeal.testState');
const disk = (name: string) => fs.readFileSync(workspaceFile(name).fsPath, 'utf8');
const settle = () => new Promise((r) => setTimeout(r, 300)); // configuration events reach the extension

/** What `action` returned and the notifications shown while it ran. */
async function noticesDuring<T>(action: () => Thenable<T>): Promise<{ result: T; shown: Array<Omit<Notice, 'seq'>> }> {
  await vscode.commands.executeCommand('notifications.clearAll'); // an engine notice still open would hold back the next
  const before = (await state()).notifications.at(-1)?.seq ?? 0;
  const result = await action();
  await settle();
  const shown = (await state()).notifications.filter((n) => n.seq > before).map(({ seq: _seq, ...notice }) => notice);
  return { result, shown };
}

const heal = (file: string) => vscode.commands.executeCommand<Outcome>('selfHeal.runAndHeal', workspaceFile(file));

/** Runs `use` with selfHeal.model.baseUrl at a loopback server answering with `script`. */
async function withModel<T>(script: ModelScript, use: (origin: string) => Promise<T>): Promise<T> {
  const server = await startScriptedModelServer(script);
  await setUserSetting('model.baseUrl', server.baseUrl);
  await settle();
  try {
    return await use(new URL(server.baseUrl).origin);
  } finally {
    await setUserSetting('model.baseUrl', undefined);
    await server.close();
  }
}

/** A loopback address nothing listens on. */
async function closedOrigin(): Promise<string> {
  const server = await startScriptedModelServer(() => ({ content: '' }));
  await server.close();
  return new URL(server.baseUrl).origin;
}

const FILES: Record<string, string> = {
  'notices/types.py': 'def calculate(a, b):\n    return a + b\n\n\nprint(calculate(5, "10"))\n',
  'notices/main.py': 'from util import total\n\nprint(total([1, 2, 3]))\n',
  'notices/util.py': 'def total(values):\n    return sum(values) + json.loads("1")\n',
  'notices/uses.py': 'print("needs its requirements")\n',
  'notices/spread.py': 'print(sum(range(10)))\n',
  'notices/three/a.py': 'print(json.dumps({"a": 1}))\n',
  'notices/three/b.py': 'print("b"\n',
  'notices/three/c.py': 'for i in range(2)\n    print(i)\n',
  'notices/stale/a.py': 'print(json.dumps({"a": 1}))\n',
  // Slow enough that the test edits it between the run and the fix.
  'notices/stale/b.py': 'import time\n\ntime.sleep(3)\nprint(json.dumps({"b": 2}))\n',
};
const TYPE_ERROR = "TypeError: unsupported operand type(s) for +: 'int' and 'str' at notices/types.py:2";

describe('extension host: failures said once, with a next step; honest status', function () {
  this.timeout(180_000);

  before(async () => {
    await activateOnTestImage();
    await setSetting('fix.applyMode', 'auto');
    await setSetting('model.name', 'test-model');
    for (const [file, text] of Object.entries(FILES)) {
      fs.mkdirSync(workspaceFile(file).fsPath.replace(/[^/]+$/, ''), { recursive: true });
      fs.writeFileSync(workspaceFile(file).fsPath, text);
    }
  });

  after(async () => {
    for (const key of ['fix.applyMode', 'model.name']) await setSetting(key, undefined);
    for (const key of ['docker.host', 'image', 'model.baseUrl']) await setUserSetting(key, undefined);
    fs.rmSync(workspaceFile('notices').fsPath, { recursive: true, force: true });
    fs.rmSync(workspaceFile('requirements.txt').fsPath, { force: true });
  });

  it('a model endpoint that is down: one notification naming the endpoint and the cause, with Test Connection and Open Settings', async () => {
    const origin = await closedOrigin();
    await setUserSetting('model.baseUrl', `${origin}/v1`);
    try {
      const { result, shown } = await noticesDuring(() => heal('notices/types.py'));
      const line = `the model at ${origin} refused the connection after 3 tries`;
      assert.deepStrictEqual([result.record.outcome, result.record.stopReason], ['not-healed', line]);
      assert.deepStrictEqual(result.record.modelFailure, { endpoint: origin, kind: 'refused', cause: 'refused the connection after 3 tries' });
      assert.deepStrictEqual(shown, [{ severity: 'error', message: `Self-Heal: notices/types.py was not healed: ${line}.`, buttons: ['Test Connection', 'Open Settings'] }]);
      assert.strictEqual(disk('notices/types.py'), FILES['notices/types.py']);
    } finally {
      await setUserSetting('model.baseUrl', undefined);
    }
  });

  it('a refused key (401): named as such, with Set API Key beside Test Connection and Open Settings', async () => {
    await withModel(() => ({ status: 401, body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } } }), async (origin) => {
      const { shown } = await noticesDuring(() => heal('notices/types.py'));
      assert.deepStrictEqual(shown, [{
        severity: 'error', message: `Self-Heal: notices/types.py was not healed: the model at ${origin} did not accept the API key (401).`, buttons: ['Test Connection', 'Set API Key', 'Open Settings'],
      }]);
    });
  });

  it('a rate limit (429) that outlasts the retries: said once, as a rate limit', async () => {
    await withModel(() => ({ status: 429, headers: { 'Retry-After': '0' } }), async (origin) => {
      const { shown } = await noticesDuring(() => heal('notices/types.py'));
      assert.deepStrictEqual(shown, [{
        severity: 'error', message: `Self-Heal: notices/types.py was not healed: the model at ${origin} is rate limiting requests (429) after 3 tries.`, buttons: ['Test Connection', 'Open Settings'],
      }]);
    });
  });

  it('Fix with AI with the endpoint down names it too, not only "no verified fix was found"', async () => {
    const origin = await closedOrigin();
    await setUserSetting('model.baseUrl', `${origin}/v1`);
    try {
      const uri = workspaceFile('notices/types.py');
      await vscode.workspace.openTextDocument(uri); // the lightbulb asks about open documents
      await vscode.commands.executeCommand('selfHeal.runWithoutHealing', uri);
      const [diagnostic] = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Self-Heal');
      assert.ok(diagnostic, 'a Self-Heal diagnostic on notices/types.py');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const ai = actions.find((a) => a.title === 'Fix with AI')!;
      const { result, shown } = await noticesDuring(() => vscode.commands.executeCommand<{ applied: boolean; message: string }>(ai.command!.command, ...(ai.command!.arguments ?? [])));
      const message = `Self-Heal: no verified fix was found (the model at ${origin} refused the connection after 3 tries).`;
      assert.deepStrictEqual([result.applied, result.message], [false, message]);
      assert.deepStrictEqual(shown, [{ severity: 'error', message, buttons: ['Test Connection', 'Open Settings'] }]);
    } finally {
      await setUserSetting('model.baseUrl', undefined);
    }
  });

  it('Test Model Connection reports the model and the time when it answers', async () => {
    await withModel(() => ({ content: 'OK' }), async (origin) => {
      const { result, shown } = await noticesDuring(() => vscode.commands.executeCommand<{ ok: boolean; model: string; latencyMs: number }>('selfHeal.testModelConnection'));
      assert.deepStrictEqual([result.ok, result.model], [true, 'test-model']);
      assert.strictEqual(shown.length, 1);
      assert.deepStrictEqual([shown[0].severity, shown[0].buttons], ['info', []]);
      assert.strictEqual(shown[0].message, `Self-Heal: the model at ${origin} answered: test-model in ${Math.round(result.latencyMs)} ms.`);
    });
  });

  it('Test Model Connection reports the error when nothing answers', async () => {
    const origin = await closedOrigin();
    await setUserSetting('model.baseUrl', `${origin}/v1`);
    try {
      const { result, shown } = await noticesDuring(() => vscode.commands.executeCommand<{ ok: boolean; latencyMs: number }>('selfHeal.testModelConnection'));
      assert.strictEqual(result.ok, false);
      assert.deepStrictEqual(shown, [{
        severity: 'error', message: `Self-Heal: the model at ${origin} refused the connection (model test-model, ${Math.round(result.latencyMs)} ms).`, buttons: ['Open Settings'],
      }]);
    } finally {
      await setUserSetting('model.baseUrl', undefined);
    }
  });

  it('a failed heal without a model says what failed and how to get AI fixes', async () => {
    const { result, shown } = await noticesDuring(() => heal('notices/types.py'));
    assert.strictEqual(result.record.outcome, 'not-healed');
    assert.deepStrictEqual(shown, [{
      severity: 'warning',
      message: `Self-Heal: notices/types.py was not healed: no fix is known for TypeError (${TYPE_ERROR}). Rule fixes cover common mistakes only; set an API key or a local model server (selfHeal.model.baseUrl) for AI fixes.`,
      buttons: ['Set API Key', 'Open Settings'],
    }]);
  });

  it('auto mode says when it changed a file other than the one run, with Open and Revert', async () => {
    const { result, shown } = await noticesDuring(() => heal('notices/main.py'));
    assert.deepStrictEqual([result.record.outcome, result.applied], ['healed', ['notices/util.py']]);
    assert.deepStrictEqual(shown, [{ severity: 'info', message: 'Self-Heal changed notices/util.py to fix notices/main.py.', buttons: ['Open', 'Revert'] }]);
    await vscode.commands.executeCommand('selfHeal.revertLastRun');
    assert.strictEqual(disk('notices/util.py'), FILES['notices/util.py']);
  });

  it('Revert All Fixes From Last Run says how many files it put back', async () => {
    const healed = await noticesDuring(() => vscode.commands.executeCommand<Outcome[]>('selfHeal.runAndHealWorkspace', workspaceFile('notices/three'), [workspaceFile('notices/three')]));
    assert.deepStrictEqual(healed.result.map((o) => [o.record.entry, o.record.outcome]), [['notices/three/a.py', 'healed'], ['notices/three/b.py', 'healed'], ['notices/three/c.py', 'healed']]);
    assert.deepStrictEqual(healed.shown, [{ severity: 'info', message: 'Self-Heal: 3 files: 3 healed.', buttons: ['Show Fix Attempts'] }], 'a run of several files ends with its tally, and nothing else');
    const { result, shown } = await noticesDuring(() => vscode.commands.executeCommand<string[]>('selfHeal.revertLastRun'));
    assert.deepStrictEqual([...result].sort(), ['notices/three/a.py', 'notices/three/b.py', 'notices/three/c.py']);
    assert.deepStrictEqual(shown, [{ severity: 'info', message: `Self-Heal: reverted 3 files (${result.join(', ')}).`, buttons: [] }]);
    assert.strictEqual(disk('notices/three/b.py'), FILES['notices/three/b.py']);
  });

  it('a verified fix the editor cannot write (the file was edited meanwhile) is said and counted as not applied, never as healed', async () => {
    const folder = workspaceFile('notices/stale');
    const stale = workspaceFile('notices/stale/b.py');
    const document = await vscode.workspace.openTextDocument(stale);
    try {
      const { result, shown } = await noticesDuring(async () => {
        const run = vscode.commands.executeCommand<Outcome[]>('selfHeal.runAndHealWorkspace', folder, [folder]);
        for (let waited = 0; !(await vscode.commands.executeCommand<{ healRunning: boolean }>('_selfHeal.testState')).healRunning; waited += 50) {
          if (waited > 10_000) throw new Error('the workspace run did not start');
          await new Promise((r) => setTimeout(r, 50));
        }
        const edit = new vscode.WorkspaceEdit();
        edit.insert(stale, new vscode.Position(0, 0), '# edited while it ran\n');
        await vscode.workspace.applyEdit(edit);
        await document.save();
        return run;
      });
      assert.deepStrictEqual(result.map((o) => [o.record.entry, o.record.outcome, o.applied, o.notApplied]), [
        ['notices/stale/a.py', 'healed', ['notices/stale/a.py'], undefined],
        ['notices/stale/b.py', 'healed', [], 'notices/stale/b.py changed since it was run; run it again to get a fix for the current text.'],
      ]);
      assert.deepStrictEqual(shown, [
        { severity: 'warning', message: 'Self-Heal: the fix was not applied: notices/stale/b.py changed since it was run; run it again to get a fix for the current text.', buttons: [] },
        { severity: 'warning', message: 'Self-Heal: 2 files: 1 healed, 1 fix not applied.', buttons: ['Show Fix Attempts'] },
      ]);
      assert.strictEqual(disk('notices/stale/b.py'), `# edited while it ran\n${FILES['notices/stale/b.py']}`, 'the edit is kept, the fix not written over it');
    } finally {
      fs.writeFileSync(stale.fsPath, FILES['notices/stale/b.py']);
      fs.writeFileSync(workspaceFile('notices/stale/a.py').fsPath, FILES['notices/stale/a.py']);
    }
  });

  it('an install that fails shows "install failed" (the engine answered), opening the log, never "no engine"', async () => {
    // A wheel at a loopback address inside the build container: pip fails as it does offline.
    fs.writeFileSync(workspaceFile('requirements.txt').fsPath, 'offlinepkg @ http://127.0.0.1:9/offlinepkg-1.0-py3-none-any.whl\n');
    try {
      await answerNextQuestions('Build Environment');
      const { result, shown } = await noticesDuring(() => heal('notices/uses.py'));
      assert.deepStrictEqual([result.record.outcome, result.record.setupFailure?.kind], ['engine-error', 'install']);
      const after = await state();
      assert.deepStrictEqual([after.statusBar, after.engineState.kind, after.statusBarCommand], ['$(warning) Self-Heal: install failed', 'install-failed', { command: 'selfHeal.showLog', arguments: [] }]);
      assert.match(after.statusBarTooltip, /Click to show the log with pip's output\.$/);
      assert.strictEqual(shown.length, 1, JSON.stringify(shown));
      assert.deepStrictEqual([shown[0].severity, shown[0].buttons], ['warning', ['Show Log']]);
      assert.strictEqual(shown[0].message, `Self-Heal: notices/uses.py: ${result.record.setupFailure?.message}`);
      assert.match(shown[0].message, /^Self-Heal: notices\/uses\.py: the environment could not be prepared: .*offlinepkg/);
    } finally {
      fs.rmSync(workspaceFile('requirements.txt').fsPath, { force: true });
    }
  });

  it('an image that cannot be pulled shows "image missing", opening selfHeal.image', async () => {
    await setUserSetting('image', 'selfheal.invalid/no-such-image:1');
    try {
      const { result, shown } = await noticesDuring(() => heal('notices/uses.py'));
      assert.deepStrictEqual([result.record.outcome, result.record.setupFailure?.kind], ['engine-error', 'image']);
      const after = await state();
      assert.deepStrictEqual([after.statusBar, after.statusBarCommand], ['$(warning) Self-Heal: image missing', { command: 'workbench.action.openSettings', arguments: ['selfHeal.image'] }]);
      assert.deepStrictEqual(shown.map((n) => [n.severity, n.buttons]), [['error', ['Open Settings', 'Retry', 'Show Troubleshooting']]]);
      assert.match(shown[0].message, /^Self-Heal: The image "selfheal\.invalid\/no-such-image:1" is not on this machine and could not be pulled/);
    } finally {
      await setUserSetting('image', process.env.SELF_HEAL_TEST_IMAGE);
    }
  });

  it('two engines, one missing: the run goes to the other, and one warning names the missing engine', async () => {
    const missing = 'unix:///nonexistent/engine-two.sock';
    await setUserSetting('docker.hosts', [missing, process.env.DOCKER_HOST]);
    await settle();
    try {
      const { result, shown } = await noticesDuring(() => heal('notices/spread.py'));
      assert.strictEqual(result.record.outcome, 'clean');
      assert.deepStrictEqual(shown.filter((n) => n.severity !== 'info'), [{
        severity: 'warning',
        message: `Self-Heal: the engine at ${missing} failed (No Docker or Podman engine answered at ${missing}; start Docker Desktop (or Docker/Podman) or set selfHeal.docker.host.); it is left out for 30 s and the other engine takes its runs.`,
        buttons: [],
      }]);
      assert.strictEqual((await state()).statusBar.includes('no engine'), false);
    } finally {
      await setUserSetting('docker.hosts', undefined);
    }
  });

  it('no engine: the status item opens the exact setting, selfHeal.docker.host, and says so', async () => {
    await setUserSetting('docker.host', 'unix:///nonexistent/engine.sock');
    try {
      const { result, shown } = await noticesDuring(() => heal('notices/uses.py'));
      assert.deepStrictEqual([result.record.outcome, result.record.setupFailure?.kind], ['engine-error', 'engine']);
      const after = await state();
      assert.deepStrictEqual([after.statusBar, after.statusBarCommand], ['$(error) Self-Heal: no engine', { command: 'workbench.action.openSettings', arguments: ['selfHeal.docker.host'] }]);
      assert.match(after.statusBarTooltip, /Click to open the setting selfHeal\.docker\.host\.$/);
      assert.deepStrictEqual(shown.map((n) => [n.severity, n.buttons]), [['error', ['Open Settings', 'Retry', 'Show Troubleshooting']]]);
      assert.match(shown[0].message, /^Self-Heal: No Docker or Podman engine answered at unix:\/\/\/nonexistent\/engine\.sock/);
    } finally {
      await setUserSetting('docker.host', undefined);
    }
  });
});
