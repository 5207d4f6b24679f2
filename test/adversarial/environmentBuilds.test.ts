// Environment builds held to the standard of runs, against the real engine and a loopback package
// index built here: wheels only unless source builds are allowed (a setup.py never runs by default),
// pip as uid 65534 under CPU, memory, process and disk limits, a key that follows the base image's ID
// and pip's options but never shows a secret, and `self-heal env list|prune`.
import * as assert from 'assert';
import Docker from 'dockerode';
import { EnvironmentError } from '../../src/core/environment/environmentTypes';
import { LABEL_SESSION } from '../../src/sandbox/containerSpec';
import { BUILD_MEMORY_BYTES } from '../../src/sandbox/environment/buildContainerSpec';
import { ENVIRONMENT_REPOSITORY, EnvironmentBuilder, environmentHash } from '../../src/sandbox/environment/environmentBuilder';
import { environmentLabels } from '../../src/sandbox/environment/environmentImages';
import { JOB_DIR } from '../../src/sandbox/environment/pipBuildDriver';
import { pipJob } from '../../src/sandbox/environment/pipJob';
import { cli } from '../sandbox/cliProcess';
import { environmentFixture } from '../sandbox/environmentFixture';
import { engineHost, limits, SESSION, TEST_IMAGE } from '../sandbox/sandboxHelper';

const session = `${SESSION}-adv-builds`;
const WHEEL = { name: 'adv-wheel', version: '1.0', files: { 'adv_wheel/__init__.py': "VALUE = 'from a wheel'\n" } };
/** A wheel that tries to shadow the standard library's json. */
const SHADOW = { name: 'stdlib-shadow', version: '1.0', files: { 'json/__init__.py': "raise SystemExit('the stdlib was shadowed')\n" } };
/** Only a source archive: its setup.py leaves a marker in the environment when it runs. */
const SDIST = {
  name: 'adv-sdist',
  version: '1.0',
  files: {
    'setup.py': [
      'import os',
      'from setuptools import setup',
      "with open('/self-heal-env/setup-py-ran', 'w') as marker:",
      '    marker.write(str(os.getuid()))',
      "setup(name='adv-sdist', version='1.0', packages=['adv_sdist'])",
      '',
    ].join('\n'),
    'adv_sdist/__init__.py': "VALUE = 'built from source'\n",
  },
};
/** A wheel whose dependency names a source archive by URL: pip would build it even with --only-binary. */
const CARRIER = { name: 'adv-carrier', version: '1.0', files: { 'adv_carrier/__init__.py': '' }, requires: ['adv-sdist @ {packages}/adv-sdist-1.0.tar.gz'] };
/** Larger than the small disk one test gives its build. */
const BIG = { name: 'adv-big', version: '1.0', files: { 'adv_big/data.py': `DATA = '${'x'.repeat(12 * 1024 * 1024)}'\n` } };
const SOURCE_ONLY_MESSAGE =
  "Could not install 'adv-sdist==1.0': it is published only as a source archive here, and building one runs the package's own code; " +
  'Self-Heal installs wheels only unless source builds are allowed (the setting selfHeal.environment.allowSourceBuilds or the flag --allow-source-builds).';

describe('adversarial: environment builds', function () {
  this.timeout(300_000);
  const env = environmentFixture(session, [WHEEL, SHADOW, BIG, CARRIER], [SDIST]);
  const { docker, sandbox, builder } = env;
  const imageFor = (made: EnvironmentBuilder, requirements: string[], rebuild = false): Promise<string> => env.imageFor(made, requirements, { rebuild });
  const runIn = (image: string, program: string) => sandbox.run({ files: { 'main.py': program }, entry: 'main.py', limits: limits(), image });

  it('does not download or build an sdist-only package by default, and says why and how to opt in', async () => {
    const made = builder();
    await assert.rejects(made.imageFor(['adv-sdist==1.0']), (error: Error) => {
      assert.ok(error instanceof EnvironmentError, String(error));
      assert.strictEqual(error.message, SOURCE_ONLY_MESSAGE);
      return true;
    });
    assert.deepStrictEqual(env.index.requests.filter((request) => request.endsWith('.tar.gz')), []);
    const job = pipJob(['--index-url', env.index.url], {});
    const wouldBe = `${ENVIRONMENT_REPOSITORY}:${environmentHash(TEST_IMAGE, (await docker.getImage(TEST_IMAGE).inspect()).Id, ['adv-sdist==1.0'], job)}`;
    await assert.rejects(docker.getImage(wouldBe).inspect(), { statusCode: 404 });
  });

  it('refuses a direct link to a source archive before any engine call, hiding URL credentials', async () => {
    const offline = new EnvironmentBuilder({ image: TEST_IMAGE, labels: {}, connect: () => Promise.reject(new Error('the engine was asked')) });
    const link = `adv-sdist @ http://user:s3cret@127.0.0.1:${env.index.port}/index-${session}/packages/adv-sdist-1.0.tar.gz`;
    await assert.rejects(offline.imageFor([link]), {
      name: 'EnvironmentError',
      message:
        `Not installed: 'adv-sdist @ http://***@127.0.0.1:${env.index.port}/index-${session}/packages/adv-sdist-1.0.tar.gz' names a source to build rather than a package on an index, ` +
        "and building runs its own code; Self-Heal installs wheels only unless source builds are allowed (the setting selfHeal.environment.allowSourceBuilds or the flag --allow-source-builds).",
    });
  });

  for (const [name, requirements] of [
    ['a wheel whose dependency is a source archive by URL', ['adv-carrier==1.0']],
    ['an option on a requirement line that turns wheels-only off', ['adv-sdist==1.0 --global-option=--quiet']],
  ] as const) {
    it(`builds nothing from source for ${name}: no setup.py runs, no image is made`, async () => {
      const made = builder();
      const refused = await made.imageFor([...requirements]).then(() => undefined, (error: Error) => error);
      assert.ok(refused instanceof EnvironmentError, String(refused));
      assert.match(refused.message, /^Not installed: 'adv-sdist[^']*' (would be built from source|names a source to build)/);
      const job = pipJob(['--index-url', env.index.url], {});
      const wouldBe = `${ENVIRONMENT_REPOSITORY}:${environmentHash(TEST_IMAGE, (await docker.getImage(TEST_IMAGE).inspect()).Id, [...requirements], job)}`;
      await assert.rejects(docker.getImage(wouldBe).inspect(), { statusCode: 404 });
    });
  }

  it('builds the sdist only when source builds are allowed: then its setup.py runs, as uid 65534', async () => {
    const tag = await imageFor(builder({ allowSourceBuilds: true }), ['adv-sdist==1.0']);
    assert.ok(env.index.requests.some((request) => request.endsWith('/adv-sdist-1.0.tar.gz')));
    const result = await runIn(tag, "import adv_sdist\nprint(adv_sdist.VALUE, open('/self-heal-env/setup-py-ran').read())\n");
    assert.deepStrictEqual([result.stdout, result.stderr, result.exitCode], ['built from source 65534\n', '', 0]);
  });

  it('builds as uid 65534 with CPU, memory, process and disk limits, dropped capabilities and no new privileges', async () => {
    const requirements = ['adv-wheel==1.0', 'stdlib-shadow==1.0'];
    const building = imageFor(builder(), requirements);
    const seen = await inspectBuildContainer(docker, `${LABEL_SESSION}=${session}`, building);
    const tag = await building;
    assert.ok(seen, 'the build container was seen while it ran');
    const { Config, HostConfig } = seen;
    assert.strictEqual(Config.User, '65534:65534');
    assert.deepStrictEqual(
      [HostConfig.Memory, HostConfig.NanoCpus, HostConfig.PidsLimit, HostConfig.ReadonlyRootfs],
      [BUILD_MEMORY_BYTES, 1e9, 512, false],
    );
    // CapDrop ALL, as Podman reports it: every capability of its default set dropped, none added.
    assert.deepStrictEqual(HostConfig.CapAdd ?? [], []);
    for (const cap of ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETUID', 'SETGID', 'NET_RAW']) assert.ok((HostConfig.CapDrop ?? []).some((dropped: string) => /^(CAP_)?(ALL)$/i.test(dropped) || dropped.replace(/^CAP_/, '') === cap), String(HostConfig.CapDrop));
    assert.ok((HostConfig.SecurityOpt ?? []).some((opt: string) => /^no-new-privileges(:true|=true)?$/.test(opt)), String(HostConfig.SecurityOpt));
    assert.match(String(HostConfig.Tmpfs?.['/tmp']), /(^|,)size=1073741824(,|$)/);
    // Installed by uid 65534 into its own folder, found through the .pth after the standard library.
    const program = 'import json, os, adv_wheel\nprint(adv_wheel.VALUE, adv_wheel.__file__, os.stat(adv_wheel.__file__).st_uid, json.dumps([1]))\n';
    const result = await runIn(tag, program);
    assert.deepStrictEqual([result.stdout, result.stderr], ['from a wheel /self-heal-env/adv_wheel/__init__.py 65534 [1]\n', '']);
  });

  it('caps the disk a build may fill: a download larger than its /tmp fails and leaves no image', async () => {
    const made = builder({ buildDiskBytes: 8 * 1024 * 1024 });
    await assert.rejects(made.imageFor(['adv-big==1.0']), (error: Error) => {
      assert.ok(error instanceof EnvironmentError, String(error));
      assert.match(error.message, /^Could not install the requirements \(adv-big==1\.0\): .*\[Errno 28\] No space left on device/);
      return true;
    });
    const baseId = (await docker.getImage(TEST_IMAGE).inspect()).Id;
    const wouldBe = `${ENVIRONMENT_REPOSITORY}:${environmentHash(TEST_IMAGE, baseId, ['adv-big==1.0'], pipJob(['--index-url', env.index.url], {}))}`;
    await assert.rejects(docker.getImage(wouldBe).inspect(), { statusCode: 404 });
  });

  it('keys the image by the base image ID, pip options and the source-build choice, never showing a secret', () => {
    const requirements = ['adv-wheel==1.0'];
    const job = pipJob(['--index-url', 'http://127.0.0.1:1/simple/'], {});
    const key = environmentHash(TEST_IMAGE, 'sha256:aaaa', requirements, job);
    const secretEnv = { PIP_INDEX_URL: 'http://user:s3cret@127.0.0.1:1/simple/' };
    const keys = [
      environmentHash(TEST_IMAGE, 'sha256:bbbb', requirements, job),
      environmentHash(TEST_IMAGE, 'sha256:aaaa', requirements, pipJob(['--index-url', 'http://127.0.0.1:2/simple/'], {})),
      environmentHash(TEST_IMAGE, 'sha256:aaaa', requirements, pipJob(['--index-url', 'http://127.0.0.1:1/simple/', '--trusted-host', '127.0.0.1'], {})),
      environmentHash(TEST_IMAGE, 'sha256:aaaa', requirements, pipJob(['--index-url', 'http://127.0.0.1:1/simple/'], {}, { allowSourceBuilds: true })),
      environmentHash(TEST_IMAGE, 'sha256:aaaa', requirements, pipJob(['--index-url', 'http://127.0.0.1:1/simple/'], secretEnv)),
    ];
    assert.strictEqual(new Set([key, ...keys]).size, 6, keys.join(' '));
    for (const each of [key, ...keys]) assert.match(each, /^[0-9a-f]{16}$/);
    const labels = environmentLabels(keys[4], { requirements: ['pkg @ https://user:s3cret@127.0.0.1/pkg.whl'], baseImage: TEST_IMAGE, baseImageId: 'sha256:aaaa', sourceBuilds: false });
    const shown = Object.values(labels).map((value) => `${value} ${Buffer.from(value, 'base64url').toString('utf8')}`).join(' ');
    assert.ok(!shown.includes('s3cret'), shown);
  });

  it('rebuilds on request: same tag, a new image, the old one removed', async () => {
    const made = builder();
    const tag = await imageFor(made, ['adv-wheel==1.0']);
    const before = (await docker.getImage(tag).inspect()).Id;
    assert.strictEqual(await imageFor(made, ['adv-wheel==1.0'], true), tag);
    const after = (await docker.getImage(tag).inspect()).Id;
    assert.notStrictEqual(after, before);
    await assert.rejects(docker.getImage(before).inspect(), { statusCode: 404 });
  });

  it('`self-heal env list` shows a built environment and `env prune` removes it', async () => {
    const tag = await imageFor(builder(), ['adv-wheel==1.0']);
    const baseId = (await docker.getImage(TEST_IMAGE).inspect()).Id.replace(/^sha256:/, '');
    const list = await cli(['env', 'list', '--json', '--docker-host', engineHost()]);
    assert.strictEqual(list.status, 0, list.stderr);
    const listed = (JSON.parse(list.stdout) as Array<Record<string, unknown>>).find((image) => image.tag === tag);
    assert.ok(listed, list.stdout);
    assert.deepStrictEqual([listed.requirements, listed.baseImage, listed.baseImageId, listed.sourceBuilds], [['adv-wheel==1.0'], TEST_IMAGE, baseId, false]);
    assert.ok(typeof listed.sizeBytes === 'number' && listed.sizeBytes > 0 && typeof listed.created === 'string');
    const human = await cli(['env', 'list', '--docker-host', engineHost()]);
    assert.ok(human.stdout.includes(`${tag}\n`) && human.stdout.includes('  requirements adv-wheel==1.0\n'), human.stdout);

    const none = await cli(['env', 'prune', '--older-than', '36500', '--docker-host', engineHost()]);
    assert.deepStrictEqual([none.status, none.stdout], [0, 'no environment image to remove\n']);
    const pruned = await cli(['env', 'prune', tag, '--docker-host', engineHost()]);
    assert.strictEqual(pruned.status, 0, pruned.stderr);
    assert.match(pruned.stdout, new RegExp(`^removed ${tag.replace(/[.:/]/g, '\\$&')} \\([\\d.]+ (MiB|KiB)\\)\\n$`));
    await assert.rejects(docker.getImage(tag).inspect(), { statusCode: 404 });
    const usage = await cli(['env', 'prune', '--docker-host', engineHost()]);
    assert.deepStrictEqual([usage.status, usage.stderr], [2, 'self-heal: env prune needs exactly one of --all, --older-than DAYS or TAG... (see "self-heal env --help")\n']);
  });
});

/** Polls for the build container while `building` runs and returns its inspect data. */
async function inspectBuildContainer(docker: Docker, label: string, building: Promise<unknown>): Promise<Docker.ContainerInspectInfo | undefined> {
  let done = false;
  void building.finally(() => (done = true)).catch(() => undefined);
  while (!done) {
    // Run containers of earlier tests may still be on their way out: the build's is the one running the driver.
    for (const found of await docker.listContainers({ all: true, filters: { label: [label] } })) {
      const info = await docker.getContainer(found.Id).inspect().catch(() => undefined);
      if (info && (info.Config.Cmd ?? []).join(' ').includes(JOB_DIR)) return info;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}
