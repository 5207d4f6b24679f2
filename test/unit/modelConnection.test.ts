// Test Model Connection's request, through the same client as fixes, against a real HTTP server
// speaking the Chat Completions protocol on loopback: one small request, never retried, reporting
// the model and the time, or the failure in the words a failed heal uses.
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { connectionTestLine, type ConnectionTest } from '../../src/core/model/modelFailure';
import { DEFAULT_MODEL_SETTINGS, type ModelSettings } from '../../src/core/model/modelTypes';
import { OpenAIFixer } from '../../src/llm/openaiFixer';
import { startScriptedModelServer, type Reply, type ScriptedModelServer } from '../support/scriptedModelServer';

const KEY = 'sk-test-connection-0123456789';

describe('Test Model Connection over HTTP', function () {
  this.timeout(8000);
  let server: ScriptedModelServer | undefined;

  const serve = async (reply: Reply): Promise<ScriptedModelServer> => (server = await startScriptedModelServer(() => reply));
  /** `key: null` stands for a key source that has none. */
  const connection = (settings: Partial<ModelSettings>, key: string | null = KEY): OpenAIFixer =>
    new OpenAIFixer({ ...DEFAULT_MODEL_SETTINGS, model: 'gpt-test', timeoutMs: 5000, maxRetries: 2, ...settings }, async () => key ?? undefined, { retryBaseDelayMs: 10 });
  /** The outcome with the time taken left out (it varies), and the time checked to be a real measure. */
  const timeless = (test: ConnectionTest): Omit<ConnectionTest, 'latencyMs'> => {
    assert.ok(test.latencyMs >= 0 && test.latencyMs < 5000, `latency ${test.latencyMs}`);
    const { latencyMs: _latency, ...rest } = test;
    return rest;
  };

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('reports the model the server names and how long it took, after one small request', async () => {
    const s = await serve({ content: 'OK' });
    const test = await connection({ baseUrl: s.baseUrl }).testConnection();
    const endpoint = new URL(s.baseUrl).origin;
    assert.deepStrictEqual(timeless(test), { ok: true, endpoint, model: 'gpt-test' });
    assert.strictEqual(s.requests.length, 1);
    const [sent] = s.requests;
    assert.deepStrictEqual([sent.path, sent.headers.authorization, sent.body.model, sent.body.max_tokens], ['/v1/chat/completions', `Bearer ${KEY}`, 'gpt-test', 16]);
    assert.deepStrictEqual(sent.body.messages, [{ role: 'user', content: 'Reply with the single word OK.' }]);
    assert.strictEqual(connectionTestLine({ ...test, latencyMs: 42.4 }), `the model at ${endpoint} answered: gpt-test in 42 ms`);
  });

  it('names a refused key (401) without retrying and without the key', async () => {
    const s = await serve({ status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}`, type: 'invalid_request_error' } } });
    const test = await connection({ baseUrl: s.baseUrl }).testConnection();
    const endpoint = new URL(s.baseUrl).origin;
    assert.deepStrictEqual(timeless(test), { ok: false, endpoint, model: 'gpt-test', failure: { endpoint, kind: 'unauthorized', cause: 'did not accept the API key (401)' } });
    assert.strictEqual(s.requests.length, 1);
    assert.ok(!JSON.stringify(test).includes(KEY));
  });

  it('reports a rate limit (429) at once, without waiting to retry', async () => {
    const s = await serve({ status: 429, headers: { 'Retry-After': '30' } });
    const started = Date.now();
    const test = await connection({ baseUrl: s.baseUrl }).testConnection();
    const endpoint = new URL(s.baseUrl).origin;
    assert.deepStrictEqual(timeless(test), { ok: false, endpoint, model: 'gpt-test', failure: { endpoint, kind: 'rate-limited', cause: 'is rate limiting requests (429)' } });
    assert.ok(Date.now() - started < 2000);
    assert.strictEqual(s.requests.length, 1);
  });

  it('reports a server error (500) once', async () => {
    const s = await serve({ status: 500 });
    const test = await connection({ baseUrl: s.baseUrl }).testConnection();
    const endpoint = new URL(s.baseUrl).origin;
    assert.deepStrictEqual(timeless(test), { ok: false, endpoint, model: 'gpt-test', failure: { endpoint, kind: 'server-error', cause: 'failed with a server error (500)' } });
    assert.strictEqual(connectionTestLine({ ...test, latencyMs: 7 }), `the model at ${endpoint} failed with a server error (500) (model gpt-test, 7 ms)`);
    assert.strictEqual(s.requests.length, 1);
  });

  it('names the origin of a port nothing listens on, never the path', async () => {
    const port = await closedPort();
    const test = await connection({ baseUrl: `http://127.0.0.1:${port}/v1/secret-path` }).testConnection();
    const endpoint = `http://127.0.0.1:${port}`;
    assert.deepStrictEqual(timeless(test), { ok: false, endpoint, model: 'gpt-test', failure: { endpoint, kind: 'refused', cause: 'refused the connection' } });
  });

  it('gives up after the model timeout, abandoning the request', async () => {
    const s = await serve({ delayMs: 30_000, content: 'OK' });
    const started = Date.now();
    const test = await connection({ baseUrl: s.baseUrl, timeoutMs: 300 }).testConnection();
    const endpoint = new URL(s.baseUrl).origin;
    assert.deepStrictEqual({ ...test, latencyMs: 0 }, { ok: false, endpoint, model: 'gpt-test', latencyMs: 0, failure: { endpoint, kind: 'timeout', cause: 'gave no answer within 0.3 s' } });
    assert.ok(test.latencyMs >= 300 && Date.now() - started < 2000, `took ${test.latencyMs} ms`);
    assert.strictEqual(await s.settled(0), 'abandoned');
  });

  it('sends nothing to OpenAI without a key, and says so', async () => {
    let asked = 0;
    const originalFetch = globalThis.fetch;
    globalThis.fetch = (async () => {
      asked++;
      throw new Error('no request expected');
    }) as typeof fetch;
    try {
      const test = await connection({}, null).testConnection();
      assert.deepStrictEqual(test, {
        ok: false, endpoint: 'https://api.openai.com', model: 'gpt-test', latencyMs: 0,
        failure: { endpoint: 'https://api.openai.com', kind: 'no-key', cause: 'needs an API key, and none is set' },
      });
    } finally {
      globalThis.fetch = originalFetch;
    }
    assert.strictEqual(asked, 0);
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
