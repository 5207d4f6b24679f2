// The data files a test run sends: small UTF-8 text files of the project, walked as a run set is
// walked, with binary, oversized, hidden and unsafe files left out, and the budget respected.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { collectDataFiles, DATA_FILE_MAX_BYTES } from '../../src/core/testing/testDataFiles';
import { makeTree, removeTree } from '../support/tempDir';

describe('test data files', () => {
  let root = '';
  afterEach(() => removeTree(root));

  it('sends text files and leaves out binary, oversized and linked-out ones; skips hidden files and skipped folders', async () => {
    root = makeTree({
      'app.py': 'print(1)\n',
      'tests/data/case.json': '{"a": 1}\n',
      'tests/data/é.txt': '\uFEFFcafé\n',
      'tests/data/image.png': Buffer.from([0x89, 0x50, 0x00]),
      'tests/data/latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9]),
      'tests/data/big.txt': 'x'.repeat(DATA_FILE_MAX_BYTES + 1),
      '.env': 'SECRET=1\n',
      '.git/config': '[core]\n',
      'venv/lib/site.txt': 'skipped\n',
      'node_modules/a/package.json': '{}\n',
    });
    fs.symlinkSync('/etc/hostname', path.join(root, 'tests/data/outside.txt'));
    const data = await collectDataFiles(root, 8 * 1024 * 1024, new Set(['tests/data/case.json']));
    assert.deepStrictEqual(data.files, { 'tests/data/é.txt': '\uFEFFcafé\n' });
    assert.deepStrictEqual(data.leftOut, ['tests/data/big.txt', 'tests/data/image.png', 'tests/data/latin1.txt', 'tests/data/outside.txt']);
  });

  it('stops sending at the budget, leaving the rest out by name', async () => {
    root = makeTree({ 'a.txt': '12345', 'b.txt': '123', 'c.txt': '1' });
    const data = await collectDataFiles(root, 8, new Set());
    assert.deepStrictEqual(data.files, { 'a.txt': '12345', 'b.txt': '123' });
    assert.deepStrictEqual(data.leftOut, ['c.txt']);
  });
});
