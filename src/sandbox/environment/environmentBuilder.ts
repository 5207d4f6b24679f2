// Derived run environments: the base image plus a workspace's requirements, built once per set and
// kept on the engine under a tag that is a hash of everything that decides what gets installed.
import { createHash } from 'crypto';
import type Docker from 'dockerode';
import { EngineError, withDeadline } from '../../core/run/engineError';
import { EnvironmentError, type EnvironmentChoices, type EnvironmentProvider, type ImageRequest } from '../../core/environment/environmentTypes';
import type { ConnectedEngine } from '../engineDiscovery';
import type { BuildSpec } from './buildContainerSpec';
import { buildEnvironmentImage } from './environmentBuild';
import { environmentLabels, LABEL_ENVIRONMENT } from './environmentImages';
import { ensureImage } from '../imageProvider';
import { ALLOW_SOURCE_BUILDS_HINT, pipJob, type PipJob } from './pipJob';
import { sourceRequirements, withoutCredentials } from '../../core/environment/requirementSources';
import { SharedBuild } from './sharedBuild';

export { LABEL_ENVIRONMENT };
export const ENVIRONMENT_REPOSITORY = 'localhost/self-heal-env';
export const DEFAULT_BUILD_TIMEOUT_MS = 10 * 60_000;
const INSPECT_DEADLINE_MS = 10_000;

/** What a builder needs of a sandbox (a DockerSandbox is one): its engine, base image and container labels. */
export interface EnvironmentEngine {
  readonly image: string;
  readonly labels: Readonly<Record<string, string>>;
  connect(): Promise<ConnectedEngine>;
}

/** The user's choices, and the build's own settings (the defaults serve users; tests change them). */
export interface EnvironmentBuilderOptions extends EnvironmentChoices {
  /** Default: the sandbox's image. */
  baseImage?: string;
  /** Extra pip options, e.g. ["--index-url", URL, "--trusted-host", HOST]. */
  pipArgs?: readonly string[];
  /** Default 10 minutes. */
  buildTimeoutMs?: number;
  /** The build's disk: its /tmp tmpfs, holding pip's files and the staged install. Default 1 GiB. */
  buildDiskBytes?: number;
}

export class EnvironmentBuilder implements EnvironmentProvider {
  private readonly builds = new Map<string, SharedBuild>();

  constructor(
    private readonly engine: EnvironmentEngine,
    private readonly options: EnvironmentBuilderOptions = {},
  ) {}

  get baseImage(): string {
    return this.options.baseImage ?? this.engine.image;
  }

  /** `rebuild`: build anew even when the image exists, and remove the one it replaces. */
  async imageFor(requirements: readonly string[], options: ImageRequest = {}): Promise<string> {
    const wanted = [...new Set(requirements)].sort();
    if (wanted.length === 0) return this.baseImage;
    if (options.signal?.aborted) throw new EnvironmentError('Installing the requirements was cancelled.');
    const allowSourceBuilds = this.options.allowSourceBuilds === true;
    const sources = allowSourceBuilds ? [] : sourceRequirements(wanted);
    if (sources.length > 0) {
      throw new EnvironmentError(
        `Not installed: ${sources.map((r) => `'${withoutCredentials(r)}'`).join(', ')} names a source to build rather than a package on an index, and building runs its own code; ` +
          `Self-Heal installs wheels only unless source builds are allowed (${ALLOW_SOURCE_BUILDS_HINT}).`,
      );
    }
    const { docker } = await this.engine.connect();
    const base = await this.inspectBase(docker);
    const job = pipJob(this.options.pipArgs ?? [], this.options.pipEnv ?? {}, { allowSourceBuilds });
    const hash = environmentHash(this.baseImage, base.Id, wanted, job);
    const tag = `${ENVIRONMENT_REPOSITORY}:${hash}`;
    const waiter = { signal: options.signal, onProgress: options.onProgress ?? this.options.onProgress };
    const running = this.running(tag);
    if (running) {
      options.onBuild?.();
      return running.join(waiter).then(() => tag);
    }
    const replaced = await existingImageId(docker, tag);
    if (replaced && !options.rebuild) return tag;
    options.onBuild?.();
    const imageLabels = environmentLabels(hash, { requirements: wanted, baseImage: this.baseImage, baseImageId: base.Id, sourceBuilds: allowSourceBuilds });
    const build = this.running(tag) ?? this.start(docker, { baseImage: this.baseImage, baseConfig: base.Config, tag, requirements: wanted, job, imageLabels });
    await build.join(waiter);
    // The tag moved to the new image; the old one is unnamed now (a container may still use it).
    if (replaced) await docker.getImage(replaced).remove().catch(() => undefined);
    return tag;
  }

  private running(tag: string): SharedBuild | undefined {
    const build = this.builds.get(tag);
    return build && !build.abandoned ? build : undefined;
  }

  private start(docker: Docker, what: Pick<BuildSpec, 'baseImage' | 'baseConfig' | 'tag' | 'requirements' | 'job' | 'imageLabels'>): SharedBuild {
    const spec: BuildSpec = {
      ...what,
      network: this.options.buildNetwork ?? 'bridge',
      labels: { ...this.engine.labels },
      timeoutMs: this.options.buildTimeoutMs ?? DEFAULT_BUILD_TIMEOUT_MS,
      diskBytes: this.options.buildDiskBytes,
    };
    const build = new SharedBuild((signal, onLine) => buildEnvironmentImage(docker, spec, signal, onLine));
    this.builds.set(spec.tag, build);
    void build.done
      .catch(() => undefined)
      .finally(() => {
        if (this.builds.get(spec.tag) === build) this.builds.delete(spec.tag);
      });
    return build;
  }

  private async inspectBase(docker: Docker): Promise<Docker.ImageInspectInfo> {
    await ensureImage(docker, this.baseImage);
    return withDeadline(docker.getImage(this.baseImage).inspect(), INSPECT_DEADLINE_MS, `inspect image ${this.baseImage}`);
  }
}

/**
 * The environment's identity: the base image (by name and content, so a new base gives a new
 * environment), the requirements, and pip's options and environment (an index URL changes what gets
 * installed; whether source builds were allowed changes how). Index credentials in those settings
 * reach the tag only through this one-way hash. 16 hex digits: a collision among one machine's
 * environments is not a practical concern.
 */
export function environmentHash(baseImage: string, baseImageId: string, requirements: readonly string[], job: PipJob): string {
  const env = Object.entries(job.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const identity = JSON.stringify({ baseImage, baseImageId, requirements, args: job.args, env, sourceBuilds: job.sourceBuilds });
  return createHash('sha256').update(identity).digest('hex').slice(0, 16);
}

/** The image's ID, or undefined when there is none by that name. */
async function existingImageId(docker: Docker, image: string): Promise<string | undefined> {
  try {
    return (await withDeadline(docker.getImage(image).inspect(), INSPECT_DEADLINE_MS, `inspect image ${image}`)).Id;
  } catch (error) {
    if (!(error instanceof EngineError) && (error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}
