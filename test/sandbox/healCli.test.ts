// `self-heal heal` as a user runs it: the bundled CLI in a child process, the real engine, and files
// on disk that change only when asked and only when healed.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { makeTree, removeTree } from '../support/tempDir';
import { startScriptedModelServer } from '../support/scriptedModelServer';
import { LABEL_PID } from '../../src/sandbox/containerSpec';
import { cli } from './cliProcess';
import { containersOfThisProcess, TEST_IMAGE } from './sandboxHelper';

const SYNTAX = 'def greet(name):\n    print(f"Hello, {name}"\n\n\ngreet("Ada")\n';
const SYNTAX_HEALED = 'def greet(name):\n    print(f"Hello, {name}")\n\n\ngreet("Ada")\n';
const IMPORT = '"""Prints the settings as JSON."""\nsettings = {"debug": False}\nprint(json.dumps(settings))\n';
const IMPORT_HEALED = '"""Prints the settings as JSON."""\nimport json\nsettings = {"debug": False}\nprint(json.dumps(settings))\n';
const TYPE = 'def calculate(a, b):\n    return a + b\n\nresult = calculate(5, "10")\nprint(f"Result: {result}")\n';

const common = ['--image', TEST_IMAGE, '--timeout', '10'];
/** No key and no base URL unless a test gives one, whatever the developer's shell holds. */
const noModel = { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' };

describe('CLI: self-heal heal', function () {
  this.timeout(180_000);
  let dir: string;
  const read = (name: string): string => fs.readFileSync(path.join(dir, name), 'utf8');

  beforeEach(() => {
    dir = makeTree({ 'syntax/main.py': SYNTAX, 'imports/main.py': IMPORT, 'types/main.py': TYPE });
  });
  afterEach(() => removeTree(dir));

  it('--write heals and writes the syntax example and the missing import, and leaves the rest', async () => {
    let pid = 0;
    const run = await cli(['heal', 'syntax/main.py', 'imports/main.py', 'types/main.py', '--no-llm', '--write', ...common], { cwd: dir, env: noModel, onStart: (p) => (pid = p) });
    assert.strictEqual(run.status, 1, run.stderr);
    assert.deepStrictEqual(await containersOfThisProcess(`${LABEL_PID}=${pid}`), [], 'the CLI leaves no container behind');
    assert.deepStrictEqual([read('syntax/main.py'), read('imports/main.py'), read('types/main.py')], [SYNTAX_HEALED, IMPORT_HEALED, TYPE]);
    const lines = run.stderr.split('\n');
    assert.ok(lines.includes('self-heal: model: off (--no-llm)'), run.stderr);
    assert.ok(lines.includes("✓ syntax/main.py: healed in 1 attempt (rule:unclosed-bracket: Close '(')"), run.stderr);
    assert.ok(lines.includes("✓ imports/main.py: healed in 1 attempt (rule:missing-import: Add 'import json')"), run.stderr);
    assert.ok(lines.includes("✗ types/main.py: not healed: no fix is known for TypeError (TypeError: unsupported operand type(s) for +: 'int' and 'str' at types/main.py:2)"), run.stderr);
    assert.ok(lines.includes('self-heal: wrote syntax/main.py') && lines.includes('self-heal: wrote imports/main.py'), run.stderr);
    assert.strictEqual(lines.filter((line) => /^\d+ files?: /.test(line)).join('\n'), '3 files: 2 healed, 1 not healed', 'the run ends with the editor\'s tally line');
    assert.strictEqual(fs.readdirSync(path.join(dir, 'types')).join(','), 'main.py', 'no temporary file left beside it');
  });

  it('without --write leaves every file as it was and prints the healing diff', async () => {
    const run = await cli(['heal', 'syntax/main.py', '--no-llm', ...common], { cwd: dir, env: noModel });
    assert.strictEqual(run.status, 0, run.stderr);
    assert.ok(!/^1 file: /m.test(run.stderr), 'one file needs no tally');
    assert.strictEqual(read('syntax/main.py'), SYNTAX);
    assert.strictEqual(run.stdout, '--- a/syntax/main.py\n+++ b/syntax/main.py\n@@ -1,5 +1,5 @@\n def greet(name):\n-    print(f"Hello, {name}"\n+    print(f"Hello, {name}")\n \n \n greet("Ada")\n');
  });

  it('--json prints the ledger', async () => {
    const run = await cli(['heal', 'imports/main.py', 'types/main.py', '--json', '--no-llm', ...common], { cwd: dir, env: noModel });
    assert.strictEqual(run.status, 1, run.stderr);
    assert.strictEqual(run.stderr, '');
    const report = JSON.parse(run.stdout);
    assert.strictEqual(report.model, null);
    assert.deepStrictEqual(report.files.map((f: any) => [f.file, f.outcome, f.attempts.length, f.written]), [['imports/main.py', 'healed', 1, []], ['types/main.py', 'not-healed', 0, []]]);
    const healed = report.files[0];
    assert.deepStrictEqual(Object.keys(healed), ['file', 'entry', 'outcome', 'stopReason', 'firstRun', 'lastRun', 'attempts', 'changedFiles', 'diff', 'durationMs', 'tokens', 'written', 'notWritten']);
    assert.deepStrictEqual(healed.changedFiles, { 'imports/main.py': IMPORT_HEALED });
    assert.deepStrictEqual(Object.keys(healed.attempts[0]), ['number', 'error', 'rejections', 'tokens', 'fix', 'outcome', 'why', 'rerun', 'durationMs']);
    assert.deepStrictEqual([healed.attempts[0].error.type, healed.attempts[0].fix.source, healed.attempts[0].rerun.outputTail], ['NameError', 'rule:missing-import', '{"debug": false}\n']);
    assert.strictEqual(read('imports/main.py'), IMPORT);
  });

  it('without a key or base URL turns the model off with a one-line notice', async () => {
    const run = await cli(['heal', 'types/main.py', ...common], { cwd: dir, env: noModel });
    assert.strictEqual(run.status, 1);
    assert.strictEqual(run.stderr.split('\n')[0], 'self-heal: model: off: set OPENAI_API_KEY or pass --base-url to let a model propose fixes; rule-based fixes still run');
  });

  it('heals the type error with a model at --base-url and writes it', async () => {
    const server = await startScriptedModelServer(() => ({
      content: 'types/main.py\n<<<<<<< SEARCH\n    return a + b\n=======\n    return int(a) + int(b)\n>>>>>>> REPLACE\n',
    }));
    try {
      const run = await cli(['heal', 'types/main.py', '--write', '--model', 'local-model', '--base-url', server.baseUrl, '--temperature', '0.3', '--max-tokens', '777', ...common], { cwd: dir, env: noModel });
      assert.strictEqual(run.status, 0, run.stderr);
      assert.strictEqual(read('types/main.py'), TYPE.replace('return a + b', 'return int(a) + int(b)'));
      assert.ok(run.stderr.includes(`self-heal: model: local-model at ${server.baseUrl}\n`), run.stderr);
      assert.deepStrictEqual([server.requests[0].body.model, server.requests[0].body.temperature, server.requests[0].body.max_tokens], ['local-model', 0.3, 777]);
    } finally {
      await server.close();
    }
  });

  it('Ctrl+C while the model is thinking exits 130, writes nothing and leaves no container', async () => {
    const server = await startScriptedModelServer(() => ({ delayMs: 60_000, content: 'never sent' }));
    try {
      let pid = 0;
      const running = cli(['heal', 'types/main.py', '--write', '--base-url', server.baseUrl, ...common], { cwd: dir, env: noModel, onStart: (p) => (pid = p) });
      await server.waitForRequests(1);
      process.kill(pid, 'SIGINT');
      const run = await running;
      assert.strictEqual(run.status, 130, run.stderr);
      assert.ok(run.stderr.includes('✗ types/main.py: cancelled; the file is unchanged\n'), run.stderr);
      assert.strictEqual(read('types/main.py'), TYPE);
      assert.deepStrictEqual(await containersOfThisProcess(`${LABEL_PID}=${pid}`), []);
    } finally {
      await server.close();
    }
  });

  it('says clearly when no engine answers, exits 2 and changes nothing', async () => {
    const run = await cli(['heal', 'syntax/main.py', '--no-llm', '--write'], { cwd: dir, env: { ...noModel, DOCKER_HOST: `unix://${dir}/no-engine.sock` } });
    assert.strictEqual(run.status, 2);
    assert.ok(run.stderr.endsWith(`✗ syntax/main.py: No Docker or Podman engine answered at unix://${dir}/no-engine.sock; start Docker Desktop (or Docker/Podman) or pass --docker-host or set DOCKER_HOST.\n`), run.stderr);
    assert.strictEqual(read('syntax/main.py'), SYNTAX);
  });

  it('refuses bad input with exit 2 and a specific message', async () => {
    const attempts = await cli(['heal', 'types/main.py', '--max-attempts', '0'], { cwd: dir, env: noModel });
    assert.deepStrictEqual([attempts.status, attempts.stderr], [2, 'self-heal: --max-attempts must be a whole number from 1 to 20, not "0" (see "self-heal heal --help")\n']);
    const missing = await cli(['heal', 'nope.py', '--no-llm'], { cwd: dir, env: noModel });
    assert.strictEqual(missing.status, 2);
    assert.match(missing.stderr, /^self-heal: nope\.py: /);
  });

});
