// Removes containers that an earlier Self-Heal process left behind when it crashed: only those whose
// owner (see processOwner.ts) is certainly gone. A container of a process this one cannot judge (in
// another pid namespace, on another machine sharing the engine) is never touched, and neither is one
// whose labels could have come from its image: any image may carry our labels, and a container
// inherits them, so only labels its image lacks are ours.
import type Docker from 'dockerode';
import { withDeadline } from '../core/run/engineError';
import { removeContainer } from './containerRemoval';
import { LABEL_MANAGED, LABEL_OWNER } from './containerSpec';
import { isOwnerAlive, parseOwnerLabel } from './processOwner';

export async function sweepStaleContainers(docker: Docker): Promise<number> {
  const containers = await withDeadline(docker.listContainers({ all: true, filters: { label: [`${LABEL_MANAGED}=true`, LABEL_OWNER] } }), 10_000, 'list containers');
  const orphans = containers.filter((c) => {
    const owner = parseOwnerLabel(c.Labels[LABEL_OWNER]);
    return owner !== undefined && isOwnerAlive(owner) === false;
  });
  const imageLabels = new Map<string, Promise<Record<string, string> | undefined>>();
  const labelsOf = (image: string) => {
    if (!imageLabels.has(image)) imageLabels.set(image, withDeadline(docker.getImage(image).inspect(), 10_000, 'inspect image').then((info) => info.Config?.Labels ?? {}, () => undefined));
    return imageLabels.get(image) as Promise<Record<string, string> | undefined>;
  };
  const stale = [];
  for (const c of orphans) {
    const labels = await labelsOf(c.ImageID);
    // An image that cannot be inspected (removed meanwhile) cannot vouch either way: leave it.
    if (labels && !labels[LABEL_MANAGED] && !labels[LABEL_OWNER]) stale.push(c);
  }
  await Promise.all(stale.map((c) => removeContainer(docker.getContainer(c.Id)).catch(() => undefined)));
  return stale.length;
}
