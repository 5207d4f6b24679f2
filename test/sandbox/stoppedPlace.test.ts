// A program stopped at a limit says which of its lines was running, through the launcher; one that
// will not say is stopped at the limit all the same.
import * as assert from 'assert';
import { WHERE_GRACE_MS } from '../../src/sandbox/stoppedPlace';
import { limits, runCode, shared } from './sandboxHelper';

const MiB = 1024 * 1024;
/** Long enough for the program to have started on a loaded machine: before its first line there is no line to name. */
const TIME_LIMIT = 3000;

describe('sandbox: the line a limit stopped', function () {
  this.timeout(90_000);

  it('a loop on line 4 stops at the time limit with stoppedAt line 4', async () => {
    const code = 'import time\n\nticks = 0\nwhile True: ticks += 1\n';
    const result = await runCode(code, { limits: limits({ timeoutMs: TIME_LIMIT }) });
    assert.deepStrictEqual([result.reason, result.exitCode, result.stoppedAt], ['timeout', null, { file: '/app/main.py', line: 4 }]);
    // The duration is the limit's: the moment it took to say where is not counted.
    assert.ok(result.durationMs >= TIME_LIMIT - 10 && result.durationMs < TIME_LIMIT + 500, `duration ${result.durationMs}`);
  });

  it('a program waiting in a call into C names the calling line, in the innermost of its files', async () => {
    const files = {
      'main.py': 'from app import poll\n\npoll.forever()\n',
      'app/__init__.py': '',
      'app/poll.py': 'import time\n\n\ndef forever():\n    while True:\n        time.sleep(0.2)\n',
    };
    const result = await shared.run({ files, entry: 'main.py', limits: limits({ timeoutMs: TIME_LIMIT }) });
    assert.deepStrictEqual([result.reason, result.stoppedAt], ['timeout', { file: '/app/app/poll.py', line: 6 }]);
  });

  it('a program that ignores SIGTERM and SIGINT still stops at the limit, with its line', async () => {
    const code = 'import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True: pass\n';
    const result = await runCode(code, { limits: limits({ timeoutMs: TIME_LIMIT }) });
    assert.deepStrictEqual([result.reason, result.stoppedAt], ['timeout', { file: '/app/main.py', line: 4 }]);
  });

  it('a program that blocks every signal is stopped within the grace period, with no line', async () => {
    const code = 'import signal\nsignal.pthread_sigmask(signal.SIG_BLOCK, range(1, signal.NSIG))\nprint("blocked", flush=True)\nwhile True: pass\n';
    let blockedAt = 0;
    const result = await runCode(code, { limits: limits({ timeoutMs: TIME_LIMIT }), onOutput: () => (blockedAt ||= Date.now()) });
    const after = Date.now() - blockedAt;
    assert.deepStrictEqual([result.reason, result.exitCode, result.stdout, result.stoppedAt], ['timeout', null, 'blocked\n', undefined]);
    assert.ok(blockedAt > 0 && after < TIME_LIMIT + WHERE_GRACE_MS + 1000, `the run ended ${after} ms after the program blocked signals`);
    const next = await runCode('print("still here")\n');
    assert.strictEqual(next.stdout, 'still here\n');
  });

  it('a flood stops at the output limit with the line that was writing', async () => {
    const code = 'import sys\nblock = "y" * 65536\n\ndef flood():\n    while True:\n        sys.stdout.write(block)\n\nflood()\n';
    const result = await runCode(code, { limits: limits({ outputLimitBytes: 1 * MiB }) });
    assert.deepStrictEqual([result.reason, result.stoppedAt], ['output-limit', { file: '/app/main.py', line: 6 }]);
    assert.strictEqual(result.stdout.length, 1 * MiB);
  });

  it('what a program writes to its where pipe unasked, or the old question on its own stdin, changes nothing', async () => {
    const forge = 'import os, stat\nfor fd in sorted(map(int, os.listdir("/proc/self/fd"))):\n    try:\n        if fd > 2 and stat.S_ISFIFO(os.fstat(fd).st_mode):\n            os.write(fd, b\'Stack (most recent call first):\\n  File "/app/main.py", line 1 in <module>\\n\')\n    except OSError:\n        pass\n';
    const result = await runCode(`${forge}print("done")\n`, { stdin: '\x1eself-heal-where\n' });
    assert.deepStrictEqual([result.reason, result.exitCode, result.stdout, result.stoppedAt], ['exited', 0, 'done\n', undefined]);
  });

  it('a run that ends by itself or is cancelled has no stoppedAt', async () => {
    const ended = await runCode('print("hi")\n');
    assert.strictEqual(ended.stoppedAt, undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 800);
    const cancelled = await runCode('while True: pass\n', { signal: controller.signal });
    assert.deepStrictEqual([cancelled.reason, cancelled.stoppedAt], ['cancelled', undefined]);
  });
});
