// `self-heal heal` with a model that cannot be used: the human line names the endpoint (its origin,
// never the path) and the cause in the same words the editor's notification uses, and --json
// carries the failure as a fact (modelFailure), not as text to parse.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { makeTree, removeTree } from '../support/tempDir';
import { startScriptedModelServer } from '../support/scriptedModelServer';
import { cli } from './cliProcess';
import { TEST_IMAGE } from './sandboxHelper';

const TYPE = 'def calculate(a, b):\n    return a + b\n\nresult = calculate(5, "10")\nprint(f"Result: {result}")\n';
const TYPE_ERROR = "(TypeError: unsupported operand type(s) for +: 'int' and 'str' at types/main.py:2)";
const common = ['--image', TEST_IMAGE, '--timeout', '10'];
const noModel = { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' };

/** A loopback origin nothing listens on. */
async function closedOrigin(): Promise<string> {
  const server = await startScriptedModelServer(() => ({ content: '' }));
  await server.close();
  return new URL(server.baseUrl).origin;
}

describe('CLI: self-heal heal with a model that cannot be used', function () {
  this.timeout(180_000);
  let dir: string;

  beforeEach(() => {
    dir = makeTree({ 'types/main.py': TYPE });
  });
  afterEach(() => removeTree(dir));

  it('names the endpoint that is down and the cause on the file\'s line', async () => {
    const origin = await closedOrigin();
    const run = await cli(['heal', 'types/main.py', '--base-url', `${origin}/v1/deployments/secret`, ...common], { cwd: dir, env: noModel });
    assert.strictEqual(run.status, 1, run.stderr);
    const lines = run.stderr.split('\n');
    assert.ok(lines.includes(`✗ types/main.py: not healed: the model at ${origin} refused the connection after 3 tries ${TYPE_ERROR}`), run.stderr);
    assert.ok(!lines.some((line) => line.startsWith('✗') && line.includes('secret')), 'the path stays out of the line');
    assert.strictEqual(fs.readFileSync(path.join(dir, 'types/main.py'), 'utf8'), TYPE);
  });

  it('names a refused key, and --json carries the failure as a fact', async () => {
    const server = await startScriptedModelServer(() => ({ status: 401, body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } } }));
    try {
      const origin = new URL(server.baseUrl).origin;
      const human = await cli(['heal', 'types/main.py', '--base-url', server.baseUrl, ...common], { cwd: dir, env: noModel });
      assert.ok(human.stderr.split('\n').includes(`✗ types/main.py: not healed: the model at ${origin} did not accept the API key (401) ${TYPE_ERROR}`), human.stderr);
      const json = await cli(['heal', 'types/main.py', '--json', '--base-url', server.baseUrl, ...common], { cwd: dir, env: noModel });
      const [file] = JSON.parse(json.stdout).files;
      assert.deepStrictEqual([file.outcome, file.stopReason], ['not-healed', `the model at ${origin} did not accept the API key (401)`]);
      assert.deepStrictEqual(file.modelFailure, { endpoint: origin, kind: 'unauthorized', cause: 'did not accept the API key (401)' });
      assert.deepStrictEqual(file.attempts.map((a: { outcome: string; modelFailure?: unknown }) => [a.outcome, a.modelFailure]), [['refused', file.modelFailure]]);
    } finally {
      await server.close();
    }
  });
});
