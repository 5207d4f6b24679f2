// Fixes from a language model VS Code offers (vscode.lm): a test extension registers a chat model
// through the proposed chatProvider API that forwards each request to a loopback OpenAI-protocol
// server, so the request Self-Heal makes is read on the wire. Also: Stop reaches the model's
// provider, its refusals are told in plain words, and the fallbacks of selfHeal.model.provider.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { PanelFile } from '../../../src/webview/protocol';
import { startScriptedModelServer, type ModelScript, type ScriptedModelServer } from '../../support/scriptedModelServer';
import { activateOnTestImage, attemptsPanel, setSetting, setUserSetting, withModel, workspaceFile } from './hostHelper';

interface Outcome {
  record: { outcome: string; stopReason: string };
  applied: string[];
}

interface State {
  statusBarTooltip: string;
  notifications: Array<{ message: string; buttons: string[] }>;
}

const BROKEN = 'def add(a, b):\n    return a + b\n\n\nprint(add(5, "10"))\n';
const FIXED = 'def add(a, b):\n    return int(a) + int(b)\n\n\nprint(add(5, "10"))\n';
const FIX = 'lmfix/add.py\n<<<<<<< SEARCH\n    return a + b\n=======\n    return int(a) + int(b)\n>>>>>>> REPLACE\n';
const MODEL = 'vscode: scripted/scripted-coder';

const state = () => vscode.commands.executeCommand<State>('_selfHeal.testState');
const runAndHeal = () => vscode.commands.executeCommand<Outcome>('selfHeal.runAndHeal', workspaceFile('lmfix/add.py'));
const disk = () => fs.readFileSync(workspaceFile('lmfix/add.py').fsPath, 'utf8');
/** What the test extension's model does: forward to `baseUrl`, refuse with `error`, or (no baseUrl) not be offered. */
const offerModel = (setup: { baseUrl?: string; error?: string }) => vscode.commands.executeCommand('scriptedChatModel.configure', { family: 'scripted-coder', ...setup });
const tokensOf = (text: string) => Math.ceil(text.length / 4);

async function newestFile(): Promise<PanelFile> {
  const [run] = (await attemptsPanel()).state.runs;
  const file = run.files.find((f) => f.entry === 'lmfix/add.py');
  assert.ok(file, `lmfix/add.py in ${run.title}`);
  return file;
}

async function withVsCodeModel<T>(script: ModelScript, use: (server: ScriptedModelServer) => Promise<T>, error?: string): Promise<T> {
  const server = await startScriptedModelServer(script);
  await offerModel({ baseUrl: server.baseUrl, error });
  try {
    return await use(server);
  } finally {
    await offerModel({});
    await server.close();
  }
}

describe('extension host: fixes from a language model VS Code offers', function () {
  this.timeout(120_000);

  before(async () => {
    await activateOnTestImage();
    assert.ok(vscode.extensions.getExtension('self-heal-tests.scripted-chat-model'), 'the test extension offering a model is installed');
    await setSetting('fix.applyMode', 'auto');
    await setSetting('model.vscodeFamily', 'scripted-coder');
  });

  beforeEach(() => {
    fs.mkdirSync(path.dirname(workspaceFile('lmfix/add.py').fsPath), { recursive: true });
    fs.writeFileSync(workspaceFile('lmfix/add.py').fsPath, BROKEN);
  });

  after(async () => {
    await offerModel({});
    for (const key of ['fix.applyMode', 'model.vscodeFamily']) await setSetting(key, undefined);
    await setUserSetting('model.provider', undefined);
    fs.rmSync(workspaceFile('lmfix').fsPath, { recursive: true, force: true });
  });

  it('Run & Self-Heal heals with the VS Code model: the request on the wire, the model named, the tokens counted', async () => {
    await setUserSetting('model.provider', 'vscode');
    const before = (await attemptsPanel()).state.sessionTokens.totalTokens;
    await withVsCodeModel(() => ({ content: FIX }), async (server) => {
      const outcome = await runAndHeal();
      assert.deepStrictEqual([outcome.record.outcome, outcome.applied], ['healed', ['lmfix/add.py']]);
      assert.strictEqual(disk(), FIXED);
      const [request] = server.requests;
      assert.strictEqual(server.requests.length, 1);
      // The system prompt goes first as the user's (the stable API has no system role), then the error.
      assert.deepStrictEqual([request.path, request.body.model, request.body.messages.map((m: { role: string }) => m.role)], ['/v1/chat/completions', 'scripted-coder', ['user', 'user']]);
      assert.match(request.body.messages[0].content, /^You fix Python programs that failed when run\./);
      assert.match(request.body.messages[1].content, /TypeError: unsupported operand type\(s\) for \+: 'int' and 'str'/);
      const file = await newestFile();
      const promptTokens = request.body.messages.reduce((sum: number, m: { content: string }) => sum + tokensOf(m.content), 0);
      const usage = { promptTokens, completionTokens: tokensOf(FIX), totalTokens: promptTokens + tokensOf(FIX) };
      assert.deepStrictEqual(file.attempts.map((a) => [a.outcome, a.fix?.source, a.tokens]), [['healed', `model:${MODEL}`, usage]]);
      assert.deepStrictEqual(file.tokens, usage);
      const session = (await attemptsPanel()).state.sessionTokens;
      assert.strictEqual(session.totalTokens - before, usage.totalTokens);
      assert.ok((await state()).statusBarTooltip.includes(`Model tokens this session: ${session.totalTokens.toLocaleString('en-US')} (`), (await state()).statusBarTooltip);
    });
  });

  it('Stop while the VS Code model is thinking ends the heal at once and leaves the file untouched', async () => {
    await setUserSetting('model.provider', 'vscode');
    await withVsCodeModel(() => ({ delayMs: 60_000, content: 'never' }), async (server) => {
      const running = runAndHeal();
      await server.waitForRequests(1);
      await vscode.commands.executeCommand('selfHeal.stop');
      assert.strictEqual((await running).record.outcome, 'cancelled');
      // The heal did not wait for the answer. (VS Code 1.100 does not pass the cancellation on to the
      // model's provider once the request has started, so the provider's own request runs on.)
      assert.strictEqual(server.requests[0].outcome, 'pending');
      assert.strictEqual(disk(), BROKEN);
    });
  });

  for (const [code, kind, cause] of [
    ['NoPermissions', 'unauthorized', 'may not be used by Self-Heal: allow it when VS Code asks, or under Accounts > Manage Language Model Access (the scripted model refuses: NoPermissions)'],
    ['Blocked', 'rate-limited', "blocked Self-Heal's request: its provider refuses requests for now (a quota or a policy) (the scripted model refuses: Blocked)"],
  ]) {
    it(`a language model error (${code}) is told as a model failure, in plain words`, async () => {
      await setUserSetting('model.provider', 'vscode');
      await withVsCodeModel(() => ({ content: FIX }), async (server) => {
        const seen = (await state()).notifications.length;
        const outcome = await runAndHeal();
        assert.strictEqual(outcome.record.outcome, 'not-healed');
        assert.strictEqual(server.requests.length, 0);
        assert.deepStrictEqual((await newestFile()).modelFailure, { endpoint: 'VS Code (scripted/scripted-coder)', kind, cause });
        const told = (await state()).notifications.slice(seen).map((n) => [n.message, n.buttons]);
        assert.deepStrictEqual(told, [[`Self-Heal: lmfix/add.py was not healed: the model at VS Code (scripted/scripted-coder) ${cause}.`, ['Test Connection', 'Open Settings']]]);
      }, code);
    });
  }

  it('provider auto with no VS Code model asks the OpenAI-compatible endpoint', async () => {
    await setUserSetting('model.provider', 'auto');
    await offerModel({});
    await withModel(() => ({ content: FIX, usage: { prompt_tokens: 900, completion_tokens: 30 } }), async (requests) => {
      const outcome = await runAndHeal();
      assert.strictEqual(outcome.record.outcome, 'healed');
      assert.deepStrictEqual([requests.length, requests[0].body.model], [1, 'test-model']);
      const file = await newestFile();
      assert.deepStrictEqual(file.attempts.map((a) => [a.fix?.source, a.tokens.totalTokens]), [['model:test-model', 930]]);
    });
  });

  it('provider vscode with no VS Code model says so, and asks no endpoint', async () => {
    await setUserSetting('model.provider', 'vscode');
    await offerModel({});
    await withModel(() => ({ content: FIX }), async (requests) => {
      const seen = (await state()).notifications.length;
      const outcome = await runAndHeal();
      assert.strictEqual(outcome.record.outcome, 'not-healed');
      assert.strictEqual(requests.length, 0);
      const cause = 'offers no language model of the family "scripted-coder": install and sign in to an extension that provides one (GitHub Copilot, for example), or set selfHeal.model.provider to openai-compatible';
      assert.deepStrictEqual((await newestFile()).modelFailure, { endpoint: 'VS Code', kind: 'rejected', cause });
      const told = (await state()).notifications.slice(seen).map((n) => n.message);
      assert.deepStrictEqual(told, [`Self-Heal: lmfix/add.py was not healed: the model at VS Code ${cause}.`]);
    });
  });
});
