import * as assert from 'assert';
import * as path from 'path';
import { checkPythonFile, InputError } from '../../src/cli/inputFiles';
import { makeTree, removeTree } from '../support/tempDir';

describe('CLI input files', () => {
  let root: string;
  before(() => {
    root = makeTree({
      'ok.py': 'print("é")\n',
      'notes.txt': 'hello',
      'bin.py': Buffer.from([0x70, 0x00, 0x01]),
      'latin1.py': Buffer.from([0x70, 0xe9, 0x0a]),
      'declared.py': Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\nname = "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]),
      'cp1252.py': Buffer.concat([Buffer.from('# coding: cp1252\nname = "'), Buffer.from([0x80]), Buffer.from('"\n')]),
      'huge.py': Buffer.alloc(1024 * 1024 + 1, 0x23),
      'folder.py/inner.py': '',
    });
  });
  after(() => removeTree(root));

  const problem = async (name: string): Promise<string> => {
    try {
      await checkPythonFile(path.join(root, name));
      return 'accepted';
    } catch (error) {
      assert.ok(error instanceof InputError);
      return (error as Error).message.slice(root.length + 1);
    }
  };

  it('accepts a UTF-8 Python file', async () => assert.strictEqual(await problem('ok.py'), 'accepted'));
  it('names a missing file', async () => assert.strictEqual(await problem('gone.py'), 'gone.py: no such file'));
  it('names a directory', async () => assert.strictEqual(await problem('folder.py'), 'folder.py: is a directory; name the Python files to run'));
  it('names a non-Python file', async () => assert.strictEqual(await problem('notes.txt'), 'notes.txt: not a Python file (expected a name ending in .py)'));
  it('names a binary file', async () => assert.strictEqual(await problem('bin.py'), 'bin.py: is binary, not Python source text'));
  it('accepts a Latin-1 file its coding line declares', async () => assert.strictEqual(await problem('declared.py'), 'accepted'));
  it('names a file that is not UTF-8 and declares no encoding', async () => {
    assert.strictEqual(await problem('latin1.py'), 'latin1.py: cannot be read as Python source: it is not valid UTF-8 and has no coding line (PEP 263) naming its encoding');
  });
  it('accepts a file in a declared codec it cannot write back: it still runs', async () => assert.strictEqual(await problem('cp1252.py'), 'accepted'));
  it('names a huge file with its size', async () => assert.strictEqual(await problem('huge.py'), 'huge.py: too large (1.0 MiB; the limit is 1 MiB)'));
});
