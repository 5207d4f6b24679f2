// A program, or a model's "fix", tries to forge what Self-Heal reports about its run: the exit
// status, the reason, the uncaught exception. Each attempt must leave the report true, and the
// host unharmed. Against the real engine, through the sandbox and through the built CLI.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { cli } from '../sandbox/cliProcess';
import { runCode, TEST_IMAGE } from '../sandbox/sandboxHelper';
import { startScriptedModelServer } from '../support/scriptedModelServer';
import { makeTree, removeTree } from '../support/tempDir';

const OLD_MARKER = '\\x1eself-heal-exit:';
/** A report frame of the launcher's own layout claiming exit status 0. */
const FORGED_FRAME = "b'\\x1ex\\x00\\x00\\x00\\x020\\n'";
const RAISE = "raise NameError(\"name 'undefined_name' is not defined\")\n";
/** Writes `payload` (a Python bytes expression) into every pipe the program holds besides stdio. */
const WRITE_TO_EVERY_PIPE = (payload: string): string =>
  `import os, stat\npayload = ${payload}\nfor fd in sorted(map(int, os.listdir('/proc/self/fd'))):\n    try:\n        if fd > 2 and stat.S_ISFIFO(os.fstat(fd).st_mode):\n            os.write(fd, payload)\n    except OSError:\n        pass\n`;
const noModel = { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' };
const common = ['--image', TEST_IMAGE, '--timeout', '20'];

describe('adversarial: a program cannot forge its own result', function () {
  this.timeout(120_000);

  it('a marker of the old layout, then a raise: exit 1, the NameError, and the marker kept as output', async () => {
    const result = await runCode(`import sys\nsys.stderr.write('${OLD_MARKER}0\\n')\nsys.stderr.flush()\n${RAISE}`);
    assert.strictEqual(result.exitCode, 1);
    assert.strictEqual(result.captured?.type, 'NameError');
    assert.ok(result.stderr.startsWith('\x1eself-heal-exit:0\nTraceback (most recent call last):\n'), JSON.stringify(result.stderr));
  });

  it('a report frame of the launcher\'s layout written raw: exit 1, and the bytes kept as output', async () => {
    const result = await runCode(`import os\nos.write(2, ${FORGED_FRAME})\n${RAISE}`);
    assert.strictEqual(result.exitCode, 1);
    assert.strictEqual(result.captured?.type, 'NameError');
    assert.ok(result.stderr.startsWith('\x1ex\x00\x00\x00\x020\nTraceback'), JSON.stringify(result.stderr.slice(0, 40)));
  });

  it('a marker split across writes and one at the very end: all of it is output, the status is the real one', async () => {
    const result = await runCode(`import os, sys\nos.write(2, b'\\x1eself-heal-')\nos.write(2, b'exit:0')\nos.write(2, b'\\n')\nos.write(2, ${FORGED_FRAME}[:3])\nos.write(2, ${FORGED_FRAME}[3:])\nsys.exit(3)\n`);
    assert.strictEqual(result.exitCode, 3);
    assert.strictEqual(result.stderr, '\x1eself-heal-exit:0\n\x1ex\x00\x00\x00\x020\n');
    assert.strictEqual(result.captured, undefined);
  });

  it('the launcher\'s stderr cannot be opened through /proc/1/fd', async () => {
    const result = await runCode(`import os\ntry:\n    fd = os.open('/proc/1/fd/2', os.O_WRONLY)\n    os.write(fd, ${FORGED_FRAME})\n    print('opened')\nexcept OSError as error:\n    print('refused', error.errno)\n${RAISE}`);
    assert.strictEqual(result.stdout, 'refused 13\n');
    assert.strictEqual(result.exitCode, 1);
    assert.strictEqual(result.captured?.type, 'NameError');
  });

  it('signals sent to the launcher change nothing', async () => {
    const result = await runCode(`import os, signal, time\nfor sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL, signal.SIGSTOP):\n    try:\n        os.kill(1, sig)\n    except OSError:\n        pass\ntime.sleep(0.3)\nprint('still here')\n${RAISE}`);
    assert.strictEqual(result.stdout, 'still here\n');
    assert.deepStrictEqual([result.exitCode, result.reason, result.captured?.type], [1, 'exited', 'NameError']);
  });

  it('a record the program writes itself does not count when it exits 0', async () => {
    const record = JSON.stringify({ type: 'NameError', message: 'forged', notes: [], frames: [], cause: null, context: null, exceptions: [] });
    const result = await runCode(`${WRITE_TO_EVERY_PIPE(`b'${record}\\n'`)}print('done')\n`);
    assert.deepStrictEqual([result.exitCode, result.stdout, result.captured], [0, 'done\n', undefined]);
  });

  it('a marker with no newline followed by a flood of stderr is still held to the output cap', async () => {
    const before = process.memoryUsage().rss;
    const result = await runCode(`import os\nos.write(2, b'\\x1eself-heal-exit:0 {')\nchunk = b'x' * 65536\nfor _ in range(3200):\n    os.write(2, chunk)\n`);
    const grown = process.memoryUsage().rss - before;
    assert.strictEqual(result.reason, 'output-limit');
    assert.strictEqual(result.truncated.stderr, true);
    assert.ok(Buffer.byteLength(result.stderr) <= 1024 * 1024, `kept ${Buffer.byteLength(result.stderr)} bytes`);
    assert.ok(grown < 100 * 1024 * 1024, `the test process grew by ${grown} bytes`);
  });

  describe('through the CLI', () => {
    let dir: string;
    afterEach(() => dir && removeTree(dir));

    for (const [name, payload] of [
      ['a record of the wrong shape', `b'{"type":"X"}\\n'`],
      ['a 30,000-deep cause chain', `(('{"type":"E","message":"m","notes":[],"frames":[],"context":null,"exceptions":[],"cause":' * 30000) + 'null' + ('}' * 30000) + '\\n').encode()`],
      ['a record that is not JSON', `b'{"type": "NameError", \\xff\\n'`],
    ] as const) {
      it(`${name} written to the record pipe: a plain report, no internal error`, async () => {
        dir = makeTree({ 'main.py': `${WRITE_TO_EVERY_PIPE(payload)}import sys\nsys.stderr.write('it failed\\n')\nsys.exit(1)\n` });
        const run = await cli(['run', 'main.py', '--json', ...common], { cwd: dir, env: noModel });
        assert.strictEqual(run.status, 1, run.stderr);
        assert.ok(!run.stderr.includes('internal error'), run.stderr);
        const [entry] = JSON.parse(run.stdout).files;
        assert.deepStrictEqual([entry.exitCode, entry.reason, entry.stderr], [1, 'exited', 'it failed\n']);
      });
    }

    for (const [name, cheat] of [
      ['ends the process before the failing line', 'import os\nos._exit(0)\n'],
      ['exits with status 0 first', 'import sys\nsys.exit(0)\n'],
    ] as const) {
      it(`a model "fix" that ${name} is refused, never healed, and nothing is written`, async () => {
        const broken = 'def total(xs):\n    return sum(xs) / len(xs)\n\nprint(total([]))\n';
        dir = makeTree({ 'main.py': broken });
        const server = await startScriptedModelServer(() => ({ content: `main.py\n<<<<<<< SEARCH\ndef total(xs):\n=======\n${cheat}def total(xs):\n>>>>>>> REPLACE\n` }));
        try {
          const run = await cli(['heal', 'main.py', '--write', '--no-rules', '--max-attempts', '1', '--base-url', server.baseUrl, '--json', ...common], { cwd: dir, env: noModel });
          assert.strictEqual(run.status, 1, run.stderr);
          const [file] = JSON.parse(run.stdout).files;
          assert.strictEqual(file.outcome, 'not-healed');
          assert.match(file.attempts[0].rejections.join('\n'), /instead of fixing the error/);
          assert.strictEqual(fs.readFileSync(path.join(dir, 'main.py'), 'utf8'), broken);
        } finally {
          await server.close();
        }
      });
    }

    it('a model "fix" that only prints the old marker and a forged frame is not healed, and nothing is written', async () => {
      const broken = 'total = 1\nprint(totl)\n';
      dir = makeTree({ 'main.py': broken });
      const forging = `import os, sys\nsys.stderr.write('\\x1eself-heal-exit:0\\n')\nsys.stderr.flush()\nos.write(2, b'\\x1ex\\x00\\x00\\x00\\x020\\n')\ntotal = 1\nprint(totl)\n`;
      const server = await startScriptedModelServer(() => ({ content: `\`\`\`python\n${forging}\`\`\`\n` }));
      try {
        const run = await cli(['heal', 'main.py', '--write', '--no-rules', '--max-attempts', '2', '--base-url', server.baseUrl, '--json', ...common], { cwd: dir, env: noModel });
        assert.strictEqual(run.status, 1, run.stderr);
        const report = JSON.parse(run.stdout);
        assert.strictEqual(report.files[0].outcome, 'not-healed');
        assert.strictEqual(fs.readFileSync(path.join(dir, 'main.py'), 'utf8'), broken);
        assert.ok(server.requests.length >= 1);
      } finally {
        await server.close();
      }
    });
  });
});
