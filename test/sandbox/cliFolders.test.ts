// `self-heal run DIR` and `self-heal heal DIR` as a user runs them: the bundled CLI in a child
// process, the real engine. A folder's entry points are run, its modules import-checked.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { makeTree, removeTree } from '../support/tempDir';
import { cli } from './cliProcess';
import { TEST_IMAGE } from './sandboxHelper';

const common = ['--image', TEST_IMAGE, '--timeout', '20'];
const noModel = { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' };

const PROJECT = {
  'proj/main.py': 'import sys\nfrom pkg.util import double\nprint(double(21), sys.argv[1:], sys.stdin.read())\n',
  'proj/pkg/__init__.py': '',
  'proj/pkg/util.py': 'def double(x):\n    return 2 * x\n',
  'proj/pkg/broken.py': 'from . import util\nHALF = util.double(undefined) / 2\n',
  'proj/pkg/cli.py': 'from .util import double\n\nif __name__ == "__main__":\n    print(double(2))\n',
  'proj/pkg/quiet.py': 'import sys\nassert sys.argv[1:] == [], sys.argv\nINPUT = sys.stdin.read()\nassert INPUT == "", INPUT\n',
  'proj/tests/test_util.py': 'from pkg.util import double\n\ndef test_double():\n    assert double(2) == 4\n',
  'proj/setup.py': 'from setuptools import setup\nsetup(name="proj", version="1.0")\n',
  'proj/.venv/lib/site.py': 'raise SystemExit("never run")\n',
  'proj/build/lib/gen.py': 'raise SystemExit("never run")\n',
  'proj/input.txt': 'fed',
};

type Entry = { file: string; role?: string; roleReason?: string; exitCode: number; errors: Array<{ type: string; file: string; line: number }> };

describe('CLI: folders', function () {
  this.timeout(180_000);
  let dir: string;
  beforeEach(() => {
    dir = makeTree(PROJECT);
  });
  afterEach(() => removeTree(dir));

  it('runs the entry points and import-checks the modules, naming each role in the JSON report', async () => {
    const run = await cli(['run', 'proj', '--json', '--stdin', 'proj/input.txt', ...common, '--', 'a'], { cwd: dir });
    assert.strictEqual(run.status, 1, run.stderr);
    const files: Entry[] = JSON.parse(run.stdout).files;
    assert.deepStrictEqual(
      files.map((f) => [f.file, f.role, f.roleReason, f.exitCode, f.errors.map((e) => `${e.type} at ${e.file}:${e.line}`)]),
      [
        ['proj/main.py', 'entry', 'runs code at top level (line 3)', 0, []],
        ['proj/pkg/__init__.py', 'module', 'defines only functions, classes and constants', 0, []],
        ['proj/pkg/broken.py', 'module', 'defines only functions, classes and constants', 1, ['NameError at proj/pkg/broken.py:2']],
        ['proj/pkg/cli.py', 'entry', 'has a __main__ guard', 0, []],
        ['proj/pkg/quiet.py', 'module', 'defines only functions, classes and constants', 0, []],
        ['proj/pkg/util.py', 'module', 'defines only functions, classes and constants', 0, []],
        ['proj/setup.py', 'module', 'setup.py does packaging work when run or imported: only compiled', 0, []],
        ['proj/tests/test_util.py', 'module', 'a test file: test runners import it', 0, []],
      ],
    );
    assert.deepStrictEqual(Object.keys(files[0]).slice(0, 5), ['file', 'role', 'roleReason', 'exitCode', 'reason']);
    const stdout = (file: string): string => (files.find((f) => f.file === file) as unknown as { stdout: string }).stdout;
    assert.deepStrictEqual([stdout('proj/main.py'), stdout('proj/pkg/cli.py'), stdout('proj/setup.py')], ["42 ['a'] fed\n", '4\n', '']);
  });

  it('prints one summary line per file naming what was done', async () => {
    const run = await cli(['run', 'proj', '--parallel', '1', ...common], { cwd: dir });
    assert.strictEqual(run.status, 1, run.stderr);
    const summaries = run.stderr.split('\n').filter((line) => /^[✓✗] /.test(line)).map((line) => line.replace(/ in \d+\.\d\d s/, ' in T').replace(/ \((Podman|Docker) Engine [^)]*\)$/, ''));
    assert.deepStrictEqual(summaries, [
      '✓ proj/main.py: exited 0 in T',
      '✓ proj/pkg/__init__.py: imports cleanly in T',
      "✗ proj/pkg/broken.py: does not import: NameError: name 'undefined' is not defined at proj/pkg/broken.py:2",
      '✓ proj/pkg/cli.py (python -m pkg.cli): exited 0 in T',
      '✓ proj/pkg/quiet.py: imports cleanly in T',
      '✓ proj/pkg/util.py: imports cleanly in T',
      '✓ proj/setup.py: compiles cleanly in T',
      '✓ proj/tests/test_util.py: imports cleanly in T',
    ]);
    // The frame names the file as it is on disk from where the command ran, not inside the sandbox.
    assert.match(run.stderr, /\n  File "proj\/pkg\/broken\.py", line 2, in <module>\n/);
    assert.doesNotMatch(run.stderr, /\/app\/proj\//);
  });

  it('keeps named files as they were (always run, no role) beside folders, in the order given and once each', async () => {
    const run = await cli(['run', 'proj/pkg/util.py', 'proj/pkg', 'proj/pkg/util.py', '--json', ...common], { cwd: dir });
    assert.strictEqual(run.status, 1, run.stderr);
    const files: Entry[] = JSON.parse(run.stdout).files;
    assert.deepStrictEqual(files.map((f) => [f.file, f.role, f.exitCode]), [
      ['proj/pkg/util.py', undefined, 0],
      ['proj/pkg/__init__.py', 'module', 0],
      ['proj/pkg/broken.py', 'module', 1],
      ['proj/pkg/cli.py', 'entry', 0],
      ['proj/pkg/quiet.py', 'module', 0],
    ]);
    assert.strictEqual(Object.keys(files[0])[1], 'exitCode');
  });

  it('imports a folder that is a package from the folder holding it', async () => {
    const run = await cli(['run', 'pkg', '--json', ...common], { cwd: path.join(dir, 'proj') });
    const files: Entry[] = JSON.parse(run.stdout).files;
    assert.deepStrictEqual(files.map((f) => [f.file, f.exitCode]), [['pkg/__init__.py', 0], ['pkg/broken.py', 1], ['pkg/cli.py', 0], ['pkg/quiet.py', 0], ['pkg/util.py', 0]]);
    assert.deepStrictEqual(files[1].errors.map((e) => [e.type, e.file, e.line]), [['NameError', 'pkg/broken.py', 2]]);
  });

  it('heals a folder: the module through its import check, the entry point by running it, and writes both', async () => {
    const tree = makeTree({
      'app/main.py': 'from helpers import greet\n\nprint(greet("Ada")\n',
      'app/helpers.py': '"""Greetings."""\nTEMPLATE = "Hello, {}!"\nDEFAULTS = json.loads("{}")\n\ndef greet(name):\n    return TEMPLATE.format(name)\n',
    });
    try {
      const run = await cli(['heal', 'app', '--no-llm', '--write', '--json', ...common], { cwd: tree, env: noModel });
      assert.strictEqual(run.status, 0, run.stderr);
      const files = JSON.parse(run.stdout).files;
      // main.py, once it compiles, fails in helpers.py and heals it the same way: written once.
      assert.deepStrictEqual(
        files.map((f: any) => [f.file, f.role, f.entry, f.outcome, f.attempts.map((a: any) => a.fix.source), f.written]),
        [
          ['app/helpers.py', 'module', 'app/helpers.py', 'healed', ['rule:missing-import'], ['app/helpers.py']],
          ['app/main.py', 'entry', 'app/main.py', 'healed', ['rule:unclosed-bracket', 'rule:missing-import'], ['app/main.py']],
        ],
      );
      assert.deepStrictEqual(Object.keys(files[0]).slice(0, 4), ['file', 'role', 'roleReason', 'entry']);
      assert.strictEqual(fs.readFileSync(path.join(tree, 'app/helpers.py'), 'utf8'), '"""Greetings."""\nimport json\nTEMPLATE = "Hello, {}!"\nDEFAULTS = json.loads("{}")\n\ndef greet(name):\n    return TEMPLATE.format(name)\n');
      assert.strictEqual(fs.readFileSync(path.join(tree, 'app/main.py'), 'utf8'), 'from helpers import greet\n\nprint(greet("Ada"))\n');
      assert.deepStrictEqual(fs.readdirSync(path.join(tree, 'app')).sort(), ['helpers.py', 'main.py'], 'no driver left on disk');
    } finally {
      removeTree(tree);
    }
  });

  it('says a clean module imports cleanly when healing', async () => {
    const run = await cli(['heal', 'proj/pkg/util.py', 'proj/pkg', '--no-llm', ...common], { cwd: dir, env: noModel });
    const lines = run.stderr.split('\n');
    assert.ok(lines.includes('✓ proj/pkg/util.py: ran clean, nothing to heal'), run.stderr);
    assert.ok(lines.includes('✓ proj/pkg/quiet.py: imports cleanly, nothing to heal'), run.stderr);
    assert.ok(lines.includes("✗ proj/pkg/broken.py: not healed: no fix is known for NameError (NameError: name 'undefined' is not defined at proj/pkg/broken.py:2)"), run.stderr);
    assert.strictEqual(run.status, 1);
  });
});
