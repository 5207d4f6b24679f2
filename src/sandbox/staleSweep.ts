// Removes containers that an earlier Self-Heal process left behind when it crashed: only those whose
// owner (see processOwner.ts) is certainly gone. A container of a process this one cannot judge (in
// another pid namespace, on another machine sharing the engine) is never touched.
import type Docker from 'dockerode';
import { withDeadline } from '../core/engineError';
import { removeContainer } from './containerRemoval';
import { LABEL_MANAGED, LABEL_OWNER } from './containerSpec';
import { isOwnerAlive, parseOwnerLabel } from './processOwner';

export async function sweepStaleContainers(docker: Docker): Promise<number> {
  const containers = await withDeadline(docker.listContainers({ all: true, filters: { label: [`${LABEL_MANAGED}=true`, LABEL_OWNER] } }), 10_000, 'list containers');
  const stale = containers.filter((c) => {
    const owner = parseOwnerLabel(c.Labels[LABEL_OWNER]);
    return owner !== undefined && isOwnerAlive(owner) === false;
  });
  await Promise.all(stale.map((c) => removeContainer(docker.getContainer(c.Id)).catch(() => undefined)));
  return stale.length;
}
