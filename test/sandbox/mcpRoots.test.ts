// `self-heal mcp` with a client that names its roots: the tools reach the roots, not the folder the
// server was started in.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { makeTree, removeTree } from '../support/tempDir';
import { LABEL_PID } from '../../src/sandbox/containerSpec';
import { CLI } from './cliProcess';
import { containersOfThisProcess, TEST_IMAGE } from './sandboxHelper';

describe('MCP: the client\'s roots bound the tools', function () {
  this.timeout(120_000);

  it('runs a file under the client\'s root by its relative path and refuses one beside it', async () => {
    const dir = fs.realpathSync(makeTree({ 'project/main.py': 'print("in the root")\n', 'beside.py': 'print("beside")\n' }));
    const project = path.join(dir, 'project');
    const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', '--image', TEST_IMAGE], cwd: dir, stderr: 'ignore', env: { ...(process.env as Record<string, string>), OPENAI_API_KEY: '', OPENAI_BASE_URL: '' } });
    const client = new Client({ name: 'self-heal-test', version: '1.0.0' }, { capabilities: { roots: { listChanged: true } } });
    client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [{ uri: pathToFileURL(project).href, name: 'project' }] }));
    try {
      await client.connect(transport);
      const ran = await client.callTool({ name: 'run_python', arguments: { paths: ['main.py'] } }, undefined, { timeout: 110_000 });
      const [file] = (ran.structuredContent as { files: Array<Record<string, unknown>> }).files;
      assert.deepStrictEqual([file.file, file.exitCode, file.stdoutTail], ['main.py', 0, 'in the root\n']);
      const beside = await client.callTool({ name: 'run_python', arguments: { paths: [path.join(dir, 'beside.py')] } });
      assert.deepStrictEqual([beside.isError, beside.content], [true, [{ type: 'text', text: `${path.join(dir, 'beside.py')}: refused: it is outside the workspace (${project}); name files inside it` }]]);
    } finally {
      const pid = transport.pid;
      await client.close();
      removeTree(dir);
      assert.deepStrictEqual(await containersOfThisProcess(`${LABEL_PID}=${pid}`), []);
    }
  });
});
