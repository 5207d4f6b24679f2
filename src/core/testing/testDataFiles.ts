// The project's other files a test may read (JSON fixtures, expected outputs, small text data): sent
// with the Python files so a test that opens `tests/data/case.json` finds it in the sandbox as on
// disk. The walk skips what a program's run set skips (virtual environments, build output, caches,
// hidden folders) and hidden files too (.env, .pypirc: secrets more often than test data). A file is
// sent only as UTF-8 text without NUL bytes (the run's files are text), at most 1 MiB, while it fits
// in what the Python files left of the run set's 8 MiB; anything else is left out, never an error,
// so a large data folder beside the tests cannot stop them.
import * as fs from 'fs/promises';
import * as path from 'path';
import { FileRefusedError, readFileSafely, realRootOf } from '../files/safeFileRead';
import { RUN_SET_MAX_FILES, SKIPPED_FOLDERS } from '../program/runSet';

export const DATA_FILE_MAX_BYTES = 1024 * 1024;

export interface DataFiles {
  /** Root-relative POSIX path -> text. */
  files: Record<string, string>;
  /** Root-relative paths of the files found but not sent (binary, too large, past the budget, unsafe). */
  leftOut: string[];
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The data files under `root` within `budget` bytes, skipping the names in `taken` (already sent). */
export async function collectDataFiles(root: string, budget: number, taken: ReadonlySet<string>): Promise<DataFiles> {
  const files: Record<string, string> = {};
  const leftOut: string[] = [];
  const realRoot = await realRootOf(root);
  let left = budget;
  for (const file of await listDataFiles(root, RUN_SET_MAX_FILES)) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    if (taken.has(relative)) continue;
    const text = await dataFileText(file, root, realRoot, Math.min(DATA_FILE_MAX_BYTES, left));
    if (text === undefined) {
      leftOut.push(relative);
      continue;
    }
    files[relative] = text.text;
    left -= text.bytes;
  }
  return { files, leftOut };
}

async function dataFileText(file: string, root: string, realRoot: string, maxBytes: number): Promise<{ text: string; bytes: number } | undefined> {
  try {
    const content = await readFileSafely(file, { root, realRoot, maxBytes: Math.max(maxBytes, 0) });
    if (content === undefined || content.includes(0)) return undefined;
    return { text: UTF8.decode(content), bytes: content.length };
  } catch (error) {
    // Refused (a link out of the project, no regular file, too large) or not UTF-8: not sent.
    if (error instanceof FileRefusedError || error instanceof TypeError) return undefined;
    throw error;
  }
}

/** The files under `dir` that are not Python files, sorted, walking as a run set walks; stops after `stopAfter`. */
async function listDataFiles(dir: string, stopAfter: number): Promise<string[]> {
  const result: string[] = [];
  const pending = [dir];
  while (pending.length > 0 && result.length < stopAfter) {
    const current = pending.pop() as string;
    const entries = await fs.readdir(current, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) pending.push(full);
      else if ((entry.isFile() || entry.isSymbolicLink()) && !entry.name.endsWith('.py') && !entry.name.endsWith('.pyc')) result.push(full);
    }
  }
  return result.sort();
}
