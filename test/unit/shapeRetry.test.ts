// A model that refuses a parameter (OpenAI's documented 400 bodies) is asked once more without it or
// under its replacement, and the shape that worked is remembered: the next heal in the same session
// pays no failed request. Over real HTTP on loopback; each server plays one deployment.
import * as assert from 'assert';
import { DEFAULT_MODEL_SETTINGS, type ModelFixRequest } from '../../src/core/model/modelTypes';
import type { PythonError } from '../../src/core/errors/pythonError';
import { OpenAIFixer } from '../../src/llm/openaiFixer';
import { ShapeMemory } from '../../src/llm/providerShape';
import { startScriptedModelServer, type RecordedRequest, type Reply, type ScriptedModelServer } from '../support/scriptedModelServer';

const KEY = 'sk-test-0123456789abcdef';
const MAIN = 'def total(items):\n    result = sum(items)\n    return reslt\n\nprint(total([1, 2]))\n';
const ANSWER = 'Return the variable that exists.\n\nmain.py\n<<<<<<< SEARCH\n    return reslt\n=======\n    return result\n>>>>>>> REPLACE\n';
const ERROR: PythonError = {
  type: 'NameError', message: "name 'reslt' is not defined", kind: 'name', file: 'main.py', line: 3, column: 12, endLine: 3, endColumn: 17,
  suggestion: 'result', notes: [], cause: null, context: null, exceptions: [],
  frames: [{ file: 'main.py', line: 3, function: 'total', source: 'return reslt', external: false }],
};
const REQUEST: ModelFixRequest = { error: ERROR, files: { 'main.py': MAIN }, entry: 'main.py', outputTail: '', earlier: [] };

/** OpenAI's answer to max_tokens on a reasoning model, as its API sends it. */
const MAX_TOKENS_REFUSED = {
  error: {
    message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
    type: 'invalid_request_error', param: 'max_tokens', code: 'unsupported_parameter',
  },
};
/** And to a temperature other than the default. */
const TEMPERATURE_REFUSED = {
  error: {
    message: "Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported.",
    type: 'invalid_request_error', param: 'temperature', code: 'unsupported_value',
  },
};

/** A reasoning model behind a name that does not say so: refuses max_tokens first, then a temperature. */
function reasoningDeployment(request: RecordedRequest): Reply {
  if ('max_tokens' in request.body) return { status: 400, body: MAX_TOKENS_REFUSED };
  if ('temperature' in request.body && request.body.temperature !== 1) return { status: 400, body: TEMPERATURE_REFUSED };
  return { content: ANSWER, usage: { prompt_tokens: 100, completion_tokens: 20 } };
}

describe('a refused parameter is retried once and remembered', function () {
  this.timeout(8000);
  let server: ScriptedModelServer;
  let lines: string[];
  afterEach(async () => server.close());

  const heal = (memory: ShapeMemory, model: string, apiKind: 'azure' | 'openai' = 'azure') => {
    const baseUrl = apiKind === 'azure' ? server.baseUrl.replace(/\/v1$/, '') : server.baseUrl;
    return new OpenAIFixer({ ...DEFAULT_MODEL_SETTINGS, baseUrl, apiKind, model, timeoutMs: 5000 }, async () => KEY, { shapes: memory, log: (line) => lines.push(line) }).propose(REQUEST);
  };
  const bodies = (from: number): object[] => server.requests.slice(from).map((request) => {
    const { messages: _messages, ...rest } = request.body;
    return rest;
  });

  beforeEach(() => {
    lines = [];
  });

  it('max_tokens: two requests on the first heal, one on the second, in the shape that worked', async () => {
    server = await startScriptedModelServer((request) => ('max_tokens' in request.body ? { status: 400, body: MAX_TOKENS_REFUSED } : { content: ANSWER }));
    const memory = new ShapeMemory();
    const first = await heal(memory, 'prod-fixer');
    assert.strictEqual(first.failure, undefined);
    assert.strictEqual(server.requests.length, 2);
    assert.deepStrictEqual(bodies(0), [{ model: 'prod-fixer', temperature: 0, max_tokens: 4096 }, { model: 'prod-fixer', temperature: 0, max_completion_tokens: 4096 }]);
    const second = await heal(memory, 'prod-fixer');
    assert.strictEqual(second.failure, undefined);
    assert.strictEqual(server.requests.length, 3);
    assert.deepStrictEqual(bodies(2), [{ model: 'prod-fixer', temperature: 0, max_completion_tokens: 4096 }]);
    const prefix = `POST ${server.baseUrl.replace(/\/v1$/, '')}/openai/deployments/prod-fixer/chat/completions`;
    assert.ok(lines.includes(`${prefix} -> 400: prod-fixer does not take max_tokens (unsupported_parameter); asking again with max_completion_tokens`), lines.join('\n'));
  });

  it('temperature: two requests on the first heal, one on the second, without temperature', async () => {
    server = await startScriptedModelServer((request) => ('temperature' in request.body ? { status: 400, body: TEMPERATURE_REFUSED } : { content: ANSWER }));
    const memory = new ShapeMemory();
    assert.strictEqual((await heal(memory, 'prod-fixer')).failure, undefined);
    assert.strictEqual(server.requests.length, 2);
    assert.strictEqual((await heal(memory, 'prod-fixer')).failure, undefined);
    assert.deepStrictEqual(bodies(0), [{ model: 'prod-fixer', temperature: 0, max_tokens: 4096 }, { model: 'prod-fixer', max_tokens: 4096 }, { model: 'prod-fixer', max_tokens: 4096 }]);
  });

  it('both refused: each is changed once (three requests), then the remembered shape goes first time', async () => {
    server = await startScriptedModelServer(reasoningDeployment);
    const memory = new ShapeMemory();
    assert.strictEqual((await heal(memory, 'prod-fixer')).failure, undefined);
    assert.strictEqual((await heal(memory, 'prod-fixer')).failure, undefined);
    assert.deepStrictEqual(bodies(0), [
      { model: 'prod-fixer', temperature: 0, max_tokens: 4096 }, { model: 'prod-fixer', temperature: 0, max_completion_tokens: 4096 },
      { model: 'prod-fixer', max_completion_tokens: 4096 }, { model: 'prod-fixer', max_completion_tokens: 4096 },
    ]);
  });

  it('Test Model Connection takes the same path: it corrects the shape and the heal after it pays nothing', async () => {
    server = await startScriptedModelServer((request) => ('max_tokens' in request.body ? { status: 400, body: MAX_TOKENS_REFUSED } : { content: 'OK' }));
    const memory = new ShapeMemory();
    const baseUrl = server.baseUrl.replace(/\/v1$/, '');
    const fixer = new OpenAIFixer({ ...DEFAULT_MODEL_SETTINGS, baseUrl, apiKind: 'azure', model: 'prod-fixer', timeoutMs: 5000 }, async () => KEY, { shapes: memory });
    const test = await fixer.testConnection();
    assert.deepStrictEqual([test.ok, server.requests.length], [true, 2]);
    assert.deepStrictEqual(bodies(1), [{ model: 'prod-fixer', temperature: 0, max_completion_tokens: 16 }]);
    // 'OK' is no fix, so the heal asks once more with the reason: both in the corrected shape.
    await heal(memory, 'prod-fixer');
    const corrected = { model: 'prod-fixer', temperature: 0, max_completion_tokens: 4096 };
    assert.deepStrictEqual(bodies(2), [corrected, corrected]);
  });

  it('an OpenAI reasoning model named as one pays no failure at all', async () => {
    server = await startScriptedModelServer(reasoningDeployment);
    assert.strictEqual((await heal(new ShapeMemory(), 'gpt-5-mini', 'openai')).failure, undefined);
    assert.deepStrictEqual(bodies(0), [{ model: 'gpt-5-mini', max_completion_tokens: 4096 }]);
  });

  it('a 400 that names another parameter is not retried, and nothing is remembered from a failure', async () => {
    const other = { error: { message: "Invalid value for 'messages'.", type: 'invalid_request_error', param: 'messages', code: 'invalid_value' } };
    server = await startScriptedModelServer(() => ({ status: 400, body: other }));
    const memory = new ShapeMemory();
    const result = await heal(memory, 'prod-fixer');
    assert.deepStrictEqual([server.requests.length, result.modelFailure?.kind, result.failure], [1, 'rejected', "the endpoint refused the request (400): Invalid value for 'messages'."]);
    assert.deepStrictEqual(memory.shapeFor(server.baseUrl.replace(/\/v1$/, ''), 'prod-fixer', 'azure'), { tokenLimit: 'max_tokens', temperature: true });
  });
});
