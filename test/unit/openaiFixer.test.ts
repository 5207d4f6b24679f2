// The model fixer against a real HTTP server speaking the Chat Completions protocol on loopback:
// the openai client really sends requests, gets status codes, waits and is aborted.
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { refusalMessage } from '../../src/core/model/modelPrompt';
import { DEFAULT_MODEL_SETTINGS, type ModelFixRequest, type ModelSettings } from '../../src/core/model/modelTypes';
import type { PythonError } from '../../src/core/errors/pythonError';
import { OpenAIFixer } from '../../src/llm/openaiFixer';
import { requestUrlOf } from '../../src/llm/chatExchange';
import { startScriptedModelServer, type ModelScript, type Reply, type ScriptedModelServer } from '../support/scriptedModelServer';

const KEY = 'sk-test-0123456789abcdef';
const MAIN = 'def total(items):\n    result = sum(items)\n    return reslt\n\nprint(total([1, 2]))\n';
const FIXED = MAIN.replace('reslt', 'result');
const EDIT_ANSWER = 'Return the variable that exists.\n\nmain.py\n<<<<<<< SEARCH\n    return reslt\n=======\n    return result\n>>>>>>> REPLACE\n';
const EDIT = { file: 'main.py', startLine: 3, startColumn: 1, endLine: 4, endColumn: 1, newText: '    return result\n' };
const USAGE = { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 };

const ERROR: PythonError = {
  type: 'NameError', message: "name 'reslt' is not defined", kind: 'name', file: 'main.py', line: 3, column: 12, endLine: 3, endColumn: 17,
  suggestion: 'result', notes: [], cause: null, context: null, exceptions: [],
  frames: [{ file: 'main.py', line: 5, function: '<module>', source: 'print(total([1, 2]))', external: false }, { file: 'main.py', line: 3, function: 'total', source: 'return reslt', external: false }],
};

function fixRequest(overrides: Partial<ModelFixRequest> = {}): ModelFixRequest {
  return { error: ERROR, files: { 'main.py': MAIN }, entry: 'main.py', outputTail: '', earlier: [], ...overrides };
}

describe('OpenAIFixer over HTTP', function () {
  this.timeout(8000);
  let server: ScriptedModelServer | undefined;
  let logLines: string[];

  const serve = async (script: ModelScript): Promise<ScriptedModelServer> => (server = await startScriptedModelServer(script));
  const inOrder = (...replies: Reply[]): ModelScript => (_request, index) => replies[Math.min(index, replies.length - 1)];
  /** `key: undefined` stands for a key source that has none. */
  const fixer = (settings: Partial<ModelSettings>, extra: { key?: string; retryBaseDelayMs?: number } = {}): OpenAIFixer =>
    new OpenAIFixer({ ...DEFAULT_MODEL_SETTINGS, model: 'gpt-test', timeoutMs: 5000, ...settings }, async () => ('key' in extra ? extra.key : KEY), {
      log: (line) => logLines.push(line),
      retryBaseDelayMs: extra.retryBaseDelayMs ?? 10,
    });

  beforeEach(() => {
    logLines = [];
  });

  afterEach(async () => {
    await server?.close();
    server = undefined;
    for (const line of logLines) assert.ok(!line.includes(KEY), `the key reached the log: ${line}`);
  });

  it('turns an edit block into a candidate, sends the request as configured and counts tokens', async () => {
    const s = await serve(inOrder({ content: EDIT_ANSWER, usage: USAGE }));
    const result = await fixer({ baseUrl: s.baseUrl, temperature: 0.2, maxTokens: 999 }).propose(fixRequest());
    assert.deepStrictEqual(result, {
      candidate: { source: 'model:gpt-test', description: 'Return the variable that exists', edits: [EDIT], confident: false },
      usage: { promptTokens: 120, completionTokens: 30, totalTokens: 150 },
      rejections: [],
    });
    assert.strictEqual(s.requests.length, 1);
    const [sent] = s.requests;
    assert.strictEqual(sent.path, '/v1/chat/completions');
    assert.strictEqual(sent.headers.authorization, `Bearer ${KEY}`);
    assert.deepStrictEqual([sent.body.model, sent.body.temperature, sent.body.max_tokens, sent.body.stream], ['gpt-test', 0.2, 999, undefined]);
    assert.deepStrictEqual(sent.body.messages.map((m: { role: string }) => m.role), ['system', 'user']);
    assert.ok(sent.body.messages[1].content.includes("## Error\nNameError: name 'reslt' is not defined\n"));
    assert.ok(logLines.length >= 2);
  });

  it('takes a whole corrected file as one edit of the lines it changes', async () => {
    const s = await serve(inOrder({ content: '```python\n' + FIXED + '```\n', usage: USAGE }));
    const result = await fixer({ baseUrl: s.baseUrl }).propose(fixRequest());
    assert.deepStrictEqual(result.candidate?.edits, [{ file: 'main.py', startLine: 3, startColumn: 1, endLine: 4, endColumn: 1, newText: '    return result\n' }]);
    assert.strictEqual(result.candidate?.description, 'Model fix for NameError');
  });

  it('asks once more after a malformed answer, continuing the conversation with the reason', async () => {
    const malformed = 'main.py\n<<<<<<< SEARCH\n    return reslt\n>>>>>>> REPLACE\n';
    const s = await serve(inOrder({ content: malformed, usage: USAGE }, { content: EDIT_ANSWER, usage: USAGE }));
    const result = await fixer({ baseUrl: s.baseUrl }).propose(fixRequest());
    assert.deepStrictEqual(result.candidate?.edits, [EDIT]);
    assert.deepStrictEqual(result.rejections, ['edit 1 has no "=======" line']);
    assert.deepStrictEqual(result.usage, { promptTokens: 240, completionTokens: 60, totalTokens: 300 });
    assert.strictEqual(s.requests.length, 2);
    const second = s.requests[1].body.messages;
    assert.deepStrictEqual(second.slice(0, 2), s.requests[0].body.messages);
    assert.deepStrictEqual(second.slice(2), [
      { role: 'assistant', content: malformed },
      { role: 'user', content: refusalMessage('edit 1 has no "=======" line') },
    ]);
  });

  it('refuses edits to another file twice and gives up with both reasons', async () => {
    const other = 'other.py\n<<<<<<< SEARCH\nx = 1\n=======\nx = 2\n>>>>>>> REPLACE\n';
    const s = await serve(inOrder({ content: other }, { content: other.replace('x = 2', 'x = 3') }));
    const result = await fixer({ baseUrl: s.baseUrl }).propose(fixRequest());
    const reason = 'edit 1 changes other.py, which is not part of this run';
    assert.deepStrictEqual(result, {
      usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 },
      rejections: [reason, reason],
      failure: `both answers were refused; the last: ${reason}`,
    });
    assert.strictEqual(s.requests.length, 2);
  });

  it('refuses a whole file with a placeholder for the rest', async () => {
    const truncated = 'main.py\n```python\ndef total(items):\n    result = sum(items)\n    return result\n# ... rest unchanged\n```\n';
    const s = await serve(inOrder({ content: truncated }, { content: EDIT_ANSWER }));
    const result = await fixer({ baseUrl: s.baseUrl }).propose(fixRequest());
    assert.deepStrictEqual(result.rejections, ['the code block is not the whole file: it has "# ... rest unchanged" in place of code']);
    assert.deepStrictEqual(result.candidate?.edits, [EDIT]);
  });

  it('refuses an answer cut off at the token limit', async () => {
    const s = await serve(inOrder({ content: '```python\n' + FIXED + '```\n', finishReason: 'length' }));
    const result = await fixer({ baseUrl: s.baseUrl }).propose(fixRequest());
    assert.deepStrictEqual(result.rejections, ['the answer was cut off at the token limit', 'the answer was cut off at the token limit']);
    assert.strictEqual(result.candidate, undefined);
  });

  it('waits as Retry-After says after a 429 and then succeeds', async () => {
    const s = await serve(inOrder({ status: 429, headers: { 'Retry-After': '0' } }, { content: EDIT_ANSWER, usage: USAGE }));
    const started = Date.now();
    const result = await fixer({ baseUrl: s.baseUrl }, { retryBaseDelayMs: 5000 }).propose(fixRequest());
    assert.deepStrictEqual(result.candidate?.edits, [EDIT]);
    assert.strictEqual(s.requests.length, 2);
    assert.ok(Date.now() - started < 2000, 'Retry-After: 0 should replace the 5 s backoff');
  });

  it('names the status after every try fails with 500', async () => {
    const s = await serve(inOrder({ status: 500 }));
    const result = await fixer({ baseUrl: s.baseUrl, maxRetries: 2 }).propose(fixRequest());
    assert.deepStrictEqual(result, {
      usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, rejections: [], failure: 'server error (500) after 3 tries',
      modelFailure: { endpoint: new URL(s.baseUrl).origin, kind: 'server-error', cause: 'failed with a server error (500) after 3 tries' },
    });
    assert.strictEqual(s.requests.length, 3);
  });

  it('does not retry a refused key, and keeps the key out of the failure line', async () => {
    const body = { error: { message: `Incorrect API key provided: ${KEY}.`, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } };
    const s = await serve(inOrder({ status: 401, body }));
    const result = await fixer({ baseUrl: s.baseUrl, maxRetries: 2 }).propose(fixRequest());
    assert.strictEqual(result.failure, 'the API key was not accepted (401): Incorrect API key provided: [key].');
    assert.deepStrictEqual(result.modelFailure, { endpoint: new URL(s.baseUrl).origin, kind: 'unauthorized', cause: 'did not accept the API key (401)' });
    assert.strictEqual(s.requests.length, 1);
    // The log names the URL the request went to and what came back, so a wrong path shows.
    assert.deepStrictEqual(logLines, [
      `POST ${s.baseUrl}/chat/completions: asking gpt-test (try 1, 2 messages)`,
      `POST ${s.baseUrl}/chat/completions -> 401: the API key was not accepted (401): Incorrect API key provided: [key].; giving up`,
    ]);
  });

  it('logs each try with the request\'s URL: a 500 retried, then the answer', async () => {
    const s = await serve(inOrder({ status: 500, headers: { 'Retry-After': '0' } }, { content: EDIT_ANSWER, usage: USAGE }));
    await fixer({ baseUrl: s.baseUrl }).propose(fixRequest());
    const url = `${s.baseUrl}/chat/completions`;
    assert.deepStrictEqual(logLines.map((line) => line.replace(/ in \d+ ms/, ' in N ms')), [
      `POST ${url}: asking gpt-test (try 1, 2 messages)`,
      `POST ${url} -> 500: server error (500); trying again in 0 s`,
      `POST ${url}: asking gpt-test (try 2, 2 messages)`,
      `POST ${url} -> answered by gpt-test in N ms (finish stop, 120 + 30 tokens)`,
    ]);
  });

  it('names the request\'s URL in the log without a user name or password', () => {
    assert.deepStrictEqual(
      [requestUrlOf('https://user:secret@models.example/openai/v1'), requestUrlOf('http://127.0.0.1:11434/v1'), requestUrlOf('not a url')],
      ['https://models.example/openai/v1/chat/completions', 'http://127.0.0.1:11434/v1/chat/completions', 'the configured base URL'],
    );
  });

  it('retries a connection closed without a reply', async () => {
    const s = await serve(inOrder({ hangUp: true }, { content: EDIT_ANSWER }));
    const result = await fixer({ baseUrl: s.baseUrl }).propose(fixRequest());
    assert.deepStrictEqual(result.candidate?.edits, [EDIT]);
    assert.strictEqual(s.requests.length, 2);
  });

  it('names the address it could not reach', async () => {
    const port = await closedPort();
    const baseUrl = `http://127.0.0.1:${port}/v1`;
    const result = await fixer({ baseUrl, maxRetries: 1 }).propose(fixRequest());
    assert.strictEqual(result.failure, `could not reach ${baseUrl} (ECONNREFUSED) after 2 tries`);
    assert.strictEqual(logLines[logLines.length - 1], `POST ${baseUrl}/chat/completions -> no answer: could not reach ${baseUrl} (ECONNREFUSED); giving up after 2 tries`);
    // People are told the origin only: a path may hold a deployment name or a token.
    assert.deepStrictEqual(result.modelFailure, { endpoint: `http://127.0.0.1:${port}`, kind: 'refused', cause: 'refused the connection after 2 tries' });
  });

  it('gives up on a reply slower than the timeout, in bounded time, abandoning each request', async () => {
    const s = await serve(inOrder({ delayMs: 30_000, content: EDIT_ANSWER }));
    const started = Date.now();
    const result = await fixer({ baseUrl: s.baseUrl, timeoutMs: 300, maxRetries: 1 }).propose(fixRequest());
    const elapsed = Date.now() - started;
    assert.strictEqual(result.failure, 'no answer within 0.3 s after 2 tries');
    assert.deepStrictEqual(result.modelFailure, { endpoint: new URL(s.baseUrl).origin, kind: 'timeout', cause: 'gave no answer within 0.3 s after 2 tries' });
    assert.ok(elapsed >= 600 && elapsed < 2000, `took ${elapsed} ms`);
    assert.deepStrictEqual(await Promise.all([s.settled(0), s.settled(1)]), ['abandoned', 'abandoned']);
  });

  it('stops at once when cancelled mid-request, and the server sees the connection close', async () => {
    const s = await serve(inOrder({ delayMs: 30_000, content: EDIT_ANSWER }));
    const controller = new AbortController();
    const pending = fixer({ baseUrl: s.baseUrl }).propose(fixRequest({ signal: controller.signal }));
    await s.waitForRequests(1);
    const abortedAt = Date.now();
    controller.abort();
    const result = await pending;
    assert.ok(Date.now() - abortedAt < 1000, `took ${Date.now() - abortedAt} ms`);
    assert.deepStrictEqual(result, { usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, rejections: [], failure: 'cancelled', cancelled: true });
    assert.strictEqual(await s.settled(0), 'abandoned');
  });

  it('stops a backoff wait when cancelled', async () => {
    const s = await serve(inOrder({ status: 503 }));
    const controller = new AbortController();
    const pending = fixer({ baseUrl: s.baseUrl }, { retryBaseDelayMs: 20_000 }).propose(fixRequest({ signal: controller.signal }));
    await s.waitForRequests(1);
    await s.settled(0);
    const abortedAt = Date.now();
    controller.abort();
    assert.strictEqual((await pending).cancelled, true);
    assert.ok(Date.now() - abortedAt < 1000);
    assert.strictEqual(s.requests.length, 1);
  });

  it('fails without a request when OpenAI is the endpoint and there is no key', async () => {
    let asked = 0;
    const originalFetch = globalThis.fetch;
    globalThis.fetch = (async () => {
      asked++;
      throw new Error('no request expected');
    }) as typeof fetch;
    try {
      for (const baseUrl of [undefined, 'https://api.openai.com/v1/']) {
        const result = await fixer({ baseUrl }, { key: undefined }).propose(fixRequest());
        assert.deepStrictEqual(result, {
          usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, rejections: [], failure: 'no API key',
          modelFailure: { endpoint: 'https://api.openai.com', kind: 'no-key', cause: 'needs an API key, and none is set' },
        });
      }
    } finally {
      globalThis.fetch = originalFetch;
    }
    assert.strictEqual(asked, 0);
  });

  it('needs no key for another endpoint, sending a placeholder, and counts a missing usage as zero', async () => {
    const s = await serve(inOrder({ content: EDIT_ANSWER }));
    const result = await fixer({ baseUrl: s.baseUrl }, { key: '' }).propose(fixRequest());
    assert.deepStrictEqual(result.candidate?.edits, [EDIT]);
    assert.deepStrictEqual(result.usage, { promptTokens: 0, completionTokens: 0, totalTokens: 0 });
    assert.strictEqual(s.requests[0].headers.authorization, 'Bearer no-key');
  });

  it('answers on the path without /v1 too', async () => {
    const s = await serve(inOrder({ content: EDIT_ANSWER }));
    const result = await fixer({ baseUrl: s.baseUrl.replace(/\/v1$/, '') }).propose(fixRequest());
    assert.deepStrictEqual(result.candidate?.edits, [EDIT]);
    assert.strictEqual(s.requests[0].path, '/chat/completions');
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
