// What the MCP tools answer: output tails capped at a character boundary, the model's key cut from
// every answer, and paths held inside the workspace.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OUTPUT_TAIL_BYTES, tail, toolError, toolResult } from '../../src/mcp/toolResults';
import { confinePaths, folderRoots } from '../../src/mcp/workspaceRoots';
import { makeTree, removeTree } from '../support/tempDir';

describe('MCP tool results', () => {
  it('keeps the last 4 KiB of output, starting at a whole character', () => {
    assert.strictEqual(tail('short\n'), 'short\n');
    const long = `${'x'.repeat(10)}${'é'.repeat(OUTPUT_TAIL_BYTES)}`;
    const kept = tail(long);
    assert.strictEqual(kept, 'é'.repeat(OUTPUT_TAIL_BYTES / 2));
    assert.strictEqual(tail('aé', 2), 'é');
    assert.strictEqual(tail('aéb', 2), 'b');
  });

  it('cuts the key out of the text and the structured content', () => {
    const key = 'sk-test-0123456789abcdef';
    const result = toolResult({ stopReason: `model refused ${key}` }, [key]);
    assert.deepStrictEqual(result.structuredContent, { stopReason: 'model refused [redacted]' });
    assert.strictEqual(JSON.stringify(result).includes(key), false);
    assert.deepStrictEqual(toolError(`bad ${key}`, [key]).content, [{ type: 'text', text: 'bad [redacted]' }]);
  });
});

describe('MCP workspace roots', () => {
  let root: string;
  let outside: string;
  before(() => {
    root = fs.realpathSync(makeTree({ 'app/main.py': 'print(1)\n' }));
    outside = fs.realpathSync(makeTree({ 'secret.py': 'print(2)\n' }));
    fs.symlinkSync(outside, path.join(root, 'out'));
    fs.symlinkSync(path.join(root, 'app/main.py'), path.join(root, 'inner.py'));
  });
  after(() => {
    removeTree(root);
    removeTree(outside);
  });

  it('takes paths inside the root, relative or absolute, and the root itself', async () => {
    assert.deepStrictEqual(await confinePaths(['app/main.py', path.join(root, 'app'), '.', 'inner.py'], [root]), { root, relative: ['app/main.py', 'app', '.', 'app/main.py'] });
  });

  it('refuses .., absolute paths elsewhere and links that lead out, saying which', async () => {
    await assert.rejects(confinePaths(['../x.py'], [root]), { message: `../x.py: refused: it is outside the workspace (${root}); name files inside it` });
    await assert.rejects(confinePaths([os.tmpdir()], [root]), { message: `${os.tmpdir()}: refused: it is outside the workspace (${root}); name files inside it` });
    await assert.rejects(confinePaths(['out/secret.py'], [root]), { message: `out/secret.py: refused: it leads through a link to ${path.join(outside, 'secret.py')}, outside the workspace (${root}); name files inside it` });
    await assert.rejects(confinePaths(['out/new.py'], [root]), { message: `out/new.py: refused: it leads through a link to ${path.join(outside, 'new.py')}, outside the workspace (${root}); name files inside it` });
  });

  it('reads local folders from a client\'s roots', () => {
    assert.deepStrictEqual(folderRoots(['file:///home/me/my%20project', 'https://example.com/x']), ['/home/me/my project']);
  });
});
