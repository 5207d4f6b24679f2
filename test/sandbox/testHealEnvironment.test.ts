// `self-heal test --heal` judges the suite as `self-heal test` runs it: in the environment of the
// tests' requirements (the package requirements-dev.txt names, from a loopback PEP 503 index) and,
// with --doctest-modules, with the modules' doctests as tests. A logic bug is healed red-to-green by
// a scripted model on the OpenAI protocol in both. The environment image is keyed by a package name
// made for this run, so the suite removes exactly its own.
import * as assert from 'assert';
import Docker from 'dockerode';
import { dockerOptionsFor } from '../../src/sandbox/engineDiscovery';
import { LABEL_ENVIRONMENT, LABEL_REQUIREMENTS } from '../../src/sandbox/environment/environmentImages';
import { startScriptedModelServer, type ScriptedModelServer } from '../support/scriptedModelServer';
import { makeTree, removeTree } from '../support/tempDir';
import { cli, type CliRun } from './cliProcess';
import { startPackageIndex, type PackageIndex } from './packageIndex';
import { engineHost, SESSION } from './sandboxHelper';
import { CALC_FIXED, CALC_WITH_BUG, RIGHT_ANSWER } from './testHealProjects';
import { PYTEST_IMAGE } from './testSuiteProjects';

const NAME = `heal-kit-${process.pid}`;
const MODULE = NAME.replace(/-/g, '_');
/** The tests' expected values come from this package, which only requirements-dev.txt declares. */
const WHEEL = { name: NAME, version: '1.0', files: { [`${MODULE}/__init__.py`]: 'def expected_sum(a, b):\n    return a + b\n' } };

const WITH_DEV_REQUIREMENT: Record<string, string> = {
  'conftest.py': '',
  'requirements-dev.txt': `${NAME}==1.0\n`,
  'calc.py': CALC_WITH_BUG['calc.py'],
  'tests/test_calc.py': `from calc import add\nfrom ${MODULE} import expected_sum\n\n\ndef test_small():\n    assert add(1, 2) == expected_sum(1, 2)\n\n\ndef test_twos():\n    assert add(2, 2) == expected_sum(2, 2)\n`,
};

/** double()'s doctest is right and its code wrong; the one test file does not call it. */
const DOCTEST_BUG: Record<string, string> = {
  'conftest.py': '',
  'pkg/__init__.py': '',
  'pkg/mathx.py': 'def double(x):\n    """\n    >>> double(2)\n    4\n    """\n    return x * 3\n',
  'tests/test_truth.py': 'def test_truth():\n    assert 1 + 1 == 2\n',
};
const DOCTEST_FIXED = DOCTEST_BUG['pkg/mathx.py'].replace('x * 3', 'x * 2');
const DOCTEST_ANSWER = ['Double, not triple', 'pkg/mathx.py', '<<<<<<< SEARCH', '    return x * 3', '=======', '    return x * 2', '>>>>>>> REPLACE', ''].join('\n');
const DOCTEST_ID = 'pkg/mathx.py::pkg.mathx.double';

const totals = (passed: number, failed: number): Record<string, number> => ({ total: passed + failed, passed, failed, error: 0, skipped: 0, xfailed: 0, xpassed: 0 });
const summaryOf = (receipt: { outcome: string; red: string[]; green: string[]; before: { totals: unknown }; after: { totals: unknown } }): unknown[] =>
  [receipt.outcome, receipt.red, receipt.green, receipt.before.totals, receipt.after.totals];

describe('self-heal test --heal: the test environment and doctests', function () {
  this.timeout(300_000);
  let index: PackageIndex | undefined;
  let server: ScriptedModelServer | undefined;
  const roots: string[] = [];
  const heal = async (files: Record<string, string>, answer: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> => {
    const root = makeTree(files);
    roots.push(root);
    server = await startScriptedModelServer(() => ({ content: answer, usage: { prompt_tokens: 500, completion_tokens: 30 } }));
    return cli(['test', '--heal', '--json', '--image', PYTEST_IMAGE, '--base-url', server.baseUrl, '--model', 'scripted-model', ...args], { cwd: root, env: { OPENAI_API_KEY: '', ...env } });
  };
  before(async () => (index = await startPackageIndex(`heal-testdeps-${SESSION}`, [WHEEL])));
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  after(async () => {
    await index?.close();
    roots.forEach(removeTree);
    const docker = new Docker(dockerOptionsFor(engineHost()));
    const images = await docker.listImages({ filters: { label: [LABEL_ENVIRONMENT] } });
    const ours = images.filter((image) => Buffer.from(image.Labels?.[LABEL_REQUIREMENTS] ?? '', 'base64url').toString('utf8').includes(NAME));
    for (const image of ours) await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
  });

  it('installs what requirements-dev.txt declares once, and heals the logic bug red-to-green in that environment', async () => {
    const run = await heal(WITH_DEV_REQUIREMENT, RIGHT_ANSWER, ['--install-network', 'host'], { PIP_INDEX_URL: index!.url });
    assert.strictEqual(run.status, 0, run.stderr);
    const receipt = JSON.parse(run.stdout);
    const red = 'tests/test_calc.py::test_twos';
    assert.deepStrictEqual(summaryOf(receipt), ['healed', [red], [red], totals(1, 1), totals(2, 0)]);
    assert.deepStrictEqual(receipt.changedFiles, { 'calc.py': CALC_FIXED });
    // pip fetched the package once: built by the first run, the re-run and the fix's run found the image made.
    const prefix = new URL(index!.url).pathname.replace(/simple\/$/, '');
    assert.deepStrictEqual(index!.requests, [`${prefix}simple/${NAME}/`, `${prefix}packages/${MODULE}-1.0-py3-none-any.whl`]);
    // The model saw the failing comparison, not a missing module.
    const prompt: string = server!.requests[0].body.messages[1].content;
    assert.ok(prompt.includes(`### ${red}`) && prompt.includes('left:  5') && !prompt.includes('ModuleNotFoundError'), prompt);
  });

  it('heals a failing doctest with --doctest-modules, and without it the suite passes untouched', async () => {
    const withDoctests = await heal(DOCTEST_BUG, DOCTEST_ANSWER, ['--doctest-modules']);
    assert.strictEqual(withDoctests.status, 0, withDoctests.stderr);
    const receipt = JSON.parse(withDoctests.stdout);
    assert.deepStrictEqual(summaryOf(receipt), ['healed', [DOCTEST_ID], [DOCTEST_ID], totals(1, 1), totals(2, 0)]);
    assert.deepStrictEqual(receipt.changedFiles, { 'pkg/mathx.py': DOCTEST_FIXED });
    assert.strictEqual(server!.requests.length, 1);
    await server?.close();
    const without = await heal(DOCTEST_BUG, DOCTEST_ANSWER, []);
    assert.strictEqual(without.status, 0, without.stderr);
    assert.deepStrictEqual(summaryOf(JSON.parse(without.stdout)), ['passing', [], [], totals(1, 0), totals(1, 0)]);
    assert.strictEqual(server!.requests.length, 0);
  });
});
