// The sandbox's smaller edges: every writable place is bounded, and the stale-container sweep never
// removes a container whose owner it cannot judge (another pid namespace sharing the engine).
import * as assert from 'assert';
import Docker from 'dockerode';
import * as os from 'os';
import { LABEL_HOST, LABEL_MANAGED, LABEL_OWNER, LABEL_PID, LABEL_SESSION } from '../../src/sandbox/containerSpec';
import { dockerOptionsFor } from '../../src/sandbox/engineDiscovery';
import { ownerLabel, thisProcess } from '../../src/sandbox/processOwner';
import { sweepStaleContainers } from '../../src/sandbox/staleSweep';
import { containersOfThisProcess, engineHost, runCode, SESSION, TEST_IMAGE } from '../sandbox/sandboxHelper';

describe('adversarial: sandbox edges', function () {
  this.timeout(60_000);

  for (const [place, mib] of [['/dev/shm', 16], ['/var/tmp', 16], ['/tmp', 64]] as const) {
    it(`${place} holds at most ${mib} MiB`, async () => {
      const result = await runCode(`import os\ns = os.statvfs('${place}')\nprint(s.f_blocks * s.f_frsize // 2**20)\ntry:\n    with open('${place}/fill', 'wb') as f:\n        for _ in range(${mib + 4}):\n            f.write(b'x' * 2**20)\n    print('wrote it all')\nexcept OSError as error:\n    print('stopped', error.errno)\n`);
      assert.strictEqual(result.stdout, `${mib}\nstopped 28\n`, result.stderr);
    });
  }

  it('the sweep keeps a container whose labels came from its image, whatever owner they name', async () => {
    const docker = new Docker(dockerOptionsFor(engineHost()));
    const deadOwner = ownerLabel({ ...thisProcess(), pid: 2 ** 22 + 13 });
    const tag = `localhost/self-heal-test-labelled:${process.pid}`;
    const source = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['true'], HostConfig: { Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 1024 }] } });
    let victim: Docker.Container | undefined;
    try {
      const [repo, version] = tag.split(':');
      await source.commit({ repo, tag: version, changes: [`LABEL ${LABEL_MANAGED}=true`, `LABEL ${LABEL_OWNER}=${deadOwner}`, `LABEL ${LABEL_SESSION}=${SESSION}-image-labels`] });
      victim = await docker.createContainer({ Image: tag, Cmd: ['true'], HostConfig: { Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 1024 }] } });
      const inherited = (await victim.inspect()).Config.Labels;
      assert.strictEqual(inherited[LABEL_OWNER], deadOwner, 'the container carries the image\'s labels');
      await sweepStaleContainers(docker);
      assert.strictEqual((await victim.inspect()).Id, victim.id);
    } finally {
      await victim?.remove({ force: true }).catch(() => undefined);
      await source.remove({ force: true }).catch(() => undefined);
      await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
    }
  });

  it('the sweep keeps containers of a process in another pid namespace, even when that pid is free here', async () => {
    const docker = new Docker(dockerOptionsFor(engineHost()));
    const freePid = 2 ** 22 + 11; // above any pid this machine hands out
    const session = `${SESSION}-owners`;
    const make = (owner: string) =>
      docker.createContainer({
        Image: TEST_IMAGE,
        Cmd: ['true'],
        Labels: { [LABEL_MANAGED]: 'true', [LABEL_PID]: String(freePid), [LABEL_HOST]: os.hostname(), [LABEL_SESSION]: session, [LABEL_OWNER]: owner },
        HostConfig: { Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 1024 }] },
      });
    const self = thisProcess();
    const otherNamespace = await make(ownerLabel({ ...self, namespace: 'pid:[4026599999]', pid: freePid }));
    const otherBoot = await make(ownerLabel({ ...self, boot: '00000000-0000-0000-0000-000000000000', pid: freePid }));
    const reusedPid = await make(ownerLabel({ ...self, started: '1' }));
    const gone = await make(ownerLabel({ ...self, pid: freePid }));
    const mine = await make(ownerLabel());
    try {
      await sweepStaleContainers(docker);
      const left = new Set(await containersOfThisProcess(`${LABEL_SESSION}=${session}`));
      assert.deepStrictEqual([otherNamespace, otherBoot, reusedPid, gone, mine].map((c) => left.has(c.id)), [true, true, false, false, true]);
    } finally {
      for (const c of [otherNamespace, otherBoot, mine]) await c.remove({ force: true }).catch(() => undefined);
    }
  });
});
