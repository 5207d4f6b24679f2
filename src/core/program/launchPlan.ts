// What to do with each file of a folder: run an entry point, import-check a module.
import type { FileRole } from './entryPoints';
import { importCheckLaunch } from './importCheck';
import type { Launch } from './launch';
import { entryLaunch } from './packageEntry';

export interface LaunchOptions {
  /** The project's top folder, relative to the run root ('' for the root). */
  importRoot?: string;
}

export function launchFor(files: Readonly<Record<string, string>>, path: string, role: FileRole, options: LaunchOptions = {}): Launch {
  return role === 'entry' ? entryLaunch(files, path, options) : importCheckLaunch(files, path, options);
}
