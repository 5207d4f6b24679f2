// The run set: the entry file plus the Python files it can import, i.e. its folder tree
// (Python puts the script's folder first on sys.path). Copied into the sandbox, never mounted.
import * as fs from 'fs/promises';
import * as path from 'path';
import { describeBytes } from '../run/limits';
import { FileRefusedError, readFileSafely, realRootOf } from '../files/safeFileRead';
import { sourceTextForRun } from '../files/sourceText';

export interface RunSet {
  /** Folder the relative paths start from; the program's working folder in the sandbox. */
  root: string;
  /** Root-relative POSIX path -> text. */
  files: Record<string, string>;
  /** Root-relative POSIX path of the entry file. */
  entry: string;
  totalBytes: number;
}

export interface RunSetOptions {
  /** The workspace folder; the entry's folder when absent or when the entry lies outside it. */
  root?: string;
  maxBytes?: number;
  maxFiles?: number;
}

export const RUN_SET_MAX_BYTES = 8 * 1024 * 1024;
export const RUN_SET_MAX_FILES = 2000;

/** Folders that hold other people's code or build output, never the user's program. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  'node_modules', '__pycache__', 'site-packages', 'dist-packages', 'venv', '.venv', 'env', '.env',
  'build', 'dist', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.git', '.hg', '.svn',
]);

export class RunSetError extends Error {
  override readonly name = 'RunSetError';
}

export async function collectRunSet(entryPath: string, options: RunSetOptions = {}): Promise<RunSet> {
  const maxBytes = options.maxBytes ?? RUN_SET_MAX_BYTES;
  const maxFiles = options.maxFiles ?? RUN_SET_MAX_FILES;
  const entryAbs = path.resolve(entryPath);
  const entryDir = path.dirname(entryAbs);
  const root = options.root && isInside(entryAbs, path.resolve(options.root)) ? path.resolve(options.root) : entryDir;

  const found = [entryAbs, ...(await listPythonFiles(entryDir, maxFiles + 1)).filter((f) => f !== entryAbs)];
  if (found.length > maxFiles) {
    throw new RunSetError(
      `${entryDir} holds more than ${maxFiles} Python files; Self-Heal copies the entry file's folder tree into the sandbox. ` +
        'Move the program into a smaller folder.',
    );
  }
  const { files, totalBytes } = await readFilesCapped(found, root, maxBytes, () =>
    `The Python files under ${entryDir} exceed ${describeBytes(maxBytes)}; ` +
      'Self-Heal copies the entry file\'s folder tree into the sandbox. Move the program into a smaller folder.',
  );
  return { root, files, entry: toPosix(path.relative(root, entryAbs)), totalBytes };
}

/** Reads `found` keyed by their POSIX path from `root`, stopping with `tooBig()` past `maxBytes` in all. */
export async function readFilesCapped(found: readonly string[], root: string, maxBytes: number, tooBig: () => string): Promise<{ files: Record<string, string>; totalBytes: number }> {
  const files: Record<string, string> = {};
  let totalBytes = 0;
  const realRoot = await realRootOf(root);
  for (const file of found) {
    const content = await readRunSetFile(file, { root, realRoot }, maxBytes - totalBytes, tooBig);
    totalBytes += content.length;
    // Decoded as Python reads it (BOM, coding line), so a fix never lands before a BOM.
    files[toPosix(path.relative(root, file))] = sourceTextForRun(content);
  }
  return { files, totalBytes };
}

/** A file of the run set, refused when it leads out of `root` or is no regular file; `budget` is what is left of the cap. */
async function readRunSetFile(file: string, roots: { root: string; realRoot: string }, budget: number, tooBig: () => string): Promise<Buffer> {
  try {
    const content = await readFileSafely(file, { ...roots, maxBytes: Math.max(budget, 0), label: file });
    if (content === undefined) throw new RunSetError(`${file}: no such file`);
    return content;
  } catch (error) {
    if (error instanceof FileRefusedError) throw new RunSetError(error.reason === 'size' ? tooBig() : error.message);
    throw error;
  }
}

/** Files at a program's root that decide its environment; they travel with its Python files. */
export const ENVIRONMENT_FILES = ['requirements.txt', 'pyproject.toml'];

/** Far above any real requirements file; a bound on what a hostile one can make us hold. */
export const ENVIRONMENT_FILE_MAX_BYTES = 256 * 1024;

/**
 * `files` plus the environment files found at `root`. Each must be a regular file inside `root`
 * (their lines become package names sent to an index): anything else stops the run with a RunSetError.
 */
export async function withEnvironmentFiles(files: Readonly<Record<string, string>>, root: string): Promise<Record<string, string>> {
  const all = { ...files };
  for (const name of ENVIRONMENT_FILES) {
    try {
      const content = await readFileSafely(path.join(root, name), { root, maxBytes: ENVIRONMENT_FILE_MAX_BYTES, label: path.join(root, name) });
      // Read as the write-back reads it (BOM dropped), so an unchanged file compares equal there.
      if (content !== undefined) all[name] = sourceTextForRun(content);
    } catch (error) {
      if (error instanceof FileRefusedError) throw new RunSetError(`${error.message}; its requirements were not read`);
      throw error;
    }
  }
  return all;
}

/** The `.py` files under `dir`, sorted, skipping SKIPPED_FOLDERS and hidden folders; stops looking after `stopAfter`. */
export async function listPythonFiles(dir: string, stopAfter: number): Promise<string[]> {
  const result: string[] = [];
  const pending = [dir];
  while (pending.length > 0 && result.length < stopAfter) {
    const current = pending.pop() as string;
    let entries;
    try {
      entries = await fs.readdir(current, { withFileTypes: true });
    } catch {
      continue; // an unreadable sub-folder cannot hold anything we could copy
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) {
        pending.push(full);
      } else if (entry.isFile() && entry.name.endsWith('.py')) {
        result.push(full);
      }
    }
  }
  return result.sort();
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}
