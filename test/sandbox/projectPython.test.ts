// The image follows the project's Python version, through the built CLI against the real engine,
// with two images of different Python versions (scripts/setupEngine.sh builds both).
import * as assert from 'assert';
import { makeTree, removeTree } from '../support/tempDir';
import { cli } from './cliProcess';

/** Debian bullseye's python3, built by scripts/setupEngine.sh. */
const PYTHON_39 = 'localhost/self-heal-python:3.9';
const IMAGES = ['--python-images', `3.9=${PYTHON_39}`];
const VERSION_PROGRAM = 'import sys\nprint(sys.version_info[:2])\n';

describe('the image follows the project\'s Python version (CLI, real engine)', function () {
  this.timeout(120_000);
  let root: string | undefined;
  afterEach(() => root && removeTree(root));

  it('runs a project whose .python-version says 3.9 in the 3.9 image, and says why', async () => {
    root = makeTree({ '.python-version': '3.9.18\n', 'main.py': VERSION_PROGRAM });
    const run = await cli(['run', 'main.py', ...IMAGES], { cwd: root });
    assert.strictEqual(run.status, 0, run.stderr);
    assert.strictEqual(run.stdout, '(3, 9)\n');
    assert.match(run.stderr, /^self-heal: image: Python 3\.9 from \.python-version -> localhost\/self-heal-python:3\.9$/m);
  });

  it('runs a project whose requires-python allows only 3.11 in the default 3.11 image', async () => {
    root = makeTree({ 'pyproject.toml': '[project]\nname = "stats"\nrequires-python = ">=3.11,<3.12"\n', 'main.py': VERSION_PROGRAM });
    const run = await cli(['run', 'main.py', ...IMAGES], { cwd: root });
    assert.strictEqual(run.status, 0, run.stderr);
    assert.strictEqual(run.stdout, '(3, 11)\n');
    assert.match(run.stderr, /^self-heal: image: Python 3\.11 allowed by requires-python ">=3\.11,<3\.12" in pyproject\.toml -> python:3\.11-slim \(the default image\)$/m);
  });

  it('takes the newest configured version requires-python allows when the default is not among them', async () => {
    root = makeTree({ 'pyproject.toml': '[project]\nrequires-python = "<3.10"\n', 'main.py': VERSION_PROGRAM });
    const run = await cli(['run', 'main.py', '--python-images', `3.9=${PYTHON_39},3.8=`], { cwd: root });
    assert.strictEqual(run.status, 0, run.stderr);
    assert.strictEqual(run.stdout, '(3, 9)\n');
  });

  it('heals in the image the project asks for: a match statement is a syntax error on 3.9', async () => {
    root = makeTree({ '.python-version': '3.9\n', 'main.py': 'command = "go"\nmatch command:\n    case "go":\n        print("went")\n' });
    const run = await cli(['heal', 'main.py', '--no-llm', ...IMAGES], { cwd: root });
    assert.match(run.stderr, /^self-heal: image: Python 3\.9 from \.python-version -> localhost\/self-heal-python:3\.9$/m);
    assert.match(run.stderr, /^✗ main\.py: not healed: no fix is known for SyntaxError \(SyntaxError: invalid syntax at main\.py:2\)$/m);
    assert.strictEqual(run.status, 1);
  });

  it('lets --image win over the project\'s version, and says so', async () => {
    root = makeTree({ '.python-version': '3.9\n', 'main.py': VERSION_PROGRAM });
    const run = await cli(['run', 'main.py', '--image', 'python:3.11-slim', ...IMAGES], { cwd: root });
    assert.strictEqual(run.stdout, '(3, 11)\n');
    assert.match(run.stderr, /^self-heal: image: --image is set -> python:3\.11-slim \(it wins over Python 3\.9 from \.python-version\)$/m);
  });

  it('says plainly when the project asks for a version no image serves, and runs in the default', async () => {
    root = makeTree({ '.python-version': '3.7\n', 'main.py': VERSION_PROGRAM });
    const run = await cli(['run', 'main.py', ...IMAGES], { cwd: root });
    assert.strictEqual(run.stdout, '(3, 11)\n');
    assert.match(run.stderr, /^self-heal: The project asks for Python 3\.7 \(\.python-version\), but no image is configured for it \(--python-images has 3\.9, 3\.10, 3\.11, 3\.12, 3\.13; the default image is Python 3\.11\); using the default image python:3\.11-slim\.$/m);
  });
});
