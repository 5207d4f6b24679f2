// The write-back of healed files, on a real folder: what is written, in which bytes, and what is
// refused with which reason.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { writeHealedFiles } from '../../src/cli/healedFileWriter';
import { makeTree, removeTree } from '../support/tempDir';

describe('healed file writer', () => {
  let root: string;
  afterEach(() => removeTree(root));

  it('keeps the file mode and leaves no temporary file', async () => {
    root = makeTree({ 'tool.py': 'print(1)\n' });
    fs.chmodSync(path.join(root, 'tool.py'), 0o754);
    const outcome = await writeHealedFiles(root, { 'tool.py': 'print(2)\n' }, { 'tool.py': 'print(1)\n' });
    assert.deepStrictEqual(outcome, { written: ['tool.py'], skipped: {} });
    assert.strictEqual(fs.statSync(path.join(root, 'tool.py')).mode & 0o7777, 0o754);
    assert.deepStrictEqual(fs.readdirSync(root), ['tool.py']);
  });

  it('creates a new file a fix adds in the workspace\'s own folder (requirements.txt)', async () => {
    root = makeTree({ 'main.py': 'print(1)\n' });
    const outcome = await writeHealedFiles(root, { 'requirements.txt': 'requests\n' }, {});
    assert.deepStrictEqual(outcome, { written: ['requirements.txt'], skipped: {} });
    assert.strictEqual(fs.readFileSync(path.join(root, 'requirements.txt'), 'utf8'), 'requests\n');
  });

  it('refuses, with the reason, a file in a codec it cannot write, a character the codec cannot hold, a change made meanwhile, a FIFO', async () => {
    root = makeTree({
      'cp.py': Buffer.concat([Buffer.from('# coding: cp1252\nx = "'), Buffer.from([0x80]), Buffer.from('"\n')]),
      'latin.py': Buffer.from('# coding: latin-1\nx = "é"\n', 'latin1'),
      'moved.py': 'x = 2\n',
      'ok.py': 'x = 1\n',
    });
    execFileSync('mkfifo', [path.join(root, 'pipe.py')]);
    const outcome = await writeHealedFiles(
      root,
      { 'cp.py': 'y = 1\n', 'latin.py': '# coding: latin-1\nx = "€"\n', 'moved.py': 'x = 3\n', 'pipe.py': 'x = 1\n', 'ok.py': 'x = 9\n' },
      { 'cp.py': '# coding: cp1252\nx = "\uFFFD"\n', 'latin.py': '# coding: latin-1\nx = "é"\n', 'moved.py': 'x = 1\n', 'pipe.py': '', 'ok.py': 'x = 1\n' },
    );
    assert.deepStrictEqual(outcome, {
      written: ['ok.py'],
      skipped: {
        'cp.py': 'it is left as it is: its coding line names cp1252, which Self-Heal cannot write back (UTF-8, Latin-1 and ASCII it can)',
        'latin.py': 'it is left as it is: U+20AC cannot be written in latin-1, the encoding its coding line names',
        'moved.py': 'it changed on disk while healing',
        'pipe.py': 'it is not a regular file',
      },
    });
    assert.deepStrictEqual(fs.readFileSync(path.join(root, 'latin.py')), Buffer.from('# coding: latin-1\nx = "é"\n', 'latin1'));
    assert.strictEqual(fs.readFileSync(path.join(root, 'ok.py'), 'utf8'), 'x = 9\n');
  });

  it('reports every file when the run\'s folder is gone, without throwing', async () => {
    root = makeTree({ 'gone/main.py': 'x = 1\n' });
    fs.rmSync(path.join(root, 'gone'), { recursive: true });
    const outcome = await writeHealedFiles(path.join(root, 'gone'), { 'main.py': 'x = 2\n' }, { 'main.py': 'x = 1\n' });
    assert.deepStrictEqual(outcome, { written: [], skipped: { 'main.py': 'its folder was removed while healing' } });
  });

  it('refuses a path that climbs out of the workspace', async () => {
    root = makeTree({ 'in/main.py': 'x = 1\n', 'out.py': 'x = 1\n' });
    const outcome = await writeHealedFiles(path.join(root, 'in'), { '../out.py': 'x = 2\n' }, { '../out.py': 'x = 1\n' });
    assert.deepStrictEqual(outcome, { written: [], skipped: { '../out.py': 'it lies outside the workspace' } });
  });
});
