// The examples folder healed as a user would: `self-heal heal examples/*.py --no-llm --write` heals
// the design note's syntax example and a missing standard-library import and touches nothing else;
// its third example (a type error) heals with a model. Packages come from an index this test serves
// on 127.0.0.1, so the missing-package example heals without any outside network.
import * as assert from 'assert';
import Docker from 'dockerode';
import * as fs from 'fs';
import * as path from 'path';
import { dockerOptionsFor } from '../../src/sandbox/engineDiscovery';
import { ENVIRONMENT_REPOSITORY, LABEL_ENVIRONMENT } from '../../src/sandbox/environment/environmentBuilder';
import { startScriptedModelServer } from '../support/scriptedModelServer';
import { removeTree } from '../support/tempDir';
import { cli, REPO } from './cliProcess';
import { startPackageIndex, type PackageIndex } from './packageIndex';
import { engineHost, SESSION, TEST_IMAGE } from './sandboxHelper';

/** A stand-in `requests` of our own: the sandbox has no network, so its `get` answers locally. */
const REQUESTS_WHEEL = {
  name: 'requests',
  version: '2.99.0',
  files: {
    'requests/__init__.py':
      'class Response:\n    def __init__(self, url):\n        self.url = url\n\n    def json(self):\n        return {"url": self.url, "served": "offline"}\n\n\n' +
      'def get(url):\n    return Response(url)\n',
  },
};

const EXAMPLES = path.join(REPO, 'examples');
const original = (name: string): string => fs.readFileSync(path.join(EXAMPLES, name), 'utf8');

describe('the design note examples, healed through the CLI', function () {
  this.timeout(300_000);
  let dir: string;
  let index: PackageIndex;
  const read = (name: string): string => fs.readFileSync(path.join(dir, name), 'utf8');

  const suiteStarted = Math.floor(Date.now() / 1000) - 1;

  before(async () => {
    index = await startPackageIndex(`design-note-${SESSION}`, [REQUESTS_WHEEL]);
  });

  after(async () => {
    await index?.close();
    // The environment this suite built is keyed by its own index URL, so no one else can use it.
    const docker = new Docker(dockerOptionsFor(engineHost()));
    const images = await docker.listImages({ filters: { label: [LABEL_ENVIRONMENT] } });
    const ours = images.filter((image) => image.Created >= suiteStarted && (image.RepoTags ?? []).some((tag) => tag.startsWith(ENVIRONMENT_REPOSITORY)));
    for (const image of ours) await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'self-heal-examples-'));
    fs.cpSync(EXAMPLES, dir, { recursive: true });
  });
  afterEach(() => removeTree(dir));

  it('heal examples/*.py --no-llm --write heals the syntax example, the missing imports and the missing package', async () => {
    const names = fs.readdirSync(dir).filter((name) => name.endsWith('.py')).sort();
    const env = { OPENAI_API_KEY: '', OPENAI_BASE_URL: '', PIP_INDEX_URL: index.url };
    const run = await cli(['heal', ...names, '--no-llm', '--write', '--allow-install', '--timeout', '5', '--image', TEST_IMAGE, '--install-network', 'host'], { cwd: dir, env });
    assert.strictEqual(run.status, 1, run.stderr);
    const healed = {
      'syntax_error.py': original('syntax_error.py').replace('print(f"Hello, {name}"\n', 'print(f"Hello, {name}")\n'),
      'missing_import.py': original('missing_import.py').replace('from collections import Counter\n', 'from collections import Counter\nimport json\n'),
      'missing_package.py': original('missing_package.py').replace('response = requests', 'import requests\nresponse = requests'),
    };
    for (const name of names) assert.strictEqual(read(name), healed[name as keyof typeof healed] ?? original(name), `${name}\n${run.stderr}`);
    assert.strictEqual(read('requirements.txt'), 'requests\n');
    const lines = run.stderr.split('\n');
    assert.ok(lines.includes("✓ syntax_error.py: healed in 1 attempt (rule:unclosed-bracket: Close '(')"), run.stderr);
    assert.ok(lines.includes("✓ missing_import.py: healed in 1 attempt (rule:missing-import: Add 'import json')"), run.stderr);
    assert.ok(lines.includes("✓ missing_package.py: healed in 2 attempts (rule:missing-import: Add 'import requests'; rule:requirements: Add 'requests' to requirements.txt)"), run.stderr);
    assert.ok(lines.some((line) => line.startsWith('✗ type_error.py: not healed: no fix is known for TypeError')), run.stderr);
  });

  it('heals the type error example with a model', async () => {
    const server = await startScriptedModelServer(() => ({
      content: 'type_error.py\n<<<<<<< SEARCH\n    return a + b\n=======\n    return int(a) + int(b)\n>>>>>>> REPLACE\n',
    }));
    try {
      const run = await cli(['heal', 'type_error.py', '--write', '--image', TEST_IMAGE, '--base-url', server.baseUrl, '--json'], { cwd: dir, env: { OPENAI_API_KEY: '' } });
      assert.strictEqual(run.status, 0, run.stderr);
      assert.strictEqual(read('type_error.py'), original('type_error.py').replace('return a + b', 'return int(a) + int(b)'));
      const [file] = JSON.parse(run.stdout).files;
      assert.deepStrictEqual([file.outcome, file.lastRun.outputTail, file.attempts[0].fix.source], ['healed', 'Result: 15\n', 'model:gpt-4o-mini']);
    } finally {
      await server.close();
    }
  });
});
