// Healing installs nothing nobody vetted. The built CLI heals programs whose fixes would change what
// gets installed: a misspelt import, a model answer that adds a direct URL, a pip option, an editable
// path, a VCS link, or a plain package. Everything it could reach is served here on 127.0.0.1 and
// records every request: a package index, a server standing in for an attacker's download, a model.
import * as assert from 'assert';
import Docker from 'dockerode';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { LABEL_PID } from '../../src/sandbox/containerSpec';
import { dockerOptionsFor } from '../../src/sandbox/engineDiscovery';
import { ENVIRONMENT_REPOSITORY, LABEL_ENVIRONMENT } from '../../src/sandbox/environment/environmentBuilder';
import { cli, type CliRun } from '../sandbox/cliProcess';
import { startPackageIndex, type PackageIndex, type Wheel } from '../sandbox/packageIndex';
import { containersOfThisProcess, engineHost, SESSION, TEST_IMAGE } from '../sandbox/sandboxHelper';
import { startScriptedModelServer, type ScriptedModelServer } from '../support/scriptedModelServer';
import { makeTree, removeTree } from '../support/tempDir';

/** Stand-ins of our own: the sandbox has no network, so nothing here reaches the real PyPI. */
const WHEELS: Wheel[] = [
  { name: 'requests', version: '2.99.0', files: { 'requests/__init__.py': 'def get(url):\n    return f"stand-in GET {url}"\n' } },
  { name: 'somepkg', version: '1.0.0', files: { 'somepkg/__init__.py': 'def hello():\n    return "hello from somepkg"\n' } },
];

const TYPO = 'import reqeusts\n\nprint(requests.get("https://example.org/"))\n';
const SOMEPKG = 'import somepkg\n\nprint(somepkg.hello())\n';
const EVIL = 'import evilpkg\n\nevilpkg.run()\n';
const REQUIREMENTS = '# what main.py needs\n';

/** An HTTP server that only records: a download no build may ever fetch. */
interface Recorder {
  port: number;
  requests: string[];
  close(): Promise<void>;
}

async function startRecorder(): Promise<Recorder> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A model that answers with the whole of requirements.txt, as given. */
function requirementsAnswer(text: string): { content: string } {
  return { content: `requirements.txt\n\`\`\`text\n${text}\`\`\`\n` };
}

describe('adversarial: healing installs nothing nobody vetted', function () {
  this.timeout(300_000);
  const suiteStarted = Math.floor(Date.now() / 1000) - 1;
  let index: PackageIndex;
  let recorder: Recorder;
  let dir: string;
  const read = (name: string): string => fs.readFileSync(path.join(dir, name), 'utf8');
  const exists = (name: string): boolean => fs.existsSync(path.join(dir, name));

  before(async () => {
    index = await startPackageIndex(`adversarial-installs-${SESSION}`, WHEELS);
    recorder = await startRecorder();
  });

  after(async () => {
    await index?.close();
    await recorder?.close();
    // Environments this suite built are keyed by its own index URL, so no one else can use them.
    const docker = new Docker(dockerOptionsFor(engineHost()));
    const images = await docker.listImages({ filters: { label: [LABEL_ENVIRONMENT] } });
    const ours = images.filter((image) => image.Created >= suiteStarted && (image.RepoTags ?? []).some((tag) => tag.startsWith(ENVIRONMENT_REPOSITORY)));
    for (const image of ours) await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
  });

  let recordedBefore = 0;
  beforeEach(() => {
    recordedBefore = recorder.requests.length;
  });
  afterEach(() => removeTree(dir));

  /** `self-heal heal main.py` in `dir`; pip may use the loopback index only (host network, so it is reachable). */
  async function heal(extra: string[], model?: ScriptedModelServer): Promise<CliRun & { pid: number }> {
    let pid = 0;
    const modelArgs = model ? ['--base-url', model.baseUrl, '--model', 'scripted'] : ['--no-llm'];
    const env = { OPENAI_API_KEY: '', OPENAI_BASE_URL: '', PIP_INDEX_URL: index.url, PIP_EXTRA_INDEX_URL: '', PIP_FIND_LINKS: '' };
    const run = await cli(['heal', 'main.py', '--image', TEST_IMAGE, '--timeout', '20', '--install-network', 'host', ...modelArgs, ...extra], { cwd: dir, env, onStart: (p) => (pid = p) });
    return { ...run, pid };
  }

  const indexAsked = (name: string): string[] => index.requests.filter((request) => request.includes(`/simple/${name}/`));

  describe('a misspelt import', () => {
    it('is respelt, never added to requirements.txt, and without approval stops before anything is built', async () => {
      dir = makeTree({ 'main.py': TYPO });
      const requestsBefore = index.requests.length;
      const run = await heal(['--write']);
      assert.strictEqual(run.status, 1, run.stderr);
      const lines = run.stderr.split('\n');
      assert.ok(lines.includes('✗ main.py: needs approval to install requests (re-run with --allow-install to allow it)'), run.stderr);
      assert.ok(lines.includes("self-heal: main.py: attempt 1/3: trying a rule fix: Change 'reqeusts' to 'requests' and add 'requests' to requirements.txt"), run.stderr);
      assert.strictEqual(read('main.py'), TYPO);
      assert.strictEqual(exists('requirements.txt'), false);
      assert.deepStrictEqual(index.requests.slice(requestsBefore), []);
      assert.deepStrictEqual(await containersOfThisProcess(`${LABEL_PID}=${run.pid}`), []);
    });

    it('with --allow-install heals to `import requests` from the loopback index, and never asks it for `reqeusts`', async () => {
      dir = makeTree({ 'main.py': TYPO });
      const run = await heal(['--write', '--allow-install', '--json']);
      assert.strictEqual(run.status, 0, run.stderr);
      const [file] = JSON.parse(run.stdout).files;
      assert.deepStrictEqual([file.outcome, file.stopReason, file.lastRun.outputTail], ['healed', 'healed in 1 attempt', 'stand-in GET https://example.org/\n']);
      assert.deepStrictEqual(file.attempts.map((a: any) => [a.fix.source, a.outcome]), [['rule:module-typo', 'healed']]);
      assert.strictEqual(read('main.py'), TYPO.replace('import reqeusts', 'import requests'));
      assert.strictEqual(read('requirements.txt'), 'requests\n');
      assert.deepStrictEqual(indexAsked('reqeusts'), []);
      assert.deepStrictEqual(indexAsked('requests'), [`/adversarial-installs-${SESSION}/simple/requests/`]);
    });
  });

  describe('a model answer that changes requirements.txt', () => {
    let model: ScriptedModelServer | undefined;
    afterEach(async () => {
      await model?.close();
      model = undefined;
    });

    it('adding a direct URL is refused, even with --allow-install: the URL is never fetched and nothing changes on disk', async () => {
      dir = makeTree({ 'main.py': EVIL, 'requirements.txt': REQUIREMENTS });
      const line = `evilpkg @ http://127.0.0.1:${recorder.port}/evilpkg-1.0.tar.gz`;
      model = await startScriptedModelServer(() => requirementsAnswer(`${REQUIREMENTS}${line}\n`));
      const requestsBefore = index.requests.length;
      const run = await heal(['--write', '--allow-install', '--json'], model);
      assert.strictEqual(run.status, 1, run.stderr);
      assert.deepStrictEqual(recorder.requests.slice(recordedBefore), []);
      const [file] = JSON.parse(run.stdout).files;
      const refusal = `refused: requirements.txt would gain '${line}', a direct URL; only name[extras] specifiers ; marker requirements may be added`;
      assert.strictEqual(file.outcome, 'not-healed');
      assert.deepStrictEqual(file.attempts.map((a: any) => [a.outcome, a.why, a.rerun]), [
        ['reverted', refusal, undefined],
        ['reverted', `the same fix was tried before: ${refusal}`, undefined],
        ['reverted', `the same fix was tried before: ${refusal}`, undefined],
      ]);
      assert.deepStrictEqual(index.requests.slice(requestsBefore), []);
      assert.deepStrictEqual([read('main.py'), read('requirements.txt')], [EVIL, REQUIREMENTS]);
      assert.deepStrictEqual(await containersOfThisProcess(`${LABEL_PID}=${run.pid}`), []);
    });

    it('adding an index option, an editable path or a VCS link is refused, each for what it is', async () => {
      dir = makeTree({ 'main.py': EVIL, 'requirements.txt': REQUIREMENTS });
      const added = [
        `-i http://127.0.0.1:${recorder.port}/simple`,
        '-e ./x',
        `git+http://127.0.0.1:${recorder.port}/evilpkg.git#egg=evilpkg`,
      ];
      model = await startScriptedModelServer((_request, i) => requirementsAnswer(`${REQUIREMENTS}${added[Math.min(i, added.length - 1)]}\n`));
      const run = await heal(['--write', '--allow-install', '--json'], model);
      assert.strictEqual(run.status, 1, run.stderr);
      assert.deepStrictEqual(recorder.requests.slice(recordedBefore), []);
      const [file] = JSON.parse(run.stdout).files;
      const only = 'only name[extras] specifiers ; marker requirements may be added';
      assert.deepStrictEqual(file.attempts.map((a: any) => [a.outcome, a.why]), [
        ['reverted', `refused: requirements.txt would gain '${added[0]}', a pip option; ${only}`],
        ['reverted', `refused: requirements.txt would gain '${added[1]}', an editable install; ${only}`],
        ['reverted', `refused: requirements.txt would gain '${added[2]}', a version-control link; ${only}`],
      ]);
      assert.deepStrictEqual([read('main.py'), read('requirements.txt')], [EVIL, REQUIREMENTS]);
    });

    it('adding a plain package stops for approval without --allow-install, and with it builds from the loopback index and heals', async () => {
      dir = makeTree({ 'main.py': SOMEPKG, 'requirements.txt': REQUIREMENTS });
      model = await startScriptedModelServer(() => requirementsAnswer(`${REQUIREMENTS}somepkg\n`));
      const requestsBefore = index.requests.length;
      const refused = await heal(['--write', '--json'], model);
      assert.strictEqual(refused.status, 1, refused.stderr);
      const [stopped] = JSON.parse(refused.stdout).files;
      assert.deepStrictEqual([stopped.outcome, stopped.stopReason, stopped.changedFiles], ['needs-approval', 'needs approval to install somepkg', {}]);
      assert.deepStrictEqual(stopped.attempts.map((a: any) => [a.fix.source, a.outcome, a.why]), [['model:scripted', 'reverted', 'needs approval to install somepkg']]);
      assert.deepStrictEqual(index.requests.slice(requestsBefore), []);
      assert.deepStrictEqual([read('main.py'), read('requirements.txt')], [SOMEPKG, REQUIREMENTS]);

      const allowed = await heal(['--write', '--json', '--allow-install'], model);
      assert.strictEqual(allowed.status, 0, allowed.stderr);
      const [healed] = JSON.parse(allowed.stdout).files;
      assert.deepStrictEqual([healed.outcome, healed.lastRun.outputTail], ['healed', 'hello from somepkg\n']);
      assert.strictEqual(read('requirements.txt'), `${REQUIREMENTS}somepkg\n`);
      assert.deepStrictEqual(indexAsked('somepkg'), [`/adversarial-installs-${SESSION}/simple/somepkg/`]);
      assert.deepStrictEqual(recorder.requests.slice(recordedBefore), []);
    });
  });
});
