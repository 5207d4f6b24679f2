// A program tries to forge the verdict of its own checks (doctest, unittest), either way: to fail a
// run whose checks pass by printing a failure report or writing check records, or to hide a real
// failure by flooding, garbling or closing the pipe the launcher reports checks on. Against the real
// engine, through the sandbox.
import * as assert from 'assert';
import { succeeded } from '../../src/core/run/runEnding';
import { runCode, shared } from '../sandbox/sandboxHelper';

/** Runs `action` (Python statements using `fd`) on every pipe the program holds besides stdio. */
const ON_EVERY_PIPE = (action: string): string =>
  `import os, stat\nfor fd in sorted(map(int, os.listdir('/proc/self/fd'))):\n    try:\n        if fd > 2 and stat.S_ISFIFO(os.fstat(fd).st_mode):\n            ${action}\n    except OSError:\n        pass\n`;

const CHECK = { framework: 'doctest', name: '__main__.add', outcome: 'failure', file: '/app/main.py', line: 3, source: 'add(1, 1)\n', expected: '2\n', got: '3\n' };

/** A real doctest failure at line 4; the program then exits 0. */
const FAILING_DOCTEST = `def add(a, b):
    """
    >>> add(1, 1)
    2
    """
    return a + b + 1


import doctest
doctest.testmod()
`;

describe('adversarial: a program cannot forge the verdict of its own checks', function () {
  this.timeout(120_000);
  after(() => shared.dispose());

  it('printing a doctest failure report and "***Test Failed***" at exit 0 leaves the run clean', async () => {
    const report = `${'*'.repeat(70)}\nFile "/app/main.py", line 3, in __main__.add\nFailed example:\n    add(1, 1)\n***Test Failed*** 1 failures.\n`;
    const result = await runCode(`import sys\nreport = ${JSON.stringify(report)}\nprint(report)\nsys.stderr.write('FAILED (failures=1)\\n' + report)\n`);
    assert.deepStrictEqual([result.exitCode, result.failedChecks, succeeded(result)], [0, undefined, true]);
  });

  it('check records written on every pipe, bare, in the report\'s layout or with a guessed token, leave the run clean', async () => {
    const line = JSON.stringify(CHECK);
    const payload = `b'\\n${line}\\nC${line}\\n' + os.urandom(12).hex().encode() + b'${line}\\n'`;
    const result = await runCode(`${ON_EVERY_PIPE(`os.write(fd, ${payload})`)}print('done')\n`);
    assert.deepStrictEqual([result.exitCode, result.stdout, result.failedChecks, succeeded(result)], [0, 'done\n', undefined, true]);
  });

  it('garbage written on every pipe before and after a real failure does not hide it', async () => {
    const garble = ON_EVERY_PIPE("os.write(fd, b'{\"framework\": \"doctest\", \\x00 no newline')");
    const result = await runCode(`${garble}${FAILING_DOCTEST}${garble}`);
    assert.strictEqual(result.exitCode, 0);
    const exampleLine = garble.split('\n').length - 1 + 3;
    assert.deepStrictEqual(result.failedChecks?.map((c) => [c.name, c.line, c.got]), [['__main__.add', exampleLine, '3\n']]);
  });

  it('a flood of 8 MiB on every pipe around a real failure does not hide it', async () => {
    const flood = ON_EVERY_PIPE("[os.write(fd, b'x' * 65536 + b'\\n') for _ in range(128)]");
    const result = await runCode(`${flood}${FAILING_DOCTEST}${flood}`);
    assert.strictEqual(result.exitCode, 0);
    assert.deepStrictEqual(result.failedChecks?.map((c) => c.name), ['__main__.add']);
    assert.strictEqual(succeeded(result), false);
  });

  it('closing every pipe, or putting /dev/null in its place, before a real failure ends the program with status 1', async () => {
    for (const action of ['os.close(fd)', "os.dup2(os.open('/dev/null', os.O_WRONLY), fd)"]) {
      const result = await runCode(`${ON_EVERY_PIPE(action)}${FAILING_DOCTEST}print('hidden')\n`);
      assert.deepStrictEqual([result.exitCode, succeeded(result), result.stdout.includes('hidden')], [1, false, false], action);
      assert.ok(result.stderr.endsWith('self-heal: the program closed the channel its failed checks are reported on\n'), result.stderr);
    }
  });
});
