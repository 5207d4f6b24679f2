// The unsandboxed runner, against the machine's real python3 (no engine needed).
import * as assert from 'assert';
import { DEFAULT_LIMITS } from '../../src/core/run/limits';
import type { RunRequest } from '../../src/core/run/runTypes';
import { LocalRunner } from '../../src/local/localRunner';

const runner = new LocalRunner('python3');
const run = (files: Record<string, string>, extra: Partial<RunRequest> = {}) =>
  runner.run({ files, entry: 'main.py', limits: { ...DEFAULT_LIMITS, timeoutMs: 10_000 }, ...extra });

describe('local runner (unsandboxed)', function () {
  this.timeout(20_000);

  it('runs the entry with its sibling modules, arguments and stdin, and says it is unsandboxed', async () => {
    const result = await run(
      { 'main.py': 'import sys, helper\nprint(helper.greet(sys.argv[1]), sys.stdin.read())\n', 'helper.py': 'def greet(n):\n    return "hi " + n\n' },
      { args: ['ada'], stdin: 'from stdin' },
    );
    assert.strictEqual(result.stdout, 'hi ada from stdin\n');
    assert.strictEqual(result.exitCode, 0);
    assert.strictEqual(result.reason, 'exited');
    assert.deepStrictEqual(result.engine, { runner: 'local', sandboxed: false, engine: 'local python3 (unsandboxed)' });
  });

  it('writes a file in the codec its coding line names, so Python reads the same characters', async () => {
    const result = await run({ 'main.py': '# -*- coding: latin-1 -*-\nname = "café"\nprint(ascii(name), len(name))\n' });
    assert.strictEqual(result.stdout, "'caf\\xe9' 4\n");
  });

  it('reports a non-zero exit and the traceback', async () => {
    const result = await run({ 'main.py': 'x = 1\nraise ValueError("bad value")\n' });
    assert.strictEqual(result.exitCode, 1);
    assert.match(result.stderr, /ValueError: bad value\n$/);
  });

  it('cannot observe the program\'s own checks: a failing doctest at exit 0 reports no failed checks (docs/architecture.md)', async () => {
    const result = await run({ 'main.py': 'def one():\n    """\n    >>> one()\n    2\n    """\n    return 1\n\nimport doctest\ndoctest.testmod()\n' });
    assert.deepStrictEqual([result.exitCode, result.failedChecks], [0, undefined]);
    assert.match(result.stdout, /\*\*\*Test Failed\*\*\* 1 failures\.\n$/);
  });

  it('stops a program at the timeout', async () => {
    const result = await run({ 'main.py': 'while True:\n    pass\n' }, { limits: { ...DEFAULT_LIMITS, timeoutMs: 500 } });
    assert.strictEqual(result.reason, 'timeout');
    assert.strictEqual(result.exitCode, null);
  });

  it('stops a flood at the output limit, keeping exactly the limit', async () => {
    const result = await run({ 'main.py': 'while True:\n    print("x" * 1000)\n' }, { limits: { ...DEFAULT_LIMITS, outputLimitBytes: 4096 } });
    assert.strictEqual(result.reason, 'output-limit');
    assert.strictEqual(result.stdout.length, 4096);
    assert.ok(result.stdoutBytes > 4096);
    assert.strictEqual(result.truncated.stdout, true);
  });

  it('ends at once when cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const result = await run({ 'main.py': 'import time\ntime.sleep(30)\n' }, { signal: controller.signal });
    assert.strictEqual(result.reason, 'cancelled');
    assert.ok(result.durationMs < 1300, `took ${result.durationMs} ms`);
  });

  it('gives an engine error naming the interpreter when it does not exist', async () => {
    const result = await new LocalRunner('/nowhere/python9').run({ files: { 'main.py': '' }, entry: 'main.py', limits: DEFAULT_LIMITS });
    assert.strictEqual(result.reason, 'engine-error');
    assert.strictEqual(result.engineError?.code, 'unreachable');
    assert.match(result.engineError?.message ?? '', /^Could not start the local Python "\/nowhere\/python9": spawn \/nowhere\/python9 ENOENT/);
  });
});

describe('local runner: bad requests', () => {
  it('refuses a file outside the run folder with an engine error, not a throw', async () => {
    const result = await new LocalRunner('python3').run({ files: { '../escape.py': 'print(1)' }, entry: '../escape.py', limits: DEFAULT_LIMITS });
    assert.strictEqual(result.reason, 'engine-error');
    assert.strictEqual(result.engineError?.message, 'Refusing to write outside the run folder: ../escape.py');
  });
});
