// `self-heal mcp` with a model: the key reaches the model's endpoint and nothing else, even when the
// endpoint echoes it back in its error (a loopback server speaking the OpenAI protocol).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { makeTree, removeTree } from '../support/tempDir';
import { startScriptedModelServer, type ModelScript, type ScriptedModelServer } from '../support/scriptedModelServer';
import { LABEL_PID } from '../../src/sandbox/containerSpec';
import { CLI } from './cliProcess';
import { containersOfThisProcess, TEST_IMAGE } from './sandboxHelper';

const TYPE = 'def calculate(a, b):\n    return a + b\n\nresult = calculate(5, "10")\nprint(f"Result: {result}")\n';
const KEY = 'sk-mcp-test-key-5f0c1e2d3b4a';

/** Heals types/main.py through `self-heal mcp` with a loopback model; `check` gets the answer and the folder. */
async function healWithModel(script: ModelScript, check: (result: Awaited<ReturnType<Client['callTool']>>, model: ScriptedModelServer, dir: string) => void): Promise<void> {
  const dir = fs.realpathSync(makeTree({ 'types/main.py': TYPE }));
  const model = await startScriptedModelServer(script);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', '--image', TEST_IMAGE, '--timeout', '20', '--base-url', model.baseUrl, '--max-attempts', '1'],
    cwd: dir,
    env: { ...(process.env as Record<string, string>), OPENAI_API_KEY: KEY, OPENAI_BASE_URL: '' },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'self-heal-test', version: '1.0.0' });
  try {
    await client.connect(transport);
    check(await client.callTool({ name: 'heal', arguments: { paths: ['types/main.py'] } }, undefined, { timeout: 170_000 }), model, dir);
  } finally {
    const pid = transport.pid;
    await client.close();
    await model.close();
    removeTree(dir);
    assert.deepStrictEqual(await containersOfThisProcess(`${LABEL_PID}=${pid}`), []);
  }
}

describe('MCP: the model key stays out of every answer', function () {
  this.timeout(180_000);

  it("a heal's answer carries the model's tokens, per attempt and for the file", async () => {
    const fixed = TYPE.replace('calculate(5, "10")', 'calculate(5, 10)');
    await healWithModel(() => ({ content: `Pass a number.\n\`\`\`python\n${fixed}\`\`\`\n`, usage: { prompt_tokens: 120, completion_tokens: 30 } }), (result) => {
      const [file] = (result.structuredContent as { files: Array<Record<string, unknown>> }).files;
      assert.deepStrictEqual([file.outcome, file.tokens], ['healed', { promptTokens: 120, completionTokens: 30, totalTokens: 150 }]);
      assert.deepStrictEqual((file.attemptLog as Array<Record<string, unknown>>).map((a) => [a.outcome, a.tokens]), [['healed', 150]]);
    });
  });

  it('a heal whose endpoint echoes the key in its error answers without the key', async () => {
    await healWithModel((request) => ({ status: 400, body: { error: { message: `bad request for ${String(request.headers.authorization)}` } } }), (result, model, dir) => {
      const text = JSON.stringify(result);
      assert.strictEqual(model.requests[0]?.headers.authorization, `Bearer ${KEY}`, 'the key went to the model');
      assert.strictEqual(text.includes(KEY), false, text);
      const [file] = (result.structuredContent as { files: Array<Record<string, unknown>> }).files;
      assert.deepStrictEqual([file.outcome, file.diff], ['not-healed', '']);
      assert.strictEqual(fs.readFileSync(path.join(dir, 'types/main.py'), 'utf8'), TYPE);
    });
  });
});
