// What one environment build is made of, the container it runs in (the run's limits, adapted for pip)
// and what the commit changes back, so the image is the base image plus the install.
import type Docker from 'dockerode';
import type { BuildNetwork } from '../../core/environment/environmentTypes';
import { SANDBOX_USER } from '../containerSpec';
import { BUILD_DRIVER_SOURCE } from './pipBuildDriver';
import type { PipJob } from './pipJob';

export interface BuildSpec {
  baseImage: string;
  /** The base image's config, restored on the committed image (a commit takes the container's). */
  baseConfig: Docker.ImageInspectInfo['Config'];
  /** e.g. "localhost/self-heal-env:0123456789abcdef". */
  tag: string;
  requirements: readonly string[];
  job: PipJob;
  network: BuildNetwork;
  /** Labels of the build container, so a stale sweep finds it when the process that made it died. */
  labels: Record<string, string>;
  /** Labels of the committed image. */
  imageLabels: Record<string, string>;
  timeoutMs: number;
  /** Size of the build's /tmp, which bounds pip's files and what the image gains. Default BUILD_DISK_BYTES. */
  diskBytes?: number;
}

export const BUILD_MEMORY_BYTES = 2 * 1024 ** 3;
export const BUILD_CPUS = 1;
export const BUILD_PROCESSES = 512;
/**
 * The disk a build may fill: pip's temporary files and the staged install live on this tmpfs, and
 * only the staged install is copied into the image. Podman here refuses StorageOpt size on ext4
 * ("overlay.size ... only supported for backingFS XFS"), so the cap is the tmpfs. Its pages count
 * against the memory limit too.
 */
export const BUILD_DISK_BYTES = 1024 ** 3;

/** The run's limits, adapted: network for pip, a writable root for the install, a capped /tmp for everything else. */
export function buildContainerOptions(spec: Pick<BuildSpec, 'baseImage' | 'labels' | 'network' | 'diskBytes'>): Docker.ContainerCreateOptions {
  const tmpfs = (size: string | number): string => `rw,nosuid,nodev,size=${size},mode=1777`;
  return {
    Image: spec.baseImage,
    Cmd: ['python3', '-u', '-c', BUILD_DRIVER_SOURCE],
    User: SANDBOX_USER,
    WorkingDir: '/tmp',
    Labels: spec.labels,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    HostConfig: {
      NetworkMode: spec.network,
      Memory: BUILD_MEMORY_BYTES,
      MemorySwap: BUILD_MEMORY_BYTES,
      NanoCpus: BUILD_CPUS * 1e9,
      PidsLimit: BUILD_PROCESSES,
      // The world-writable folders of a Debian image, so the build user can fill nothing but these.
      Tmpfs: { '/tmp': tmpfs(spec.diskBytes ?? BUILD_DISK_BYTES), '/var/tmp': tmpfs('16m'), '/run/lock': tmpfs('1m') },
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      // Some engines refuse to start without explicit limits. nproc counts per user across the host
      // (a rootless engine's user): generous here, since PidsLimit is the per-container bound.
      Ulimits: [
        { Name: 'nofile', Soft: 4096, Hard: 4096 },
        { Name: 'nproc', Soft: 4096, Hard: 4096 },
      ],
      LogConfig: { Type: 'none', Config: {} },
      AutoRemove: false,
    },
  };
}

/**
 * Dockerfile instructions that give the committed image the base image's command and user back
 * (a commit records the build's), and clear the build container's sandbox labels, which would
 * otherwise mark every container later made from the image as ours to sweep.
 */
export function commitChanges(spec: Pick<BuildSpec, 'baseConfig' | 'labels' | 'imageLabels'>): string[] {
  const { Cmd, User, WorkingDir } = spec.baseConfig;
  // The build ran as the sandbox user in /tmp; an image that names no user or folder means root and "/".
  const changes = [`CMD ${JSON.stringify(Cmd ?? [])}`, `USER ${User || 'root'}`, `WORKDIR ${WorkingDir || '/'}`];
  // One label per instruction and no quotes: Podman 4 reads `LABEL k=v` as a single pair, quotes included.
  const labels = { ...Object.fromEntries(Object.keys(spec.labels).map((key) => [key, ''])), ...spec.imageLabels };
  for (const [key, value] of Object.entries(labels)) {
    if (!/^[\w.-]*$/.test(key + value)) throw new Error(`label not safe to commit: ${key}=${value}`);
    changes.push(`LABEL ${key}=${value}`);
  }
  return changes;
}
