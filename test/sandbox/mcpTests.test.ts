// run_tests over `self-heal mcp` as an agent meets it: the built server spawned by the SDK's own
// Client over stdio with an image that has pytest, a result per test, paths confined to the workspace.
import * as assert from 'assert';
import * as fs from 'fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { makeTree, removeTree } from '../support/tempDir';
import { LABEL_PID } from '../../src/sandbox/containerSpec';
import { CLI } from './cliProcess';
import { containersOfThisProcess } from './sandboxHelper';
import { PYTEST_IMAGE } from './testSuiteProjects';

const PROJECT = {
  'calc.py': 'def mean(values):\n    return sum(values) / len(values)\n',
  'tests/test_calc.py': 'from calc import mean\n\n\ndef test_mean():\n    assert mean([1, 2, 3]) == 2\n\n\ndef test_mean_of_two():\n    assert mean([1, 2]) == 2\n',
  'tests/test_other.py': 'def test_truth():\n    assert True\n',
};

describe('MCP: run_tests over stdio', function () {
  this.timeout(180_000);
  let dir: string;
  let client: Client;
  let serverPid: number;

  async function call(args: Record<string, unknown>): Promise<{ isError: boolean; text: string; data: Record<string, unknown> }> {
    const result = await client.callTool({ name: 'run_tests', arguments: args }, undefined, { timeout: 170_000 });
    const [first] = result.content as Array<{ type: string; text?: string }>;
    return { isError: result.isError === true, text: first?.text ?? '', data: (result.structuredContent ?? {}) as Record<string, unknown> };
  }

  before(async () => {
    dir = fs.realpathSync(makeTree(PROJECT));
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'mcp', '--image', PYTEST_IMAGE, '--timeout', '60'],
      cwd: dir,
      env: { ...(process.env as Record<string, string>), OPENAI_API_KEY: '', OPENAI_BASE_URL: '' },
      stderr: 'ignore',
    });
    client = new Client({ name: 'self-heal-test', version: '1.0.0' });
    await client.connect(transport);
    serverPid = transport.pid as number;
  });

  after(async () => {
    await client.close();
    assert.deepStrictEqual(await containersOfThisProcess(`${LABEL_PID}=${serverPid}`), [], 'the server leaves no container behind');
    removeTree(dir);
  });

  it('runs every test of the workspace: totals, the passing ones by id, the failing one with its values and line', async () => {
    const answer = await call({});
    assert.strictEqual(answer.isError, false, answer.text);
    const { framework, totals, tests, problem } = answer.data as { framework: string; totals: Record<string, number>; tests: Array<Record<string, unknown>>; problem?: unknown };
    assert.deepStrictEqual([framework, totals.total, totals.passed, totals.failed, problem], ['pytest', 3, 2, 1, undefined]);
    const failed = tests.find((test) => test.outcome === 'failed');
    assert.deepStrictEqual([failed?.id, failed?.file, failed?.line, failed?.comparison], ['tests/test_calc.py::test_mean_of_two', 'tests/test_calc.py', 9, { left: '1.5', op: '==', right: '2' }]);
    assert.deepStrictEqual(tests.filter((test) => test.outcome === 'passed'), [{ id: 'tests/test_calc.py::test_mean', outcome: 'passed' }, { id: 'tests/test_other.py::test_truth', outcome: 'passed' }]);
  });

  it('runs only the paths and keyword asked for, and refuses a path outside the workspace', async () => {
    const chosen = await call({ paths: ['tests/test_calc.py'], keyword: 'two' });
    assert.deepStrictEqual((chosen.data.tests as Array<Record<string, unknown>>).map((test) => [test.id, test.outcome]), [['tests/test_calc.py::test_mean_of_two', 'failed']]);
    const outside = await call({ paths: ['../elsewhere'] });
    assert.strictEqual(outside.isError, true);
    assert.match(outside.text, /outside/);
  });
});
