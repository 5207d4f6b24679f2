// The token budget end to end without an engine: `self-heal heal --runner local` (the machine's
// python3) asks a loopback model that reports its usage; once a heal's tokens reach the budget it
// stops before the next model request and says so, and --json carries the tokens. The test heal's
// fix source stops the same way.
import * as assert from 'assert';
import { PassThrough } from 'stream';
import { main } from '../../src/cli/main';
import { TestFixSource } from '../../src/core/testHeal/testFixSource';
import { DEFAULT_MODEL_SETTINGS } from '../../src/core/model/modelTypes';
import { OpenAIFixer } from '../../src/llm/openaiFixer';
import { ShapeMemory } from '../../src/llm/providerShape';
import type { PythonError } from '../../src/core/errors/pythonError';
import { makeTree, removeTree } from '../support/tempDir';
import { startScriptedModelServer, type ScriptedModelServer } from '../support/scriptedModelServer';

const MAIN = 'def total(items):\n    result = sum(items)\n    return reslt\n\nprint(total([1, 2]))\n';
const ERROR: PythonError = {
  type: 'NameError', message: "name 'reslt' is not defined", kind: 'name', file: 'main.py', line: 3, column: 12, endLine: 3, endColumn: 17,
  suggestion: 'result', notes: [], cause: null, context: null, exceptions: [],
  frames: [{ file: 'main.py', line: 3, function: 'total', source: 'return reslt', external: false }],
};
/** A fix that applies but does not heal: the re-run fails with another error, so the heal asks again. */
const NOT_HEALING = 'Use the sum.\n\nmain.py\n<<<<<<< SEARCH\n    return reslt\n=======\n    return result / 0\n>>>>>>> REPLACE\n';

async function cli(argv: string[], cwd: string): Promise<{ status: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  const status = await main(argv, { stdout, stderr, stdin: new PassThrough(), cwd, env: { OPENAI_API_KEY: '' } });
  return { status, stdout: out, stderr: err };
}

describe('token budget', function () {
  this.timeout(60_000);
  let server: ScriptedModelServer;
  let root: string;

  beforeEach(async () => {
    server = await startScriptedModelServer(() => ({ content: NOT_HEALING, usage: { prompt_tokens: 120, completion_tokens: 30 } }));
    root = makeTree({ 'main.py': MAIN });
  });
  afterEach(async () => {
    await server.close();
    removeTree(root);
  });

  const heal = (budget: string) => cli(['heal', 'main.py', '--runner', 'local', '--no-rules', '--max-attempts', '2', '--base-url', server.baseUrl, '--token-budget', budget, '--json'], root);

  it('stops the heal before the next model request once the budget is used, and --json carries the tokens', async () => {
    const run = await heal('100');
    const report = JSON.parse(run.stdout);
    const [file] = report.files;
    assert.deepStrictEqual([file.outcome, file.stopReason], ['not-healed', 'token budget of 100 reached (used 150)']);
    assert.strictEqual(server.requests.length, 1);
    assert.deepStrictEqual(file.tokens, { promptTokens: 120, completionTokens: 30, totalTokens: 150 });
    assert.deepStrictEqual(file.attempts.map((attempt: { tokens: object }) => attempt.tokens), [{ promptTokens: 120, completionTokens: 30, totalTokens: 150 }]);
    assert.deepStrictEqual([report.tokens, report.tokenBudget], [{ promptTokens: 120, completionTokens: 30, totalTokens: 150 }, 100]);
    assert.strictEqual(run.status, 1);
  });

  it('asks again while the budget has room, and without a budget', async () => {
    const within = JSON.parse((await heal('1000')).stdout);
    assert.strictEqual(server.requests.length, 2);
    assert.deepStrictEqual([within.files[0].tokens.totalTokens, within.files[0].stopReason === 'token budget of 1000 reached (used 300)'], [300, false]);
    const uncapped = JSON.parse((await heal('0')).stdout);
    assert.strictEqual(server.requests.length, 4);
    assert.deepStrictEqual([uncapped.tokenBudget, uncapped.files[0].tokens.totalTokens], [0, 300]);
  });

  it('refuses a budget that is not a whole number of tokens', async () => {
    const run = await heal('lots');
    assert.deepStrictEqual([run.status, run.stderr], [2, 'self-heal: --token-budget must be a whole number of tokens (0 for no cap), not "lots" (see "self-heal heal --help")\n']);
    const kind = await cli(['heal', 'main.py', '--api-kind', 'anthropic'], root);
    assert.deepStrictEqual([kind.status, kind.stderr], [2, 'self-heal: --api-kind must be one of auto, openai, azure, compatible, not "anthropic" (see "self-heal heal --help")\n']);
    assert.strictEqual(server.requests.length, 0);
  });

  it('does not re-ask after a refused answer once the budget is used', async () => {
    await server.close();
    server = await startScriptedModelServer(() => ({ content: 'I would rename the variable.', usage: { prompt_tokens: 120, completion_tokens: 30 } }));
    const model = new OpenAIFixer({ ...DEFAULT_MODEL_SETTINGS, baseUrl: server.baseUrl, model: 'local', timeoutMs: 5000 }, async () => undefined, { shapes: new ShapeMemory() });
    const request = { error: ERROR, files: { 'main.py': MAIN }, entry: 'main.py', outputTail: '', earlier: [] };
    const capped = await model.propose({ ...request, budget: { tokens: 200, used: 60 } });
    assert.deepStrictEqual([server.requests.length, capped.failure, capped.usage.totalTokens], [1, 'token budget of 200 reached (used 210)', 150]);
    const roomy = await model.propose({ ...request, budget: { tokens: 1000, used: 60 } });
    assert.deepStrictEqual([server.requests.length, roomy.rejections.length, roomy.usage.totalTokens], [3, 2, 300]);
  });

  it("stops a test heal's model requests the same way", async () => {
    const model = new OpenAIFixer({ ...DEFAULT_MODEL_SETTINGS, baseUrl: server.baseUrl, model: 'local', timeoutMs: 5000 }, async () => undefined, { shapes: new ShapeMemory() });
    const failing = [{ id: 'test_main.py::test_total', outcome: 'failed' as const, file: 'test_main.py', line: 1, message: 'assert 3 == 4', frames: [], durationMs: 1, stdout: '', stderr: '' }];
    const source = (used: number) => new TestFixSource({ failing, files: { 'main.py': MAIN }, earlier: [], rules: false, model, allowTestEdits: false, tokenBudget: 500, tokensUsed: () => used });
    assert.deepStrictEqual(await source(500).next(), { kind: 'none', why: 'token budget of 500 reached (used 500)' });
    assert.strictEqual(server.requests.length, 0);
    const asked = await source(499).next();
    assert.deepStrictEqual([asked.kind, server.requests.length], ['fix', 1]);
  });
});
