// Removes containers that an earlier Self-Heal process on this machine left behind when it crashed.
import type Docker from 'dockerode';
import * as fs from 'fs';
import * as os from 'os';
import { withDeadline } from '../core/engineError';
import { removeContainer } from './containerRemoval';
import { LABEL_HOST, LABEL_MANAGED, LABEL_PID } from './containerSpec';

export async function sweepStaleContainers(docker: Docker): Promise<number> {
  const containers = await withDeadline(
    docker.listContainers({ all: true, filters: { label: [`${LABEL_MANAGED}=true`, `${LABEL_HOST}=${os.hostname()}`] } }),
    10_000,
    'list containers',
  );
  const stale = containers.filter((c) => !isProcessAlive(Number(c.Labels[LABEL_PID])));
  await Promise.all(stale.map((c) => removeContainer(docker.getContainer(c.Id)).catch(() => undefined)));
  return stale.length;
}

function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by someone else
  }
  return !isZombie(pid);
}

/** A process that has exited but not been reaped still answers kill(pid, 0). */
function isZombie(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false; // no /proc (macOS, Windows): trust kill()
  }
}
