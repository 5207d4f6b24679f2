// Keeps every path a tool is given inside the workspace: the folder the server was started in, or
// the roots the client names. A path that leaves it lexically (`..`, an absolute path elsewhere) or
// through a symbolic link is refused before anything is read or run.
import * as fs from 'fs/promises';
import * as path from 'path';
import { fileURLToPath } from 'url';

export class OutsideWorkspaceError extends Error {
  override readonly name = 'OutsideWorkspaceError';
}

export interface ConfinedPaths {
  /** The root (its real path) every path lies in; targets are collected from here. */
  root: string;
  /** The paths relative to `root`, with `/` separators ("." for the root itself). */
  relative: string[];
}

/**
 * The paths resolved against the first root and checked to lie, with every link followed, in one
 * root. Paths that do not exist yet are checked through their nearest existing folder, so the
 * refusal does not depend on what exists outside.
 */
export async function confinePaths(named: readonly string[], roots: readonly string[]): Promise<ConfinedPaths> {
  const realRoots = await Promise.all(roots.map((root) => fs.realpath(root).catch(() => path.resolve(root))));
  let chosen: string | undefined;
  const relative: string[] = [];
  for (const name of named) {
    const absolute = path.resolve(roots[0], name);
    const real = await realPathOf(absolute);
    const root = realRoots.find((candidate) => isWithinOrSame(real, candidate));
    const lexical = roots.some((candidate) => isWithinOrSame(absolute, path.resolve(candidate)));
    if (root === undefined) {
      const why = lexical ? `it leads through a link to ${real}, outside the workspace` : 'it is outside the workspace';
      throw new OutsideWorkspaceError(`${name}: refused: ${why} (${realRoots.join(', ')}); name files inside it`);
    }
    if (chosen !== undefined && chosen !== root) {
      throw new OutsideWorkspaceError(`${name}: refused: it is in another workspace root than ${named[0]}; name files of one root per call`);
    }
    chosen = root;
    relative.push(toPosix(path.relative(root, real)) || '.');
  }
  if (chosen === undefined) throw new OutsideWorkspaceError('name at least one path');
  return { root: chosen, relative };
}

/** The real path, or for a path that does not exist the real path of its nearest existing folder joined with the rest. */
async function realPathOf(absolute: string): Promise<string> {
  try {
    return await fs.realpath(absolute);
  } catch {
    const parent = path.dirname(absolute);
    if (parent === absolute) return absolute;
    return path.join(await realPathOf(parent), path.basename(absolute));
  }
}

function isWithinOrSame(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative));
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}

/** The local folders among a client's roots (`file://` URIs); others are not ours to reach. */
export function folderRoots(uris: readonly string[]): string[] {
  return uris.flatMap((uri) => {
    if (!uri.startsWith('file://')) return [];
    try {
      return [fileURLToPath(uri)];
    } catch {
      return [];
    }
  });
}
