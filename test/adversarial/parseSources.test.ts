// `self-heal parse` reads the files a traceback names to turn carets into columns. Pasted text can
// name anything: a FIFO (which would block the read for ever), a file outside the folder, a huge file.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cli } from '../sandbox/cliProcess';
import { makeTree, removeTree } from '../support/tempDir';

const traceback = (file: string): string =>
  `Traceback (most recent call last):\n  File "${file}", line 1, in <module>\n    total = 1 + "2"\n            ~~^~~~~\nTypeError: unsupported operand type(s) for +: 'int' and 'str'\n`;

describe('adversarial: files a pasted traceback names', function () {
  this.timeout(30_000);
  let root: string;
  beforeEach(() => (root = makeTree({ 'work/app.py': 'total = 1 + "2"\n', 'outside.py': 'total = 1 + "2"\n', 'work/big.py': `total = 1 + "2"\n${'#'.repeat(2 * 1024 * 1024)}\n` })));
  afterEach(() => removeTree(root));

  async function parse(file: string): Promise<{ status: number | null; column: unknown }> {
    let pid = 0;
    // A parse that hangs is stopped, and the test fails on its status.
    const timer = setTimeout(() => pid && process.kill(pid, 'SIGKILL'), 10_000);
    try {
      const run = await cli(['parse', '--json'], { cwd: path.join(root, 'work'), input: traceback(file), onStart: (started) => (pid = started) });
      return { status: run.status, column: run.status === 0 ? JSON.parse(run.stdout).errors[0].column : undefined };
    } finally {
      clearTimeout(timer);
    }
  }

  it('a regular file inside the folder gives the caret its column', async () => {
    assert.deepStrictEqual(await parse('app.py'), { status: 0, column: 9 });
  });

  it('a FIFO is not opened for reading: parse ends at once, without a column', async () => {
    execFileSync('mkfifo', [path.join(root, 'work/pipe.py')]);
    assert.deepStrictEqual(await parse('pipe.py'), { status: 0, column: null });
  });

  it('a file outside the folder, or over 1 MiB, is not read', async () => {
    assert.deepStrictEqual(await parse('../outside.py'), { status: 0, column: null });
    assert.deepStrictEqual(await parse(path.join(root, 'outside.py')), { status: 0, column: null });
    fs.symlinkSync(path.join(root, 'outside.py'), path.join(root, 'work/link.py'));
    assert.deepStrictEqual(await parse('link.py'), { status: 0, column: null });
    assert.deepStrictEqual(await parse('big.py'), { status: 0, column: null });
  });
});
