// The run set of a folder named as a whole: every Python file under it, plus the packages it sits
// in, so that each file can be run or imported the way the project does. The files go into every run
// of the folder, whichever of them is the entry.
import * as fs from 'fs/promises';
import * as path from 'path';
import { describeBytes } from '../run/limits';
import { listPythonFiles, readFilesCapped, RUN_SET_MAX_BYTES, RUN_SET_MAX_FILES, RunSetError, type RunSetOptions } from './runSet';

export interface FolderRunSet {
  /** Folder the relative paths start from; the programs' working folder in the sandbox. */
  root: string;
  /** Root-relative POSIX path -> text. */
  files: Record<string, string>;
  /** The files under the named folder, the ones to run or check: root-relative, sorted. */
  listed: string[];
  /** The project's top folder, root-relative ('' for the root): the named folder, or the folder holding its package. */
  importRoot: string;
  totalBytes: number;
}

/** `options.root`: the workspace folder; the project's top folder when absent or when the folder lies outside it. */
export async function collectFolderRunSet(folder: string, options: RunSetOptions = {}): Promise<FolderRunSet> {
  const maxBytes = options.maxBytes ?? RUN_SET_MAX_BYTES;
  const maxFiles = options.maxFiles ?? RUN_SET_MAX_FILES;
  const named = path.resolve(folder);
  const workspace = options.root === undefined ? undefined : path.resolve(options.root);
  const within = workspace !== undefined && isWithin(named, workspace) ? workspace : undefined;
  const top = await projectTop(named, within);
  const root = within ?? top;

  const found = await listPythonFiles(top, maxFiles + 1);
  if (found.length > maxFiles) {
    throw new RunSetError(`${top} holds more than ${maxFiles} Python files; Self-Heal copies them into the sandbox. Name a smaller folder.`);
  }
  const { files, totalBytes } = await readFilesCapped(found, root, maxBytes, () =>
    `The Python files under ${top} exceed ${describeBytes(maxBytes)}; Self-Heal copies them into the sandbox. Name a smaller folder.`,
  );
  const listed = found.filter((file) => isWithin(file, named)).map((file) => toPosix(path.relative(root, file)));
  return { root, files, listed, importRoot: toPosix(path.relative(root, top)), totalBytes };
}

/**
 * A folder that is itself a package (it holds `__init__.py`) is imported from its parent: climb to the
 * folder above the outermost package, but not out of the workspace.
 */
async function projectTop(folder: string, workspace: string | undefined): Promise<string> {
  let top = folder;
  while (await exists(path.join(top, '__init__.py'))) {
    const parent = path.dirname(top);
    if (parent === top || (workspace !== undefined && !isWithin(parent, workspace))) break;
    top = parent;
  }
  return top;
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then((stat) => stat.isFile(), () => false);
}

function isWithin(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}
