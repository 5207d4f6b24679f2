import * as assert from 'assert';
import { healFile } from '../../src/core/heal/healFile';
import { warmContainersFor } from '../../src/core/run/parallel';
import type { RunRequest, RunResult } from '../../src/core/run/runTypes';
import { LABEL_SESSION } from '../../src/sandbox/containerSpec';
import { containersOfThisProcess, limits, newSandbox, runCode, shared } from './sandboxHelper';

describe('sandbox: running programs', function () {
  this.timeout(60_000);

  it('runs hello world and names the engine that ran it', async () => {
    const result = await runCode('print("Hello from the sandbox")\n');
    assert.strictEqual(result.stdout, 'Hello from the sandbox\n');
    assert.strictEqual(result.stderr, '');
    assert.strictEqual(result.exitCode, 0);
    assert.strictEqual(result.reason, 'exited');
    assert.strictEqual(result.engine.runner, 'docker');
    assert.strictEqual(result.engine.sandboxed, true);
    assert.match(result.engine.engine, /^(Podman|Docker) Engine \d+\.\d+/);
    assert.strictEqual(result.engine.host, process.env.DOCKER_HOST);
  });

  it('hands on every byte a program prints, in order with its stderr, even when it exits right after a large write', async () => {
    // The exit report and the output travel on one channel: none of the output can arrive after it.
    const code = 'import os, sys\nfor i in range(40):\n    sys.stdout.write(f"{i:08d}" * 8192)\n    sys.stderr.write(f"e{i}\\n")\nsys.stdout.flush()\nsys.stderr.flush()\nos._exit(0)\n';
    const expected = Array.from({ length: 40 }, (_, i) => String(i).padStart(8, '0').repeat(8192)).join('');
    for (let round = 0; round < 6; round += 1) {
      const result = await runCode(code, { limits: limits({ outputLimitBytes: 8 * 1024 * 1024 }) });
      assert.deepStrictEqual([result.exitCode, result.stdout.length, result.stdoutBytes, result.stdout === expected], [0, expected.length, expected.length, true], `round ${round}`);
      assert.strictEqual(result.stderr, Array.from({ length: 40 }, (_, i) => `e${i}\n`).join(''));
    }
  });

  it('a launcher frame printed on stdout is the program\'s output, never a report: the real status stands', async () => {
    const code = 'import os, sys\nsys.stdout.buffer.write(b"\\x1ex\\x00\\x00\\x00\\x020\\n" + b"\\x1ep\\x00\\x00\\x00\\x01!")\nsys.stdout.flush()\nos._exit(3)\n';
    const result = await runCode(code);
    assert.deepStrictEqual([result.exitCode, result.reason, result.stdout], [3, 'exited', '\x1ex\x00\x00\x00\x020\n\x1ep\x00\x00\x00\x01!']);
  });

  it('uses a warm container for the next run of the same image and limits', async () => {
    await runCode('pass\n');
    await shared.warmed(); // the pool refills in the background
    const result = await runCode('print("again")\n');
    assert.strictEqual(result.stdout, 'again\n');
    assert.strictEqual(result.engine.warm, true);
  });

  it('keeps a heal warm: with the pool a heal keeps, the failing run and the re-run that proves the fix both take waiting containers', async () => {
    const sandbox = newSandbox({ warmContainers: warmContainersFor(1, 1, true) });
    try {
      await runCode('pass\n', {}, sandbox);
      await sandbox.warmed(); // the pool fills in the background
      const warm: boolean[] = [];
      const recording = { run: async (request: RunRequest): Promise<RunResult> => {
        const result = await sandbox.run(request);
        warm.push(result.engine.warm === true);
        return result;
      }, dispose: () => sandbox.dispose() };
      const record = await healFile({ files: { 'main.py': 'print(json.dumps([1]))\n' }, entry: 'main.py' }, { runner: recording, limits: limits() });
      assert.strictEqual(record.outcome, 'healed');
      assert.deepStrictEqual(warm, [true, true]);
    } finally {
      await sandbox.dispose();
    }
  });

  it('holds its housekeeping back after a run, so a re-run that follows has the engine to itself; dispose does it at once', async () => {
    const session = `quiet-${process.pid}-${Date.now()}`;
    const sandbox = newSandbox({ session, warmContainers: 1, quietAfterRunMs: 1_500 });
    const ours = () => containersOfThisProcess(`${LABEL_SESSION}=${session}`);
    try {
      assert.strictEqual((await runCode('pass\n', {}, sandbox)).engine.warm, false);
      const afterRun = await ours();
      // Within the quiet time: the used container is not removed yet, and no warm one is being made.
      assert.strictEqual(afterRun.length, 1);
      await sandbox.warmed(); // the held-back removal and refill, then the pool full
      const warmed = await ours();
      assert.deepStrictEqual([warmed.length, warmed.includes(afterRun[0])], [1, false]);
      assert.strictEqual((await runCode('print(2)\n', {}, sandbox)).engine.warm, true);
    } finally {
      await sandbox.dispose();
    }
    assert.deepStrictEqual(await ours(), []);
  });

  it('never holds back the removal of a program stopped at a limit: it would run on meanwhile', async () => {
    const session = `quiet-limit-${process.pid}-${Date.now()}`;
    const sandbox = newSandbox({ session, warmContainers: 1, quietAfterRunMs: 60_000 });
    const ours = () => containersOfThisProcess(`${LABEL_SESSION}=${session}`);
    try {
      const result = await runCode('while True: pass\n', { limits: limits({ timeoutMs: 1_000 }) }, sandbox);
      assert.strictEqual(result.reason, 'timeout');
      // Gone long before the quiet time ends; the refill is still held back, so nothing else is there.
      const deadline = Date.now() + 30_000;
      while ((await ours()).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepStrictEqual(await ours(), []);
    } finally {
      await sandbox.dispose();
    }
    assert.deepStrictEqual(await ours(), []);
  });

  it('runs a program whose entry imports a sibling module and a package', async () => {
    const result = await shared.run({
      files: {
        'app/main.py': 'import sys\nfrom helper import double\nfrom pkg.names import NAME\nprint(double(21), NAME, __name__, sys.argv, sys.path[0])\n',
        'app/helper.py': 'def double(x):\n    return 2 * x\n',
        'app/pkg/__init__.py': '',
        'app/pkg/names.py': 'NAME = "pkg"\n',
      },
      entry: 'app/main.py',
      args: ['--flag', 'value with space'],
      limits: limits(),
    });
    assert.strictEqual(result.stderr, '');
    assert.strictEqual(result.stdout, "42 pkg __main__ ['app/main.py', '--flag', 'value with space'] /app/app\n");
  });

  it('reports a non-zero exit code and keeps the SystemExit message', async () => {
    const code = await runCode('import sys\nsys.exit(3)\n');
    assert.strictEqual(code.exitCode, 3);
    assert.strictEqual(code.reason, 'exited');
    const message = await runCode('import sys\nsys.exit("giving up")\n');
    assert.strictEqual(message.exitCode, 1);
    assert.strictEqual(message.stderr, 'giving up\n');
  });

  it('prints an uncaught exception as Python does, without launcher frames', async () => {
    const result = await runCode('def f():\n    return 1 / 0\n\nf()\n');
    assert.strictEqual(result.exitCode, 1);
    assert.strictEqual(
      result.stderr,
      'Traceback (most recent call last):\n' +
        '  File "/app/main.py", line 4, in <module>\n    f()\n' +
        '  File "/app/main.py", line 2, in f\n    return 1 / 0\n           ~~^~~\n' +
        'ZeroDivisionError: division by zero\n',
    );
  });

  it('prints a syntax error as Python does', async () => {
    const result = await runCode('def greet(name):\n    print(f"Hello, {name}"\n');
    assert.strictEqual(result.exitCode, 1);
    assert.strictEqual(result.stderr, '  File "/app/main.py", line 2\n    print(f"Hello, {name}"\n         ^\nSyntaxError: \'(\' was never closed\n');
  });

  it('feeds the given stdin, and end-of-file when none is given', async () => {
    const given = await runCode('import sys\nprint(sys.stdin.read().upper())\n', { stdin: 'line one\nline two' });
    assert.strictEqual(given.stdout, 'LINE ONE\nLINE TWO\n');
    const absent = await runCode('try:\n    input()\nexcept EOFError:\n    print("eof")\n');
    assert.strictEqual(absent.stdout, 'eof\n');
  });

  it('keeps unicode output intact', async () => {
    const result = await runCode('print("héllo wörld ✓ 日本")\n');
    assert.strictEqual(result.stdout, 'héllo wörld ✓ 日本\n');
  });

  it('streams output as it is written', async () => {
    const arrivals: Array<{ stream: string; text: string; at: number }> = [];
    const result = await runCode('import sys, time\nprint("first")\ntime.sleep(0.5)\nprint("second", file=sys.stderr)\n', {
      onOutput: (stream, chunk) => arrivals.push({ stream, text: Buffer.from(chunk).toString(), at: Date.now() }),
    });
    const firstDone = arrivals.findIndex((a) => a.text.endsWith('\n'));
    assert.strictEqual(arrivals.slice(0, firstDone + 1).map((a) => a.text).join(''), 'first\n');
    assert.ok(arrivals.slice(0, firstDone + 1).every((a) => a.stream === 'stdout'));
    assert.strictEqual(arrivals.slice(firstDone + 1).map((a) => a.text).join(''), 'second\n');
    assert.ok(arrivals[firstDone + 1].at - arrivals[firstDone].at >= 400, 'the second line arrived with the first');
    assert.strictEqual(result.stderr, 'second\n');
  });
});
