// Which image a run uses: the order of precedence, the table of images by Python version, and what is
// said when the project asks for a version no image serves. Exact values: the reason and warning are
// what the log, the status item and the CLI show.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { chooseCommandImage, imageLines, pythonImagesFlag } from '../../src/cli/projectImage';
import { UsageError } from '../../src/cli/cliArgs';
import { collectTargets } from '../../src/cli/runTargets';
import { chooseRunImage, DEFAULT_IMAGES_BY_PYTHON_VERSION, imageSeries, type ImageChoiceInput, type StatedPython } from '../../src/core/environment/runImageChoice';
import { readStatedPython } from '../../src/core/environment/statedPython';
import { statusViewOf } from '../../src/vscode/statusView';
import { makeTree, removeTree } from '../support/tempDir';

const NAMES = { image: 'selfHeal.image', table: 'selfHeal.imagesByPythonVersion' };
const choose = (stated: StatedPython, more: Partial<ImageChoiceInput> = {}) =>
  chooseRunImage({ defaultImage: 'python:3.11-slim', imagesByVersion: { '3.9': 'localhost/self-heal-python:3.9' }, stated, names: NAMES, ...more });
const INTERPRETER = { version: '3.12.4', path: '/usr/bin/python3.12' };

describe('the image a run uses', () => {
  it('uses the image the user set, whatever the project states, and says what it wins over', () => {
    assert.deepStrictEqual(choose({ pythonVersionFile: '3.9\n' }, { explicitImage: 'python:3.12-slim' }), {
      image: 'python:3.12-slim', source: 'setting', projectStated: true, reason: 'selfHeal.image is set -> python:3.12-slim (it wins over Python 3.9 from .python-version)',
    });
    assert.deepStrictEqual(choose({}, { explicitImage: 'python:3.12-slim' }), { image: 'python:3.12-slim', source: 'setting', projectStated: false, reason: 'selfHeal.image is set -> python:3.12-slim' });
  });

  it('takes .python-version before requires-python before the selected interpreter', () => {
    const all: StatedPython = { pythonVersionFile: '3.9.18\n', requiresPython: '>=3.11', interpreter: INTERPRETER };
    assert.deepStrictEqual(choose(all), { image: 'localhost/self-heal-python:3.9', source: '.python-version', projectStated: true, series: '3.9', reason: 'Python 3.9 from .python-version -> localhost/self-heal-python:3.9' });
    assert.deepStrictEqual(choose({ requiresPython: '>=3.9,<3.10', interpreter: INTERPRETER }), {
      image: 'localhost/self-heal-python:3.9', source: 'requires-python', projectStated: true, series: '3.9', reason: 'Python 3.9 allowed by requires-python ">=3.9,<3.10" in pyproject.toml -> localhost/self-heal-python:3.9',
    });
    assert.deepStrictEqual(choose({ interpreter: INTERPRETER }), {
      image: 'python:3.12-slim', source: 'interpreter', projectStated: true, series: '3.12', reason: 'Python 3.12 from the interpreter selected in the Python extension (/usr/bin/python3.12) -> python:3.12-slim',
    });
    assert.deepStrictEqual(choose({}), { image: 'python:3.11-slim', source: 'default', projectStated: false, reason: 'the project states no Python version -> python:3.11-slim (the default image)' });
  });

  it('keeps the default image when requires-python allows it, else takes the newest configured version it allows', () => {
    assert.deepStrictEqual(choose({ requiresPython: '>=3.11,<3.12' }), {
      image: 'python:3.11-slim', source: 'requires-python', projectStated: true, series: '3.11', reason: 'Python 3.11 allowed by requires-python ">=3.11,<3.12" in pyproject.toml -> python:3.11-slim (the default image)',
    });
    assert.strictEqual(choose({ requiresPython: '>=3.8' }).image, 'python:3.11-slim');
    assert.strictEqual(choose({ requiresPython: '~=3.12' }).image, 'python:3.13-slim');
    assert.strictEqual(choose({ requiresPython: '<3.11' }).image, 'python:3.10-slim');
  });

  it('says plainly when the project asks for a version no image serves, and uses the default', () => {
    assert.deepStrictEqual(choose({ pythonVersionFile: '3.7\n' }), {
      image: 'python:3.11-slim', source: 'default', projectStated: true, series: '3.7',
      reason: 'Python 3.7 from .python-version: no image configured for it -> python:3.11-slim (the default image)',
      warning: 'The project asks for Python 3.7 (.python-version), but no image is configured for it (selfHeal.imagesByPythonVersion has 3.9, 3.10, 3.11, 3.12, 3.13; the default image is Python 3.11); using the default image python:3.11-slim.',
    });
    assert.deepStrictEqual(choose({ requiresPython: '>=3.14' }), {
      image: 'python:3.11-slim', source: 'default', projectStated: true,
      reason: 'requires-python ">=3.14" in pyproject.toml: no image configured for it -> python:3.11-slim (the default image)',
      warning: 'The project asks for requires-python ">=3.14" in pyproject.toml, which allows none of them, but no image is configured for it (selfHeal.imagesByPythonVersion has 3.9, 3.10, 3.11, 3.12, 3.13; the default image is Python 3.11); using the default image python:3.11-slim.',
    });
  });

  it('lays the user\'s table over the official images; "" removes one', () => {
    assert.strictEqual(choose({ pythonVersionFile: '3.12' }, { imagesByVersion: { '3.12': 'registry.example/py:3.12' } }).image, 'registry.example/py:3.12');
    assert.strictEqual(choose({ pythonVersionFile: '3.10' }, { imagesByVersion: {} }).image, 'python:3.10-slim');
    const removed = choose({ pythonVersionFile: '3.10' }, { imagesByVersion: { '3.10': '' } });
    assert.strictEqual(removed.image, 'python:3.11-slim');
    assert.match(removed.warning!, /has 3\.9, 3\.11, 3\.12, 3\.13;/);
  });

  it('notes a statement it cannot read and goes on to the next one', () => {
    assert.deepStrictEqual(choose({ pythonVersionFile: 'system\n', requiresPython: '>=3.9,<3.10' }), {
      image: 'localhost/self-heal-python:3.9', source: 'requires-python', projectStated: true, series: '3.9', reason: 'Python 3.9 allowed by requires-python ">=3.9,<3.10" in pyproject.toml -> localhost/self-heal-python:3.9',
      warning: '.python-version says "system", which names no Python release an image can carry, so it was not used.',
    });
    assert.deepStrictEqual(choose({ requiresPython: 'three point nine' }), {
      image: 'python:3.11-slim', source: 'default', projectStated: false, reason: 'the project states no Python version -> python:3.11-slim (the default image)',
      warning: 'requires-python "three point nine" in pyproject.toml could not be read, so it was not used.',
    });
  });

  it('knows the series of an image by its name only when the name says so', () => {
    assert.deepStrictEqual(imageSeries('python:3.11-slim'), { major: 3, minor: 11 });
    assert.deepStrictEqual(imageSeries('docker.io/library/python:3.12'), { major: 3, minor: 12 });
    assert.deepStrictEqual(imageSeries('localhost/self-heal-python:3.9'), { major: 3, minor: 9 });
    assert.strictEqual(imageSeries('python:latest'), undefined);
    assert.strictEqual(imageSeries('registry.example:5000/app:3.9'), undefined);
  });

  it('offers in the manifest exactly the official images core uses by default', () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
    assert.deepStrictEqual(manifest.contributes.configuration.properties['selfHeal.imagesByPythonVersion'].default, DEFAULT_IMAGES_BY_PYTHON_VERSION);
  });

  it('shows the choice, and a version without an image, in the status item\'s tooltip, before what a click does', () => {
    const image = { reason: 'Python 3.7 from .python-version: no image configured for it -> python:3.11-slim (the default image)', warning: 'The project asks for Python 3.7 (.python-version), but ...' };
    assert.strictEqual(
      statusViewOf({ kind: 'found', engine: 'podman 4.3.1' }, image).tooltip,
      "Self-Heal: podman 4.3.1 is ready.\n\nImage: Python 3.7 from .python-version: no image configured for it -> python:3.11-slim (the default image).\n\nThe project asks for Python 3.7 (.python-version), but ...\n\nClick to open Self-Heal's settings.",
    );
    const shown = { reason: 'Python 3.9 from .python-version -> python:3.9-slim' };
    assert.strictEqual(
      statusViewOf({ kind: 'image-missing', message: 'The image python:3.9-slim is not on this machine and could not be pulled.' }, shown).tooltip,
      'Self-Heal: the engine answered, but the run image is missing and could not be pulled.\n\nThe image python:3.9-slim is not on this machine and could not be pulled.\n\nImage: Python 3.9 from .python-version -> python:3.9-slim.\n\nClick to open the setting selfHeal.image.',
    );
    const states = [{ kind: 'unknown' }, { kind: 'not-found' }, { kind: 'install-failed' }, { kind: 'running', file: 'a.py' }] as const;
    for (const state of states) assert.match(statusViewOf(state, shown).tooltip, /\n\nImage: Python 3\.9 from \.python-version -> python:3\.9-slim\.\n\nClick[^\n]*$/, state.kind);
  });
});

describe('what a project root states about its Python', () => {
  let root: string;
  afterEach(() => removeTree(root));

  it('reads .python-version and requires-python from the root, and names a file it refuses', async () => {
    root = makeTree({ '.python-version': '\uFEFF3.9\n', 'pyproject.toml': '[project]\nrequires-python = ">=3.11"\n', 'app/.python-version': '3.12\n' });
    assert.deepStrictEqual(await readStatedPython(root), { pythonVersionFile: '3.9\n', requiresPython: '>=3.11' });
    fs.rmSync(path.join(root, '.python-version'));
    fs.symlinkSync('/etc/hostname', path.join(root, '.python-version'));
    assert.deepStrictEqual(await readStatedPython(root), {
      requiresPython: '>=3.11',
      notes: [`.python-version: is a symbolic link that leads outside ${root}; Self-Heal reads only regular files inside the project; its Python version was not used.`],
    });
  });

  it('lets the CLI choose by the first root and name the roots that would choose otherwise', async () => {
    // Files outside the current folder run from their own folder, which is the root they state their Python in.
    root = makeTree({ 'old/.python-version': '3.9\n', 'old/main.py': 'print(1)\n', 'new/main.py': 'print(2)\n', 'here/README': '' });
    const cwd = path.join(root, 'here');
    const targets = await collectTargets([path.join(root, 'old/main.py'), path.join(root, 'new/main.py')], cwd);
    const chosen = await chooseCommandImage({ runner: 'docker', imagesByPythonVersion: pythonImagesFlag('3.9=localhost/self-heal-python:3.9') }, targets, cwd);
    assert.strictEqual(chosen?.choice.reason, 'Python 3.9 from .python-version -> localhost/self-heal-python:3.9');
    assert.deepStrictEqual(chosen?.others, ['../new: the project states no Python version -> python:3.11-slim (the default image), but it runs in localhost/self-heal-python:3.9 with the other files; run it on its own to use its image']);
    assert.deepStrictEqual(imageLines(chosen!), [
      'image: Python 3.9 from .python-version -> localhost/self-heal-python:3.9',
      '../new: the project states no Python version -> python:3.11-slim (the default image), but it runs in localhost/self-heal-python:3.9 with the other files; run it on its own to use its image',
    ]);
    // A project that states nothing runs in the image it always did: nothing to say.
    const plain = await chooseCommandImage({ runner: 'docker', imagesByPythonVersion: {} }, targets.slice(1), cwd);
    assert.deepStrictEqual(imageLines(plain!), []);
    assert.strictEqual(await chooseCommandImage({ runner: 'local', imagesByPythonVersion: {} }, targets, root), undefined);
  });

  it('reads --python-images as VERSION=IMAGE pairs', () => {
    assert.deepStrictEqual(pythonImagesFlag('3.9=localhost/self-heal-python:3.9, 3.13='), { '3.9': 'localhost/self-heal-python:3.9', '3.13': '' });
    assert.throws(() => pythonImagesFlag('py39=x'), (error: Error) => error instanceof UsageError && error.message === '--python-images takes VERSION=IMAGE pairs separated by commas, such as 3.9=python:3.9-slim, not "py39=x"');
  });
});
