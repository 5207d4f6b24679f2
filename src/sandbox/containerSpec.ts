// How a sandbox container is made: every limit of the security model in one place.
import type Docker from 'dockerode';
import * as os from 'os';
import type { RunLimits } from '../core/run/runTypes';
import { LAUNCHER_SOURCE } from './launcher/launcher';
import { APP_DIR } from './launcher/launcherProtocol';
import { ownerLabel } from './processOwner';

export const LABEL_MANAGED = 'dev.self-heal.managed';
export const LABEL_PID = 'dev.self-heal.pid';
export const LABEL_HOST = 'dev.self-heal.host';
export const LABEL_SESSION = 'dev.self-heal.session';
/** The process that made the container, as processOwner.ts names it; what the stale sweep goes by. */
export const LABEL_OWNER = 'dev.self-heal.owner';

/** nobody:nogroup on Debian-based images; needs no entry in the image's passwd. */
export const SANDBOX_USER = '65534:65534';
const TMP_SIZE = '64m';
const APP_SIZE = '64m';
/** Shared memory (POSIX semaphores and shm_open, as multiprocessing uses them); engines default to 64 MiB. */
const SHM_BYTES = 16 * 1024 * 1024;
const VAR_TMP_SIZE = '16m';
const OPEN_FILES = 1024;

/** The limits that shape a container (timeout and output caps are enforced from outside). */
export type ContainerShape = Pick<RunLimits, 'memoryBytes' | 'cpus' | 'processes' | 'network'> & { image: string };

export function shapeKey(shape: ContainerShape): string {
  return JSON.stringify([shape.image, shape.memoryBytes, shape.cpus, shape.processes, shape.network]);
}

export function sandboxLabels(session: string): Record<string, string> {
  return { [LABEL_MANAGED]: 'true', [LABEL_PID]: String(process.pid), [LABEL_HOST]: os.hostname(), [LABEL_SESSION]: session, [LABEL_OWNER]: ownerLabel() };
}

export function containerOptions(shape: ContainerShape, labels: Record<string, string>): Docker.ContainerCreateOptions {
  return {
    Image: shape.image,
    Cmd: ['python3', '-c', LAUNCHER_SOURCE],
    User: SANDBOX_USER,
    WorkingDir: APP_DIR,
    Env: ['PYTHONUNBUFFERED=1', 'PYTHONDONTWRITEBYTECODE=1', 'HOME=/tmp', 'LANG=C.UTF-8'],
    Labels: labels,
    // stdin stays open for the job; output is read from the attach stream, never from logs.
    OpenStdin: true,
    StdinOnce: false,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    NetworkDisabled: shape.network === 'none',
    HostConfig: {
      // NetworkDisabled alone leaves a network on Podman; mode "none" leaves only loopback.
      NetworkMode: shape.network === 'bridge' ? 'bridge' : shape.network,
      Memory: shape.memoryBytes,
      MemorySwap: shape.memoryBytes, // equal to Memory: no swap on top
      NanoCpus: Math.round(shape.cpus * 1e9),
      PidsLimit: shape.processes,
      ReadonlyRootfs: true,
      // Every writable place is a sized tmpfs; Podman would otherwise mount /var/tmp with no size of its own.
      Tmpfs: { '/tmp': `rw,nosuid,nodev,size=${TMP_SIZE},mode=1777`, [APP_DIR]: `rw,nosuid,nodev,size=${APP_SIZE},mode=1777`, '/var/tmp': `rw,nosuid,nodev,noexec,size=${VAR_TMP_SIZE},mode=1777` },
      ShmSize: SHM_BYTES,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      // nproc is counted per user across the host; the per-container bound is PidsLimit.
      Ulimits: [
        { Name: 'nofile', Soft: OPEN_FILES, Hard: OPEN_FILES },
        { Name: 'nproc', Soft: Math.max(shape.processes * 4, 1024), Hard: Math.max(shape.processes * 4, 1024) },
      ],
      LogConfig: { Type: 'none', Config: {} },
      AutoRemove: false,
    },
  };
}
