import * as assert from 'assert';
import * as path from 'path';
import { collectRunSet, RunSetError, withEnvironmentFiles } from '../../src/core/program/runSet';
import { makeTree, removeTree } from '../support/tempDir';

describe('run set', () => {
  let root: string;
  afterEach(() => removeTree(root));

  it('holds the entry and the Python files of its folder tree, relative to the workspace root', async () => {
    root = makeTree({
      'app/main.py': 'import helper\n',
      'app/helper.py': 'X = 1\n',
      'app/pkg/__init__.py': '',
      'app/pkg/mod.py': 'Y = 2\n',
      'app/notes.txt': 'not python',
      'app/.venv/lib/site.py': 'skipped',
      'app/venv/x.py': 'skipped',
      'app/__pycache__/helper.cpython-311.py': 'skipped',
      'app/node_modules/a.py': 'skipped',
      'other/unrelated.py': 'not in the entry tree',
    });
    const runSet = await collectRunSet(path.join(root, 'app/main.py'), { root });
    assert.strictEqual(runSet.root, root);
    assert.strictEqual(runSet.entry, 'app/main.py');
    assert.deepStrictEqual(Object.keys(runSet.files).sort(), ['app/helper.py', 'app/main.py', 'app/pkg/__init__.py', 'app/pkg/mod.py']);
    assert.strictEqual(runSet.files['app/pkg/mod.py'], 'Y = 2\n');
  });

  it('reads each file as Python does: a BOM dropped, a Latin-1 coding line honoured', async () => {
    root = makeTree({
      'main.py': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('print("é")\n')]),
      'latin.py': Buffer.from('# coding: latin-1\nname = "café"\n', 'latin1'),
    });
    const runSet = await collectRunSet(path.join(root, 'main.py'));
    assert.deepStrictEqual(runSet.files, { 'latin.py': '# coding: latin-1\nname = "café"\n', 'main.py': 'print("é")\n' });
  });

  it('reads requirements.txt with its BOM dropped, as the write-back compares it', async () => {
    root = makeTree({ 'requirements.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('requests\n')]) });
    assert.deepStrictEqual(await withEnvironmentFiles({}, root), { 'requirements.txt': 'requests\n' });
  });

  it('starts from the entry folder when the entry lies outside the given root', async () => {
    root = makeTree({ 'a/main.py': 'print(1)\n', 'b/x.py': '' });
    const runSet = await collectRunSet(path.join(root, 'a/main.py'), { root: path.join(root, 'b') });
    assert.strictEqual(runSet.root, path.join(root, 'a'));
    assert.strictEqual(runSet.entry, 'main.py');
  });

  it('refuses a tree over the size cap with a message naming the folder', async () => {
    root = makeTree({ 'main.py': 'print(1)\n', 'big.py': '#'.repeat(5000) });
    await assert.rejects(collectRunSet(path.join(root, 'main.py'), { maxBytes: 4096 }), (error: Error) => {
      assert.ok(error instanceof RunSetError);
      assert.strictEqual(error.message, `The Python files under ${root} exceed 4 KiB; Self-Heal copies the entry file's folder tree into the sandbox. Move the program into a smaller folder.`);
      return true;
    });
  });

  it('refuses a tree with too many files', async () => {
    root = makeTree({ 'main.py': '', 'a.py': '', 'b.py': '', 'c.py': '' });
    await assert.rejects(collectRunSet(path.join(root, 'main.py'), { maxFiles: 3 }), /holds more than 3 Python files/);
  });
});
