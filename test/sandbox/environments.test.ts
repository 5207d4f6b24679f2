// Derived environments against the real engine: a requirement is installed from a package index this
// test serves on 127.0.0.1, the program runs in the resulting image with no network, and the image
// is reused. Each test process has its own index path, so its environments are new ones.
import * as assert from 'assert';
import { EnvironmentError } from '../../src/core/environment/environmentTypes';
import { LABEL_HOST, LABEL_MANAGED, LABEL_OWNER, LABEL_PID, LABEL_SESSION } from '../../src/sandbox/containerSpec';
import { ENVIRONMENT_REPOSITORY, EnvironmentBuilder, environmentHash, LABEL_ENVIRONMENT } from '../../src/sandbox/environment/environmentBuilder';
import { LABEL_BASE_IMAGE, LABEL_BASE_IMAGE_ID, LABEL_REQUIREMENTS, LABEL_SOURCE_BUILDS } from '../../src/sandbox/environment/environmentImages';
import { JOB_DIR } from '../../src/sandbox/environment/pipBuildDriver';
import { pipJob } from '../../src/sandbox/environment/pipJob';
import { environmentFixture } from './environmentFixture';
import { containersOfThisProcess, limits, SESSION, TEST_IMAGE } from './sandboxHelper';

const YAML_WHEEL = {
  name: 'PyYAML',
  version: '6.0.99',
  files: { 'yaml/__init__.py': "def safe_load(s):\n    return {'self-heal-test': s}\n" },
};
const session = `${SESSION}-env`;
const sessionLabel = `${LABEL_SESSION}=${session}`;

describe('sandbox: derived environments', function () {
  this.timeout(300_000);
  const env = environmentFixture(session, [YAML_WHEEL]);
  const { docker, sandbox, madeTags, builder } = env;
  const imageFor = (made: EnvironmentBuilder, requirements: string[], progress: string[] = []): Promise<string> =>
    env.imageFor(made, requirements, { onProgress: (line) => progress.push(line) });

  it('uses the base image when there are no requirements, without asking the engine', async () => {
    const unreachable = new EnvironmentBuilder({ image: TEST_IMAGE, labels: {}, connect: () => Promise.reject(new Error('not asked')) });
    assert.strictEqual(await unreachable.imageFor([]), TEST_IMAGE);
  });

  it('builds an image with the requirement and runs a program in it as the sandbox user, with no network', async () => {
    const progress: string[] = [];
    const tag = await imageFor(builder(), ['PyYAML==6.0.99'], progress);
    assert.match(tag, new RegExp(`^${ENVIRONMENT_REPOSITORY}:[0-9a-f]{16}$`));
    assert.ok(progress.includes('Successfully installed PyYAML-6.0.99'), progress.join('\n'));
    assert.ok(progress.includes(`Looking in indexes: ${env.index.url}`), progress.join('\n'));

    const requestsBefore = env.index.requests.length;
    const program = [
      'import os, socket, yaml',
      "print(yaml.safe_load('x'))",
      'print(yaml.__file__, os.getuid())',
      'try:',
      `    socket.create_connection(('127.0.0.1', ${env.index.port}), timeout=5)`,
      "    print('reached the index')",
      'except OSError as error:',
      '    print(type(error).__name__)',
    ].join('\n');
    const result = await sandbox.run({ files: { 'main.py': program }, entry: 'main.py', limits: limits(), image: tag });
    assert.strictEqual(result.stderr, '');
    assert.strictEqual(result.stdout, "{'self-heal-test': 'x'}\n/self-heal-env/yaml/__init__.py 65534\nConnectionRefusedError\n");
    assert.deepStrictEqual([result.reason, result.exitCode, result.engine.image], ['exited', 0, tag]);
    assert.deepStrictEqual(env.index.requests.slice(requestsBefore), []);
  });

  it('gives the image the base config back, labels that do not mark it as ours to sweep, and no trace of the job', async () => {
    const tag = await imageFor(builder(), ['PyYAML==6.0.99']);
    const [base, derived] = await Promise.all([docker.getImage(TEST_IMAGE).inspect(), docker.getImage(tag).inspect()]);
    assert.deepStrictEqual(derived.Config.Cmd, base.Config.Cmd);
    assert.strictEqual(derived.Config.User, base.Config.User || 'root');
    assert.deepStrictEqual(derived.Config.Labels, {
      [LABEL_MANAGED]: '',
      [LABEL_PID]: '',
      [LABEL_HOST]: '',
      [LABEL_SESSION]: '',
      [LABEL_OWNER]: '',
      [LABEL_ENVIRONMENT]: tag.slice(tag.indexOf(':') + 1),
      [LABEL_REQUIREMENTS]: Buffer.from(JSON.stringify(['PyYAML==6.0.99'])).toString('base64url'),
      [LABEL_BASE_IMAGE]: Buffer.from(TEST_IMAGE).toString('base64url'),
      [LABEL_BASE_IMAGE_ID]: base.Id.replace(/^sha256:/, ''),
      [LABEL_SOURCE_BUILDS]: 'false',
    });
    assert.ok(!(derived.Config.Env ?? []).some((line) => line.startsWith('PIP_')), String(derived.Config.Env));
    // Looked at in a container that is never started, so no tmpfs hides /tmp.
    const container = await docker.createContainer({ Image: tag, Labels: { [LABEL_SESSION]: session } });
    try {
      await assert.rejects(container.infoArchive({ path: JOB_DIR }), { statusCode: 404 });
      await container.infoArchive({ path: '/self-heal-env/yaml/__init__.py' });
    } finally {
      await container.remove({ force: true });
    }
  });

  it('reuses the image for the same requirements: no build, no request to the index, no progress', async () => {
    const first = await imageFor(builder(), ['PyYAML==6.0.99']);
    const requestsBefore = env.index.requests.length;
    const progress: string[] = [];
    // A new builder: the image is found on the engine, not in a builder's memory.
    const again = await imageFor(builder(), ['PyYAML==6.0.99', 'PyYAML==6.0.99'], progress);
    assert.strictEqual(again, first);
    assert.deepStrictEqual(progress, []);
    assert.deepStrictEqual(env.index.requests.slice(requestsBefore), []);
  });

  it('derives the tag from the base image, the requirements and pip options that change what is installed', async () => {
    const tag = await imageFor(builder(), ['PyYAML==6.0.99']);
    const baseId = (await docker.getImage(TEST_IMAGE).inspect()).Id;
    const tagOf = (requirements: string[], pipArgs: string[], image = TEST_IMAGE, id = baseId): string =>
      `${ENVIRONMENT_REPOSITORY}:${environmentHash(image, id, requirements, pipJob(pipArgs, {}))}`;
    assert.strictEqual(tagOf(['PyYAML==6.0.99'], ['--index-url', env.index.url]), tag);
    const others = [
      tagOf(['PyYAML==6.0.99'], ['--index-url', `${env.index.url}mirror/`]),
      tagOf(['PyYAML==6.0.98'], ['--index-url', env.index.url]),
      tagOf(['PyYAML==6.0.99'], ['--index-url', env.index.url], 'localhost/other:1'),
      tagOf(['PyYAML==6.0.99'], ['--index-url', env.index.url], TEST_IMAGE, 'sha256:other'),
    ];
    assert.strictEqual(new Set([tag, ...others]).size, 5);
  });

  it('rejects a requirement the index does not have, naming it, with one build shared by concurrent calls', async () => {
    const made = builder();
    const requestsBefore = env.index.requests.length;
    const calls = [imageFor(made, ['nonexistent-pkg==1.0']), imageFor(made, ['nonexistent-pkg==1.0'])];
    const outcomes = await Promise.allSettled(calls);
    const errors = outcomes.map((o) => (o.status === 'rejected' ? o.reason : o.value));
    for (const error of errors) {
      assert.ok(error instanceof EnvironmentError, String(error));
      assert.strictEqual(error.message, "Could not install 'nonexistent-pkg==1.0': No matching distribution found for nonexistent-pkg==1.0");
      assert.match(error.log, /ERROR: Could not find a version that satisfies the requirement nonexistent-pkg==1\.0 \(from versions: none\)/);
    }
    assert.strictEqual(errors[0], errors[1]);
    const asked = env.index.requests.slice(requestsBefore).filter((p) => p.endsWith('/simple/nonexistent-pkg/'));
    // One build: pip's request, then the question whether a source archive exists (wheels only).
    assert.deepStrictEqual(asked, [`/index-${session}/simple/nonexistent-pkg/`, `/index-${session}/simple/nonexistent-pkg/`]);
  });

  it('builds on its own network by default, where the loopback index of the host is out of reach, and says so', async () => {
    const made = builder({ buildNetwork: undefined, pipArgs: ['--index-url', env.index.url, '--retries', '1'] });
    const requestsBefore = env.index.requests.length;
    await assert.rejects(imageFor(made, ['PyYAML==6.0.99']), {
      name: 'EnvironmentError',
      message: "Could not install 'PyYAML==6.0.99': No matching distribution found for PyYAML==6.0.99 (the package index could not be reached: [Errno 111] Connection refused)",
    });
    assert.deepStrictEqual(env.index.requests.slice(requestsBefore), []);
  });

  it('stops a build when its caller gives up, and when the deadline passes, leaving no image', async () => {
    const pipArgs = ['--index-url', env.index.url, '--no-compile'];
    const baseId = (await docker.getImage(TEST_IMAGE).inspect()).Id;
    const wouldBe = `${ENVIRONMENT_REPOSITORY}:${environmentHash(TEST_IMAGE, baseId, ['PyYAML==6.0.99'], pipJob(pipArgs, {}))}`;
    madeTags.add(wouldBe); // removed afterwards should this test fail

    const controller = new AbortController();
    const progress: string[] = [];
    const pending = builder({ pipArgs }).imageFor(['PyYAML==6.0.99'], { signal: controller.signal, onProgress: (line) => (progress.push(line), controller.abort()) });
    await assert.rejects(pending, { name: 'EnvironmentError', message: 'Installing the requirements was cancelled.' });
    assert.strictEqual(progress.length, 1);

    const late = builder({ pipArgs, buildTimeoutMs: 300 });
    await assert.rejects(late.imageFor(['PyYAML==6.0.99']), { name: 'EnvironmentError', message: 'Installing the requirements did not finish within 0.3 s.' });
    await assert.rejects(docker.getImage(wouldBe).inspect(), { statusCode: 404 });
  });

  it('leaves no build or run container behind', async () => {
    await sandbox.settled();
    assert.deepStrictEqual(await containersOfThisProcess(sessionLabel), []);
  });
});
