// --changed-since against a real git repository made for the test: committed, staged, unstaged and
// new files count; the importers of a changed module come along; a bad ref is a usage error.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { changedSince, targetsReached } from '../../src/cli/changedSince';
import { UsageError } from '../../src/cli/cliArgs';
import { collectTargets } from '../../src/cli/runTargets';
import { makeTree, removeTree } from '../support/tempDir';

function git(root: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: root, stdio: 'ignore' });
}

describe('changedSince', function () {
  // Each case runs git a few times: seconds on a busy machine.
  this.timeout(30_000);
  let root: string;
  before(() => {
    root = makeTree({
      'proj/main.py': 'from lib import area\nprint(area(2))\n',
      'proj/lib.py': 'from shapes.square import side\ndef area(x):\n    return side(x) ** 2\n',
      'proj/shapes/__init__.py': '',
      'proj/shapes/square.py': 'def side(x):\n    return x\n',
      'proj/other.py': 'print("other")\n',
      'proj/staged.py': 'print(1)\n',
      'proj/unstaged.py': 'print(1)\n',
      '.gitignore': 'ignored.py\n',
    });
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'base');
    git(root, 'checkout', '-q', '-b', 'feature');
    fs.writeFileSync(path.join(root, 'proj/shapes/square.py'), 'def side(x):\n    return x + 0\n');
    git(root, 'commit', '-q', '-am', 'change');
    fs.writeFileSync(path.join(root, 'proj/staged.py'), 'print(2)\n');
    git(root, 'add', 'proj/staged.py');
    fs.writeFileSync(path.join(root, 'proj/unstaged.py'), 'print(2)\n');
    fs.writeFileSync(path.join(root, 'proj/new.py'), 'print(3)\n');
    fs.writeFileSync(path.join(root, 'proj/ignored.py'), 'print(4)\n');
  });
  after(() => removeTree(root));

  it('lists committed, staged, unstaged and untracked changes, not ignored files', async () => {
    const found = await changedSince('main', path.join(root, 'proj'));
    const real = fs.realpathSync(root);
    assert.strictEqual(found.repoRoot, real);
    assert.deepStrictEqual([...found.changed].map((file) => path.relative(real, file)).sort(), ['proj/new.py', 'proj/shapes/square.py', 'proj/staged.py', 'proj/unstaged.py']);
  });

  it('keeps the changed files of a folder and the modules that import them', async () => {
    const cwd = path.join(root, 'proj');
    const { changed } = await changedSince('main', cwd);
    const targets = await collectTargets(['.'], cwd);
    assert.deepStrictEqual(targetsReached(targets, changed).map((target) => target.file).sort(), ['lib.py', 'main.py', 'new.py', 'shapes/square.py', 'staged.py', 'unstaged.py']);
  });

  it('refuses a ref that is no commit, one that looks like an option, and a folder outside git', async () => {
    await assert.rejects(changedSince('no-such-branch', root), (error: Error) => error instanceof UsageError && error.message === '--changed-since no-such-branch: no such commit, branch or tag in this repository (a shallow clone needs fetch-depth: 0)');
    await assert.rejects(changedSince('--output=x', root), (error: Error) => error instanceof UsageError && error.message === '--changed-since needs a git ref (a branch, tag or commit), not "--output=x"');
    const plain = makeTree({ 'a.py': '' });
    try {
      await assert.rejects(changedSince('main', plain), (error: Error) => error instanceof UsageError && error.message === `--changed-since main: ${plain} is not inside a git repository`);
    } finally {
      removeTree(plain);
    }
  });
});
