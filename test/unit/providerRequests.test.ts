// Each provider's request as its server receives it, over real HTTP on loopback: the path, the query,
// the auth header and the exact JSON body. Local servers (Ollama, LM Studio, vLLM, llama.cpp) take
// the classic shape and need no key; OpenAI's reasoning models get max_completion_tokens and no
// temperature; Azure gets its deployment path, api-version and api-key header.
import * as assert from 'assert';
import { buildFixMessages } from '../../src/core/model/modelPrompt';
import { DEFAULT_MODEL_SETTINGS, type ModelFixRequest, type ModelSettings } from '../../src/core/model/modelTypes';
import type { PythonError } from '../../src/core/errors/pythonError';
import { OpenAIFixer } from '../../src/llm/openaiFixer';
import { ShapeMemory } from '../../src/llm/providerShape';
import { startScriptedModelServer, type ScriptedModelServer } from '../support/scriptedModelServer';

const KEY = 'sk-test-0123456789abcdef';
const MAIN = 'def total(items):\n    result = sum(items)\n    return reslt\n\nprint(total([1, 2]))\n';
const ANSWER = 'Return the variable that exists.\n\nmain.py\n<<<<<<< SEARCH\n    return reslt\n=======\n    return result\n>>>>>>> REPLACE\n';
const ERROR: PythonError = {
  type: 'NameError', message: "name 'reslt' is not defined", kind: 'name', file: 'main.py', line: 3, column: 12, endLine: 3, endColumn: 17,
  suggestion: 'result', notes: [], cause: null, context: null, exceptions: [],
  frames: [{ file: 'main.py', line: 5, function: '<module>', source: 'print(total([1, 2]))', external: false }, { file: 'main.py', line: 3, function: 'total', source: 'return reslt', external: false }],
};
const REQUEST: ModelFixRequest = { error: ERROR, files: { 'main.py': MAIN }, entry: 'main.py', outputTail: '', earlier: [] };
const MESSAGES = buildFixMessages(REQUEST);

describe('provider requests over HTTP', function () {
  this.timeout(8000);
  let server: ScriptedModelServer;

  beforeEach(async () => {
    server = await startScriptedModelServer(() => ({ content: ANSWER, usage: { prompt_tokens: 100, completion_tokens: 20 } }));
  });
  afterEach(async () => server.close());

  const fixer = (settings: Partial<ModelSettings>, key: string | undefined): OpenAIFixer =>
    new OpenAIFixer({ ...DEFAULT_MODEL_SETTINGS, timeoutMs: 5000, ...settings }, async () => key, { shapes: new ShapeMemory() });

  for (const [server_, model] of [['Ollama', 'qwen2.5-coder:7b'], ['LM Studio', 'lmstudio-community/qwen2.5-7b-instruct'], ['vLLM', 'Qwen/Qwen2.5-Coder-7B-Instruct'], ['llama.cpp server', 'gpt-5']]) {
    it(`asks ${server_} at a local base URL without a key, in the classic shape`, async () => {
      const result = await fixer({ baseUrl: server.baseUrl, model }, undefined).propose(REQUEST);
      assert.strictEqual(result.failure, undefined);
      assert.deepStrictEqual(result.usage, { promptTokens: 100, completionTokens: 20, totalTokens: 120 });
      assert.strictEqual(server.requests.length, 1);
      const [seen] = server.requests;
      assert.deepStrictEqual([seen.path, seen.query, seen.headers.authorization, seen.headers['api-key']], ['/v1/chat/completions', '', 'Bearer no-key', undefined]);
      assert.deepStrictEqual(seen.body, { model, temperature: 0, max_tokens: 4096, messages: MESSAGES });
    });
  }

  it('asks an OpenAI reasoning model with max_completion_tokens and no temperature, with the key as a Bearer token', async () => {
    const result = await fixer({ baseUrl: server.baseUrl, apiKind: 'openai', model: 'o4-mini', maxTokens: 8000 }, KEY).propose(REQUEST);
    assert.strictEqual(result.failure, undefined);
    const [seen] = server.requests;
    assert.deepStrictEqual([server.requests.length, seen.path, seen.headers.authorization], [1, '/v1/chat/completions', `Bearer ${KEY}`]);
    assert.deepStrictEqual(seen.body, { model: 'o4-mini', max_completion_tokens: 8000, messages: MESSAGES });
  });

  it("asks Azure OpenAI at the deployment's path with the api-version and the key in api-key, never as a Bearer token", async () => {
    const resource = server.baseUrl.replace(/\/v1$/, '');
    const result = await fixer({ baseUrl: resource, apiKind: 'azure', apiVersion: '2024-10-21', model: 'fixer-4o' }, KEY).propose(REQUEST);
    assert.strictEqual(result.failure, undefined);
    const [seen] = server.requests;
    assert.deepStrictEqual(
      [server.requests.length, seen.path, seen.query, seen.headers['api-key'], seen.headers.authorization],
      [1, '/openai/deployments/fixer-4o/chat/completions', 'api-version=2024-10-21', KEY, undefined],
    );
    assert.deepStrictEqual(seen.body, { model: 'fixer-4o', temperature: 0, max_tokens: 4096, messages: MESSAGES });
  });

  it('refuses to ask Azure or OpenAI without a key, and sends nothing', async () => {
    const resource = server.baseUrl.replace(/\/v1$/, '');
    const azure = await fixer({ baseUrl: resource, apiKind: 'azure', model: 'fixer-4o' }, undefined).propose(REQUEST);
    const openai = await fixer({ baseUrl: server.baseUrl, apiKind: 'openai', model: 'gpt-4o-mini' }, '').propose(REQUEST);
    const origin = resource;
    assert.deepStrictEqual(azure.modelFailure, { endpoint: origin, kind: 'no-key', cause: 'needs an API key, and none is set' });
    assert.deepStrictEqual(openai.modelFailure, { endpoint: origin, kind: 'no-key', cause: 'needs an API key, and none is set' });
    assert.strictEqual(server.requests.length, 0);
  });
});
