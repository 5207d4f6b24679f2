// A model answer aimed past the file it was asked to fix: at a file outside the run, or at a path
// that climbs out of the folder. Nothing outside the run may change, whatever the answer says.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { cli } from '../sandbox/cliProcess';
import { TEST_IMAGE } from '../sandbox/sandboxHelper';
import { startScriptedModelServer } from '../support/scriptedModelServer';
import { makeTree, removeTree } from '../support/tempDir';

const BROKEN = 'def add(a, b):\n    return a + b\n\nprint(add(1, "2"))\n';
const VICTIM = 'SECRET = "keep me"\n';
const noModel = { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' };

describe('adversarial: model answers that reach past the run', function () {
  this.timeout(120_000);
  let root: string;
  beforeEach(() => (root = makeTree({ 'project/main.py': BROKEN, 'victim.py': VICTIM, 'project/notes.txt': 'not code\n' })));
  afterEach(() => removeTree(root));

  for (const [name, target] of [
    ['a file outside the folder', '../victim.py'],
    ['an absolute path', path.join('/', 'tmp', 'self-heal-absolute-target.py')],
    ['a file of the folder that is not part of the run', 'notes.txt'],
  ] as const) {
    it(`an edit block to ${name} is refused and nothing changes`, async () => {
      const search = target === 'notes.txt' ? 'not code' : 'SECRET = "keep me"';
      const server = await startScriptedModelServer(() => ({ content: `${target}\n<<<<<<< SEARCH\n${search}\n=======\nprint("owned")\n>>>>>>> REPLACE\n` }));
      try {
        const run = await cli(['heal', 'main.py', '--write', '--no-rules', '--max-attempts', '1', '--base-url', server.baseUrl, '--json', '--image', TEST_IMAGE], { cwd: path.join(root, 'project'), env: noModel });
        assert.strictEqual(run.status, 1, run.stderr);
        const [file] = JSON.parse(run.stdout).files;
        assert.strictEqual(file.outcome, 'not-healed');
        assert.match(file.attempts[0].rejections.join('\n'), new RegExp(`changes ${target.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}, which is not part of this run`));
        assert.deepStrictEqual([fs.readFileSync(path.join(root, 'victim.py'), 'utf8'), fs.readFileSync(path.join(root, 'project/main.py'), 'utf8'), fs.readFileSync(path.join(root, 'project/notes.txt'), 'utf8')], [VICTIM, BROKEN, 'not code\n']);
        assert.strictEqual(fs.existsSync(path.join('/', 'tmp', 'self-heal-absolute-target.py')), false);
      } finally {
        await server.close();
      }
    });
  }
});
