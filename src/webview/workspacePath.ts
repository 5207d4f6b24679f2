// Paths from the webview are untrusted: they resolve only to files inside a workspace folder.
import * as path from 'path';

/**
 * The absolute path of `requested` (relative to `root`, or absolute) when it lies inside `root`;
 * undefined for anything that escapes it (`..`, another absolute path, another drive).
 */
export function resolveInside(root: string, requested: string, paths: path.PlatformPath = path): string | undefined {
  if (requested.includes('\0')) return undefined;
  const resolved = paths.resolve(root, requested);
  const relative = paths.relative(root, resolved);
  if (relative === '' || relative === '..' || relative.startsWith(`..${paths.sep}`) || paths.isAbsolute(relative)) return undefined;
  return resolved;
}
