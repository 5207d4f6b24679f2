// A repository that plants links where heal --write writes: at the temporary name beside a file,
// or as the file itself. Nothing outside the workspace may change.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { cli } from '../sandbox/cliProcess';
import { TEST_IMAGE } from '../sandbox/sandboxHelper';
import { makeTree, removeTree } from '../support/tempDir';

const BROKEN = 'settings = {"debug": False}\nprint(json.dumps(settings))\n';
const HEALED = `import json\n${BROKEN}`;
const VICTIM = 'SECRET = "keep me"\n';
const common = ['--no-llm', '--write', '--json', '--image', TEST_IMAGE, '--timeout', '10'];
const noModel = { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' };

describe('adversarial: links planted where heal --write writes', function () {
  this.timeout(120_000);
  let root: string;
  let project: string;
  beforeEach(() => {
    root = makeTree({ 'project/main.py': BROKEN, 'victim.py': VICTIM });
    project = path.join(root, 'project');
  });
  afterEach(() => removeTree(root));

  it('a link at the temporary name the writer used to pick is never followed', async () => {
    const planted = (pid: number): string => path.join(project, `main.py.self-heal-${pid}.tmp`);
    let pid = 0;
    const run = await cli(['heal', 'main.py', ...common], {
      cwd: project, env: noModel,
      // The heal runs for seconds; the link is in place long before anything is written.
      onStart: (started) => fs.symlinkSync(path.join(root, 'victim.py'), planted((pid = started))),
    });
    assert.strictEqual(run.status, 0, run.stderr + run.stdout);
    assert.strictEqual(fs.readFileSync(path.join(root, 'victim.py'), 'utf8'), VICTIM);
    assert.ok(fs.lstatSync(path.join(project, 'main.py')).isFile(), 'main.py is a regular file');
    assert.strictEqual(fs.readFileSync(path.join(project, 'main.py'), 'utf8'), HEALED);
    assert.deepStrictEqual(fs.readdirSync(project).sort(), ['main.py', path.basename(planted(pid))]);
  });

  it('a file that is a link out of the workspace is refused before it is read, and the link and its target stay', async () => {
    fs.rmSync(path.join(project, 'main.py'));
    fs.writeFileSync(path.join(root, 'victim.py'), BROKEN);
    fs.symlinkSync(path.join(root, 'victim.py'), path.join(project, 'main.py'));
    const run = await cli(['heal', 'main.py', ...common], { cwd: project, env: noModel });
    // The run set's reader refuses it first (the write-back would refuse it too: see the unit tests).
    assert.strictEqual(run.status, 2, run.stderr + run.stdout);
    assert.match(run.stderr, /main\.py: is a symbolic link that leads outside .*; Self-Heal reads only regular files inside the project/);
    assert.ok(fs.lstatSync(path.join(project, 'main.py')).isSymbolicLink(), 'main.py is still a link');
    assert.strictEqual(fs.readFileSync(path.join(root, 'victim.py'), 'utf8'), BROKEN);
  });

  it('a file that is a link inside the workspace is written through the link, which stays', async () => {
    fs.rmSync(path.join(project, 'main.py'));
    fs.mkdirSync(path.join(project, 'src'));
    fs.writeFileSync(path.join(project, 'src/real.py'), BROKEN);
    fs.symlinkSync(path.join('src', 'real.py'), path.join(project, 'main.py'));
    const run = await cli(['heal', 'main.py', ...common], { cwd: project, env: noModel });
    assert.strictEqual(run.status, 0, run.stderr + run.stdout);
    assert.ok(fs.lstatSync(path.join(project, 'main.py')).isSymbolicLink(), 'main.py is still a link');
    assert.strictEqual(fs.readFileSync(path.join(project, 'src/real.py'), 'utf8'), HEALED);
  });
});
