// `self-heal test` as a user runs it (the bundled CLI in a child process) with test requirements: the
// package requirements-dev.txt names comes from a loopback PEP 503 index (PIP_INDEX_URL, the build on
// the host's network), the CLI says what it installs, and the suite passes in the built image.
// The image is keyed by a package name made for this run, so the suite removes exactly its own.
import * as assert from 'assert';
import Docker from 'dockerode';
import { dockerOptionsFor } from '../../src/sandbox/engineDiscovery';
import { LABEL_ENVIRONMENT, LABEL_REQUIREMENTS } from '../../src/sandbox/environment/environmentImages';
import { makeTree, removeTree } from '../support/tempDir';
import { cli } from './cliProcess';
import { startPackageIndex, type PackageIndex } from './packageIndex';
import { engineHost, SESSION } from './sandboxHelper';
import { PYTEST_IMAGE } from './testSuiteProjects';

const NAME = `cli-kit-${process.pid}`;
const MODULE = NAME.replace(/-/g, '_');
const WHEEL = { name: NAME, version: '2.0', files: { [`${MODULE}/__init__.py`]: 'ANSWER = 42\n' } };

const SUITE: Record<string, string> = {
  'conftest.py': '',
  'requirements-dev.txt': `${NAME}==2.0\n`,
  'tests/test_answer.py': `from ${MODULE} import ANSWER\n\n\ndef test_answer():\n    assert ANSWER == 42\n`,
};

describe('self-heal test: test requirements', function () {
  this.timeout(300_000);
  let index: PackageIndex | undefined;
  let root = '';
  before(async () => {
    index = await startPackageIndex(`cli-testdeps-${SESSION}`, [WHEEL]);
    root = makeTree(SUITE);
  });
  after(async () => {
    await index?.close();
    removeTree(root);
    const docker = new Docker(dockerOptionsFor(engineHost()));
    const images = await docker.listImages({ filters: { label: [LABEL_ENVIRONMENT] } });
    const ours = images.filter((image) => Buffer.from(image.Labels?.[LABEL_REQUIREMENTS] ?? '', 'base64url').toString('utf8').includes(NAME));
    for (const image of ours) await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
  });

  it('installs what requirements-dev.txt declares from the index, says so, and the suite passes', async () => {
    const run = await cli(['test', '--image', PYTEST_IMAGE, '--install-network', 'host'], { cwd: root, env: { PIP_INDEX_URL: index!.url } });
    assert.strictEqual(run.status, 0, run.stderr);
    assert.ok(run.stderr.includes(`self-heal: installing the tests' requirements: ${NAME}==2.0\n`), run.stderr);
    assert.match(run.stdout, /^PASSED tests\/test_answer\.py::test_answer\n1 passed in \d+(\.\d)? s\n$/);
    const prefix = new URL(index!.url).pathname.replace(/simple\/$/, '');
    assert.deepStrictEqual(index!.requests, [`${prefix}simple/${NAME}/`, `${prefix}packages/${MODULE}-2.0-py3-none-any.whl`]);
  });
});
