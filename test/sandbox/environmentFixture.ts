// The set-up of a suite that builds environments on the real engine: a package index served on
// 127.0.0.1 for the suite, a sandbox of cold runs, and builders that install from that index. Every
// image a build returns is removed after the suite, including one a failing test did not expect.
import Docker from 'dockerode';
import type { DockerSandbox } from '../../src/sandbox/dockerSandbox';
import { dockerOptionsFor } from '../../src/sandbox/engineDiscovery';
import { EnvironmentBuilder, type EnvironmentBuilderOptions } from '../../src/sandbox/environment/environmentBuilder';
import { startPackageIndex, type PackageIndex, type Sdist, type Wheel } from './packageIndex';
import { engineHost, newSandbox } from './sandboxHelper';

export interface EnvironmentFixture {
  docker: Docker;
  sandbox: DockerSandbox;
  /** Tags removed after the suite; a test adds one it makes without `imageFor`. */
  madeTags: Set<string>;
  /** Served from the suite's `before` on. */
  readonly index: PackageIndex;
  /** A builder on the host's network (so the loopback index is in reach) installing from the index. */
  builder(options?: EnvironmentBuilderOptions): EnvironmentBuilder;
  imageFor(made: EnvironmentBuilder, requirements: readonly string[], options?: Parameters<EnvironmentBuilder['imageFor']>[1]): Promise<string>;
}

/** Call inside `describe`: it adds the suite's `before` and `after` hooks. */
export function environmentFixture(session: string, wheels: readonly Wheel[], sdists: readonly Sdist[] = []): EnvironmentFixture {
  const docker = new Docker(dockerOptionsFor(engineHost()));
  // Cold runs only: a warm container of a derived image would outlive the test that made it.
  const sandbox = newSandbox({ session, warmContainers: 0 });
  const madeTags = new Set<string>();
  let index: PackageIndex | undefined;

  before(async () => {
    index = await startPackageIndex(`index-${session}`, wheels, sdists);
  });
  after(async () => {
    await sandbox.dispose();
    await index?.close();
    for (const tag of madeTags) await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
  });

  const fixture: EnvironmentFixture = {
    docker,
    sandbox,
    madeTags,
    get index(): PackageIndex {
      if (!index) throw new Error('the package index starts in the suite\'s before hook');
      return index;
    },
    builder: (options = {}) => new EnvironmentBuilder(sandbox, { buildNetwork: 'host', pipArgs: ['--index-url', fixture.index.url], ...options }),
    async imageFor(made, requirements, options) {
      const tag = await made.imageFor(requirements, options);
      madeTags.add(tag);
      return tag;
    },
  };
  return fixture;
}
