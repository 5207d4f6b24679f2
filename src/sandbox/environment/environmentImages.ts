// The environment images on an engine: what each holds (from its labels) and their removal. Labels
// carry only what may be shown: requirements without URL credentials, the base image's name and ID,
// and whether source builds were allowed; index settings appear only inside the tag's hash.
import type Docker from 'dockerode';
import { withDeadline } from '../../core/run/engineError';
import { withoutCredentials } from '../../core/environment/requirementSources';

/** On every derived image: the environment's hash, so they can be listed and removed. */
export const LABEL_ENVIRONMENT = 'dev.self-heal.environment';
export const LABEL_REQUIREMENTS = 'dev.self-heal.requirements';
export const LABEL_BASE_IMAGE = 'dev.self-heal.base-image';
export const LABEL_BASE_IMAGE_ID = 'dev.self-heal.base-image-id';
export const LABEL_SOURCE_BUILDS = 'dev.self-heal.source-builds';

/** A label value survives a commit's `LABEL k=v` only in [\w.-]: text goes in as unpadded base64url. */
const MAX_LABEL_CHARS = 4000;
const LIST_DEADLINE_MS = 30_000;

export interface EnvironmentImage {
  id: string;
  tag: string;
  created: Date;
  sizeBytes: number;
  requirements: string[];
  baseImage: string;
  baseImageId: string;
  sourceBuilds: boolean;
}

export function environmentLabels(hash: string, what: { requirements: readonly string[]; baseImage: string; baseImageId: string; sourceBuilds: boolean }): Record<string, string> {
  const shown = what.requirements.map(withoutCredentials);
  // A very long list is cut (the tag's hash still covers all of it), so the commit's query stays short.
  while (shown.length > 1 && encode(JSON.stringify(shown)).length > MAX_LABEL_CHARS) shown.pop();
  if (shown.length < what.requirements.length) shown.push(`(+${what.requirements.length - shown.length} more)`);
  return {
    [LABEL_ENVIRONMENT]: hash,
    [LABEL_REQUIREMENTS]: encode(JSON.stringify(shown)),
    [LABEL_BASE_IMAGE]: encode(what.baseImage),
    [LABEL_BASE_IMAGE_ID]: what.baseImageId.replace(/^sha256:/, ''),
    [LABEL_SOURCE_BUILDS]: String(what.sourceBuilds),
  };
}

export async function listEnvironmentImages(docker: Docker): Promise<EnvironmentImage[]> {
  const images = await withDeadline(docker.listImages({ filters: { label: [LABEL_ENVIRONMENT] } }), LIST_DEADLINE_MS, 'list environment images');
  return images
    .map((image) => {
      const labels = image.Labels ?? {};
      return {
        id: image.Id,
        tag: (image.RepoTags ?? []).find((tag) => !tag.startsWith('<none>')) ?? '<none>',
        created: new Date(image.Created * 1000),
        sizeBytes: image.Size,
        requirements: decodeList(labels[LABEL_REQUIREMENTS]),
        baseImage: decode(labels[LABEL_BASE_IMAGE]) ?? '',
        baseImageId: labels[LABEL_BASE_IMAGE_ID] ?? '',
        sourceBuilds: labels[LABEL_SOURCE_BUILDS] === 'true',
      };
    })
    .sort((a, b) => a.created.getTime() - b.created.getTime());
}

export interface PruneResult {
  removed: EnvironmentImage[];
  /** Images the engine would not remove (a container still uses them), with its reason. */
  kept: Array<{ image: EnvironmentImage; reason: string }>;
}

/** Removes the environment images created before `olderThan` and named in `tags` (all of them when both are absent). */
export async function pruneEnvironmentImages(docker: Docker, { olderThan, tags }: { olderThan?: Date; tags?: readonly string[] } = {}): Promise<PruneResult> {
  const result: PruneResult = { removed: [], kept: [] };
  for (const image of await listEnvironmentImages(docker)) {
    if (olderThan && image.created >= olderThan) continue;
    if (tags && !tags.includes(image.tag)) continue;
    try {
      await withDeadline(docker.getImage(image.id).remove(), LIST_DEADLINE_MS, `remove image ${image.tag}`);
      result.removed.push(image);
    } catch (error) {
      result.kept.push({ image, reason: (error as { json?: { message?: string } }).json?.message ?? (error as Error).message });
    }
  }
  return result;
}

function encode(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function decode(value: string | undefined): string | undefined {
  return value ? Buffer.from(value, 'base64url').toString('utf8') : undefined;
}

function decodeList(value: string | undefined): string[] {
  try {
    const list: unknown = JSON.parse(decode(value) ?? '[]');
    return Array.isArray(list) ? list.map(String) : [];
  } catch {
    return [];
  }
}
