// `self-heal mcp` as an agent meets it: the built server spawned by the SDK's own Client over stdio,
// the real engine behind it, files on disk that change only when a call asks.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { makeTree, removeTree } from '../support/tempDir';
import { LABEL_PID } from '../../src/sandbox/containerSpec';
import { CLI } from './cliProcess';
import { containersOfThisProcess, TEST_IMAGE } from './sandboxHelper';

const SYNTAX = 'def greet(name):\n    print(f"Hello, {name}"\n\n\ngreet("Ada")\n';
const SYNTAX_HEALED = 'def greet(name):\n    print(f"Hello, {name}")\n\n\ngreet("Ada")\n';
const SYNTAX_DIFF = '--- a/syntax/main.py\n+++ b/syntax/main.py\n@@ -1,5 +1,5 @@\n def greet(name):\n-    print(f"Hello, {name}"\n+    print(f"Hello, {name}")\n \n \n greet("Ada")\n';
const TYPE = 'def calculate(a, b):\n    return a + b\n\nresult = calculate(5, "10")\nprint(f"Result: {result}")\n';
const LOOP = 'print("started", flush=True)\nwhile True:\n    pass\n';
const ASKS = 'import sys\n\nname = input()\ncount = int(sys.argv[1])\nprint(json.dumps([name] * count))\n';

interface ToolAnswer {
  isError: boolean;
  text: string;
  data: Record<string, unknown>;
}

describe('MCP: self-heal mcp over stdio', function () {
  this.timeout(180_000);
  let dir: string;
  let outside: string;
  let client: Client;
  let serverPid: number;
  const read = (name: string): string => fs.readFileSync(path.join(dir, name), 'utf8');

  async function call(name: string, args: Record<string, unknown>): Promise<ToolAnswer> {
    const result = await client.callTool({ name, arguments: args }, undefined, { timeout: 170_000 });
    const [first] = result.content as Array<{ type: string; text?: string }>;
    return { isError: result.isError === true, text: first?.text ?? '', data: (result.structuredContent ?? {}) as Record<string, unknown> };
  }

  before(async () => {
    dir = fs.realpathSync(makeTree({ 'syntax/main.py': SYNTAX, 'types/main.py': TYPE, 'loop.py': LOOP, 'asks.py': ASKS }));
    outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'self-heal-outside-')));
    fs.writeFileSync(path.join(outside, 'secret.py'), 'print("outside")\n');
    fs.symlinkSync(path.join(outside, 'secret.py'), path.join(dir, 'link.py'));
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'mcp', '--image', TEST_IMAGE, '--timeout', '20'],
      cwd: dir,
      // No key and no base URL, whatever the developer's shell holds: rule fixes only.
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
    removeTree(outside);
  });

  it('lists its four tools and the arguments each requires', async () => {
    const { tools } = await client.listTools();
    const shown = tools.map((tool) => [tool.name, tool.inputSchema.required]).sort();
    assert.deepStrictEqual(shown, [['heal', ['paths']], ['parse_traceback', ['text']], ['run_python', ['paths']], ['run_tests', []]]);
  });

  it('run_python runs a file in the sandbox and reports its exit, reason and error line', async () => {
    const answer = await call('run_python', { paths: ['types/main.py'] });
    assert.strictEqual(answer.isError, false, answer.text);
    const [file] = answer.data.files as Array<Record<string, unknown>>;
    assert.deepStrictEqual([file.file, file.exitCode, file.reason], ['types/main.py', 1, 'exited']);
    const [error] = file.errors as Array<Record<string, unknown>>;
    assert.deepStrictEqual([error.type, error.message, error.file, error.line], ['TypeError', "unsupported operand type(s) for +: 'int' and 'str'", 'types/main.py', 2]);
    assert.match(String(file.stderrTail), /TypeError: unsupported operand type\(s\) for \+: 'int' and 'str'\n$/);
  });

  it('heal with write false returns the verified diff and leaves the file as it was', async () => {
    const answer = await call('heal', { paths: ['syntax/main.py'], write: false });
    assert.strictEqual(answer.isError, false, answer.text);
    const [file] = answer.data.files as Array<Record<string, unknown>>;
    assert.deepStrictEqual([file.outcome, file.attempts, file.diff, file.written], ['healed', 1, SYNTAX_DIFF, []]);
    assert.strictEqual(read('syntax/main.py'), SYNTAX);
  });

  it('heal with write true writes the healed file', async () => {
    const answer = await call('heal', { paths: ['syntax/main.py'], write: true });
    assert.strictEqual(answer.isError, false, answer.text);
    const [file] = answer.data.files as Array<Record<string, unknown>>;
    assert.deepStrictEqual([file.outcome, file.written], ['healed', ['syntax/main.py']]);
    assert.strictEqual(read('syntax/main.py'), SYNTAX_HEALED);
  });

  it('heal takes arguments and input as run_python does: without them the program needs input, with them it heals', async () => {
    const bare = await call('heal', { paths: ['asks.py'] });
    assert.deepStrictEqual((bare.data.files as Array<Record<string, unknown>>).map((f) => f.outcome), ['needs-input']);
    const fed = await call('heal', { paths: ['asks.py'], args: ['2'], stdin: 'Ada\n', timeout_seconds: 30 });
    assert.strictEqual(fed.isError, false, fed.text);
    const [file] = fed.data.files as Array<Record<string, unknown>>;
    assert.deepStrictEqual([file.outcome, file.written], ['healed', []]);
    assert.match(String(file.diff), /^\+import json$/m);
    assert.strictEqual(read('asks.py'), ASKS);
  });

  it('refuses a path outside the workspace, by .. and through a link', async () => {
    const up = await call('run_python', { paths: [`../${path.basename(outside)}/secret.py`] });
    assert.deepStrictEqual([up.isError, up.text], [true, `../${path.basename(outside)}/secret.py: refused: it is outside the workspace (${dir}); name files inside it`]);
    const absolute = await call('heal', { paths: [path.join(outside, 'secret.py')], write: true });
    assert.deepStrictEqual([absolute.isError, absolute.text], [true, `${path.join(outside, 'secret.py')}: refused: it is outside the workspace (${dir}); name files inside it`]);
    const linked = await call('run_python', { paths: ['link.py'] });
    assert.deepStrictEqual([linked.isError, linked.text], [true, `link.py: refused: it leads through a link to ${path.join(outside, 'secret.py')}, outside the workspace (${dir}); name files inside it`]);
  });

  it('answers bad arguments with a tool error and goes on serving', async () => {
    const bad = await call('run_python', { paths: 'types/main.py', timeout_seconds: -1 });
    assert.deepStrictEqual([bad.isError, bad.text], [true, 'Invalid arguments for run_python: paths: Expected array, received string; timeout_seconds: Number must be greater than 0']);
    const parsed = await call('parse_traceback', { text: 'Traceback (most recent call last):\n  File "/app/main.py", line 3, in <module>\n    print(x)\nNameError: name \'x\' is not defined\n' });
    assert.deepStrictEqual(parsed.data.errors, [{ type: 'NameError', message: "name 'x' is not defined", kind: 'name', file: '/app/main.py', line: 3, column: null }]);
  });

  it('cancelling a run of an endless loop returns at once and leaves no container', async () => {
    const cancel = new AbortController();
    const progress: string[] = [];
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const calling = client.callTool({ name: 'run_python', arguments: { paths: ['loop.py'] } }, undefined, {
      signal: cancel.signal, timeout: 170_000,
      onprogress: (p) => { progress.push(String(p.message)); started(); },
    });
    await running;
    // The container is made and started by now or shortly after; cancel while the loop spins.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const abortedAt = Date.now();
    cancel.abort('the user stopped it');
    await assert.rejects(calling);
    assert.ok(Date.now() - abortedAt < 1000, 'the call returns at once');
    assert.deepStrictEqual(progress, ['running 1 file']);
    let left = await containersOfThisProcess(`${LABEL_PID}=${serverPid}`);
    for (let i = 0; i < 50 && left.length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      left = await containersOfThisProcess(`${LABEL_PID}=${serverPid}`);
    }
    assert.deepStrictEqual(left, [], `no container 10 s after the cancel (${Date.now() - abortedAt} ms)`);
    const after = await call('parse_traceback', { text: 'ValueError: bad\n' });
    assert.strictEqual(after.isError, false, after.text);
  });
});
