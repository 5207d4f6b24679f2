// `self-heal run` names the program's files as the user knows them in traceback frames, never the
// sandbox's /app: relative to the current folder when under it, else absolute on disk.
import * as assert from 'assert';
import * as path from 'path';
import { makeTree, removeTree } from '../support/tempDir';
import { cli } from './cliProcess';
import { TEST_IMAGE } from './sandboxHelper';

const image = ['--image', TEST_IMAGE];

const PROGRAM = {
  'app.py': 'from pkg.mod import boom\n\ndef main():\n    boom()\n\nmain()\n',
  'pkg/__init__.py': '',
  'pkg/mod.py': 'def boom():\n    raise ValueError("bad")\n',
  // Printed text that only looks like frames: outside the run's folder, and a file the run never had.
  'fake.py': 'print(\'  File "/app/../etc/passwd", line 1, in x\')\nprint(\'  File "/app/missing.py", line 2, in y\')\n',
};

/** The traceback of app.py with each file named as `shown` gives it. */
function traceback(shown: (file: string) => string): string {
  return [
    'Traceback (most recent call last):',
    `  File "${shown('app.py')}", line 6, in <module>`,
    '    main()',
    `  File "${shown('app.py')}", line 4, in main`,
    '    boom()',
    `  File "${shown('pkg/mod.py')}", line 2, in boom`,
    '    raise ValueError("bad")',
    'ValueError: bad',
    '',
  ].join('\n');
}

/** stderr without the summary lines Self-Heal adds. */
function programStderr(stderr: string): string {
  return stderr.replace(/^[✓✗] .*\n/gm, '');
}

describe('CLI: paths in the output of self-heal run', function () {
  this.timeout(60_000);
  let root = '';

  before(() => {
    root = makeTree(PROGRAM);
  });

  after(() => removeTree(root));

  it('names the files relative to the current folder in a live run', async () => {
    const run = await cli(['run', 'app.py', ...image], { cwd: root });
    assert.strictEqual(run.status, 1, run.stderr);
    assert.strictEqual(programStderr(run.stderr), traceback((file) => file));
  });

  it('names them from the current folder when several files run, their output printed after each', async () => {
    const folder = path.basename(root);
    const run = await cli(['run', `${folder}/app.py`, `${folder}/pkg/mod.py`, ...image], { cwd: path.dirname(root) });
    assert.strictEqual(run.status, 1, run.stderr);
    assert.strictEqual(programStderr(run.stderr), traceback((file) => `${folder}/${file}`));
  });

  it('names them absolute on disk when the program lies outside the current folder', async () => {
    const run = await cli(['run', '../app.py', ...image], { cwd: path.join(root, 'pkg') });
    assert.strictEqual(run.status, 1, run.stderr);
    assert.strictEqual(programStderr(run.stderr), traceback((file) => path.join(root, file)));
  });

  it('leaves printed paths that are not the run\'s files as they were', async () => {
    const run = await cli(['run', 'fake.py', ...image], { cwd: root });
    assert.strictEqual(run.status, 0, run.stderr);
    assert.strictEqual(run.stdout, '  File "/app/../etc/passwd", line 1, in x\n  File "/app/missing.py", line 2, in y\n');
  });
});
