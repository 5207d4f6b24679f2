// The heal loop against the real engine, with rules and with a model reached over HTTP: a loopback
// server that speaks the OpenAI Chat Completions protocol answers from a script.
import * as assert from 'assert';
import { healFile, type HealOptions } from '../../src/core/heal/healFile';
import type { FileHealRecord } from '../../src/core/heal/ledger';
import { DEFAULT_MODEL_SETTINGS } from '../../src/core/model/modelTypes';
import { OpenAIFixer } from '../../src/llm/openaiFixer';
import { startScriptedModelServer, type ModelScript } from '../support/scriptedModelServer';
import { limits, shared } from './sandboxHelper';

const TYPE_ERROR_PROGRAM = 'def calculate(a, b):\n    return a + b\n\nresult = calculate(5, "10")\nprint(f"Result: {result}")\n';
const TYPE_ERROR_FIX = 'def calculate(a, b):\n    return int(a) + int(b)\n\nresult = calculate(5, "10")\nprint(f"Result: {result}")\n';
const EDIT_BLOCK = 'Convert both operands to numbers.\n\nmain.py\n<<<<<<< SEARCH\n    return a + b\n=======\n    return int(a) + int(b)\n>>>>>>> REPLACE\n';

function heal(files: Record<string, string>, options: Partial<HealOptions> = {}): Promise<FileHealRecord> {
  return healFile({ files, entry: 'main.py' }, { runner: shared, limits: limits(), ...options });
}

async function withModel<T>(script: ModelScript, use: (model: OpenAIFixer, requests: { body: any }[]) => Promise<T>): Promise<T> {
  const server = await startScriptedModelServer(script);
  try {
    const model = new OpenAIFixer({ ...DEFAULT_MODEL_SETTINGS, model: 'test-model', baseUrl: server.baseUrl, timeoutMs: 5_000, maxRetries: 1 }, async () => 'test-key');
    return await use(model, server.requests);
  } finally {
    await server.close();
  }
}

const userText = (request: { body: any }): string => request.body.messages.filter((m: any) => m.role === 'user').map((m: any) => m.content).join('\n');

describe('heal loop: rules, verified by the real engine', function () {
  this.timeout(120_000);

  it('heals the design note syntax example in one attempt and records it', async () => {
    const record = await heal({ 'main.py': 'def greet(name):\n    print(f"Hello, {name}"\n\ngreet("Ada")\n' });
    assert.strictEqual(record.outcome, 'healed');
    assert.strictEqual(record.stopReason, 'healed in 1 attempt');
    assert.deepStrictEqual(record.changedFiles, { 'main.py': 'def greet(name):\n    print(f"Hello, {name}")\n\ngreet("Ada")\n' });
    assert.strictEqual(record.attempts.length, 1);
    const [attempt] = record.attempts;
    assert.deepStrictEqual([attempt.number, attempt.outcome, attempt.error.type, attempt.fix?.source, attempt.fix?.description], [1, 'healed', 'SyntaxError', 'rule:unclosed-bracket', "Close '('"]);
    assert.strictEqual(attempt.fix?.diff, '--- a/main.py\n+++ b/main.py\n@@ -1,4 +1,4 @@\n def greet(name):\n-    print(f"Hello, {name}"\n+    print(f"Hello, {name}")\n \n greet("Ada")\n');
    assert.deepStrictEqual([attempt.rerun?.reason, attempt.rerun?.exitCode, attempt.rerun?.error, attempt.rerun?.outputTail], ['exited', 0, null, 'Hello, Ada\n']);
    assert.strictEqual(record.diff, attempt.fix?.diff);
    assert.strictEqual(record.lastRun.exitCode, 0);
    assert.strictEqual(record.firstRun.error?.message, "'(' was never closed");
  });

  it('keeps a fix that gets further and heals the next error with another', async () => {
    const record = await heal({ 'main.py': 'for word in ["a", "b"]\n    print(json.dumps(word))\n' });
    assert.strictEqual(record.outcome, 'healed');
    assert.deepStrictEqual(record.attempts.map((a) => [a.fix?.source, a.outcome]), [['rule:missing-colon', 'progress'], ['rule:missing-import', 'healed']]);
    assert.deepStrictEqual(record.changedFiles, { 'main.py': 'import json\nfor word in ["a", "b"]:\n    print(json.dumps(word))\n' });
    assert.strictEqual(record.lastRun.outputTail, '"a"\n"b"\n');
  });

  it('leaves a program it cannot heal as it was, saying why', async () => {
    const record = await heal({ 'main.py': TYPE_ERROR_PROGRAM });
    assert.deepStrictEqual([record.outcome, record.stopReason, record.attempts.length, record.diff], ['not-healed', 'no fix is known for TypeError', 0, '']);
    assert.deepStrictEqual(record.changedFiles, {});
    assert.strictEqual(record.lastRun.error?.message, "unsupported operand type(s) for +: 'int' and 'str'");
  });

  it('keeps the furthest partial fix only when asked', async () => {
    const files = { 'main.py': 'if True\n    print(1 + "x")\n' };
    const restored = await heal(files);
    const kept = await heal(files, { keepPartial: true });
    assert.deepStrictEqual([restored.outcome, restored.changedFiles], ['not-healed', {}]);
    assert.deepStrictEqual([kept.outcome, kept.changedFiles], ['not-healed', { 'main.py': 'if True:\n    print(1 + "x")\n' }]);
  });

  it('reports a clean program without attempts', async () => {
    const record = await heal({ 'main.py': 'print("fine")\n' });
    assert.deepStrictEqual([record.outcome, record.attempts, record.changedFiles, record.firstRun.outputTail], ['clean', [], {}, 'fine\n']);
  });
});

describe('heal loop: the model, over a real HTTP server on loopback', function () {
  this.timeout(120_000);

  it('heals the design note type error with an edit block, recording tokens', async () => {
    await withModel(() => ({ content: EDIT_BLOCK, usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 } }), async (model, requests) => {
      const record = await heal({ 'main.py': TYPE_ERROR_PROGRAM }, { model });
      assert.strictEqual(record.outcome, 'healed');
      assert.deepStrictEqual(record.changedFiles, { 'main.py': TYPE_ERROR_FIX });
      assert.deepStrictEqual(record.attempts.map((a) => [a.fix?.source, a.outcome, a.tokens.totalTokens]), [['model:test-model', 'healed', 150]]);
      assert.strictEqual(record.lastRun.outputTail, 'Result: 15\n');
      assert.deepStrictEqual(record.tokens, { promptTokens: 120, completionTokens: 30, totalTokens: 150 });
      assert.strictEqual(requests.length, 1);
      assert.match(userText(requests[0]), /TypeError: unsupported operand type\(s\) for \+: 'int' and 'str'/);
    });
  });

  it('heals with a whole corrected file in one fenced block', async () => {
    await withModel(() => ({ content: `Here is the corrected file:\n\n\`\`\`python\n${TYPE_ERROR_FIX}\`\`\`\n` }), async (model) => {
      const record = await heal({ 'main.py': TYPE_ERROR_PROGRAM }, { model });
      assert.deepStrictEqual([record.outcome, record.changedFiles['main.py']], ['healed', TYPE_ERROR_FIX]);
    });
  });

  it('reverts a fix that makes things worse and tells the model why', async () => {
    const worse = 'main.py\n<<<<<<< SEARCH\n    return a + b\n=======\n    return a +\n>>>>>>> REPLACE\n';
    await withModel((_request, index) => ({ content: index === 0 ? worse : EDIT_BLOCK }), async (model, requests) => {
      const record = await heal({ 'main.py': TYPE_ERROR_PROGRAM }, { model });
      assert.deepStrictEqual(record.attempts.map((a) => a.outcome), ['reverted', 'healed']);
      assert.match(record.attempts[0].why, /^the re-run failed earlier: SyntaxError: invalid syntax/);
      assert.strictEqual(record.attempts[0].rerun?.error?.type, 'SyntaxError');
      assert.ok(userText(requests[1]).includes(record.attempts[0].why), 'the second request names why the first fix failed');
      assert.deepStrictEqual(record.changedFiles, { 'main.py': TYPE_ERROR_FIX });
    });
  });

  it('stops when the same error comes back twice, leaving the file as it was', async () => {
    const noop = (n: number): string => `main.py\n<<<<<<< SEARCH\n    return a + b\n=======\n    return a + b  # try ${n}\n>>>>>>> REPLACE\n`;
    await withModel((_request, index) => ({ content: noop(index) }), async (model) => {
      const record = await heal({ 'main.py': TYPE_ERROR_PROGRAM }, { model, maxAttempts: 5 });
      assert.deepStrictEqual([record.outcome, record.stopReason], ['not-healed', 'the same TypeError came back twice with no progress']);
      assert.deepStrictEqual(record.attempts.map((a) => a.outcome), ['reverted', 'reverted']);
      assert.deepStrictEqual(record.changedFiles, {});
    });
  });

  it('stops at the attempt limit', async () => {
    const wrong = (n: number): string => `main.py\n<<<<<<< SEARCH\n    return a + b\n=======\n    return a + ${n} +\n>>>>>>> REPLACE\n`;
    await withModel((_request, index) => ({ content: wrong(index) }), async (model) => {
      const record = await heal({ 'main.py': TYPE_ERROR_PROGRAM }, { model });
      assert.deepStrictEqual([record.outcome, record.stopReason, record.attempts.length], ['not-healed', 'no fix held within 3 attempts', 3]);
      assert.deepStrictEqual(record.changedFiles, {});
    });
  });

  it('gives up on a failing server without hanging and leaves the file as it was', async () => {
    await withModel(() => ({ status: 500, body: { error: { message: 'boom' } } }), async (model) => {
      const record = await heal({ 'main.py': TYPE_ERROR_PROGRAM }, { model });
      assert.deepStrictEqual([record.outcome, record.attempts.length, record.attempts[0].outcome], ['not-healed', 1, 'refused']);
      assert.match(record.attempts[0].why, /500/);
      assert.deepStrictEqual(record.changedFiles, {});
    });
  });

  it('cancels mid-request: the heal ends at once and nothing changes', async () => {
    const controller = new AbortController();
    await withModel(() => ({ delayMs: 30_000, content: EDIT_BLOCK }), async (model, requests) => {
      const waiting = heal({ 'main.py': TYPE_ERROR_PROGRAM }, { model, signal: controller.signal });
      while (requests.length === 0) await new Promise((r) => setTimeout(r, 20));
      const abortedAt = Date.now();
      controller.abort();
      const record = await waiting;
      assert.ok(Date.now() - abortedAt < 2_000, `took ${Date.now() - abortedAt} ms`);
      assert.deepStrictEqual([record.outcome, record.changedFiles, record.attempts.map((a) => a.outcome)], ['cancelled', {}, ['cancelled']]);
    });
  });
});
