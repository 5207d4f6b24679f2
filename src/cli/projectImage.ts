// The image `run` and `heal` use, chosen as the editor chooses it (core/environment/runImageChoice.ts):
// --image wins; else the Python version the project's root states picks from --python-images laid
// over the official images; else the default image. One runner serves a command, so targets under
// another root that would choose another image are named rather than run in it silently.
import * as path from 'path';
import { chooseRunImage, type RunImageChoice } from '../core/environment/runImageChoice';
import { readStatedPython } from '../core/environment/statedPython';
import { DEFAULT_IMAGE } from '../sandbox/dockerSandbox';
import { UsageError } from './cliArgs';
import type { RunTarget } from './runTargets';

export interface ProjectImageOptions {
  runner: 'docker' | 'local';
  /** --image, when given. */
  image?: string;
  imagesByPythonVersion: Record<string, string>;
}

/** The choice for the first target's root, and a line for each other root that would choose otherwise. */
export async function chooseCommandImage(options: ProjectImageOptions, targets: readonly RunTarget[], cwd: string): Promise<{ choice: RunImageChoice; others: string[] } | undefined> {
  if (options.runner === 'local' || targets.length === 0) return undefined;
  const roots = [...new Set(targets.map((target) => target.runSet.root))];
  const choices = await Promise.all(roots.map(async (root) => chooseRunImage({
    explicitImage: options.image,
    defaultImage: DEFAULT_IMAGE,
    imagesByVersion: options.imagesByPythonVersion,
    stated: await readStatedPython(root),
    names: { image: '--image', table: '--python-images' },
  })));
  const [choice] = choices;
  const others = choices.slice(1).flatMap((other, i) => other.image === choice.image ? [] : [
    `${path.relative(cwd, roots[i + 1]) || '.'}: ${other.reason}, but it runs in ${choice.image} with the other files; run it on its own to use its image`,
  ]);
  return { choice, others };
}

/**
 * The lines the human output says them in (after "self-heal: "): none when the project states no
 * version and nothing needs saying, since the image is then the one named (or the default) as ever.
 */
export function imageLines(chosen: { choice: RunImageChoice; others: string[] }): string[] {
  const { choice, others } = chosen;
  if (!choice.projectStated && !choice.warning && others.length === 0) return [];
  return [`image: ${choice.reason}`, ...(choice.warning ? [choice.warning] : []), ...others];
}

/** `--python-images 3.9=python:3.9-slim,3.12=registry.example/py:3.12` as a table; "3.9=" removes an official one. */
export function pythonImagesFlag(value: string | undefined): Record<string, string> {
  if (value === undefined) return {};
  const table: Record<string, string> = {};
  for (const entry of value.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    const match = /^(\d+\.\d+)=(.*)$/.exec(entry);
    if (!match) throw new UsageError(`--python-images takes VERSION=IMAGE pairs separated by commas, such as 3.9=python:3.9-slim, not "${entry}"`);
    table[match[1]] = match[2].trim();
  }
  return table;
}
