// Reads what a project's root states about its Python: `.python-version` and pyproject.toml's
// requires-python. The root is the one requirements are read from (the workspace folder in the
// editor, the run set's root in the CLI). Read as every other project file is: a regular file inside
// the root, bounded; a file that is refused is noted, never followed.
import * as path from 'path';
import { FileRefusedError, readFileSafely } from '../files/safeFileRead';
import { pyprojectRequiresPython } from './pyprojectDependencies';
import type { StatedPython } from './runImageChoice';

export const PYTHON_VERSION_FILE = '.python-version';
const MAX_BYTES = 256 * 1024;

/** What the files at `root` state; a file that was refused is named in `notes`. */
export async function readStatedPython(root: string): Promise<StatedPython> {
  const refused: string[] = [];
  const read = async (name: string): Promise<string | undefined> => {
    try {
      const bytes = await readFileSafely(path.join(root, name), { root, maxBytes: MAX_BYTES, label: name });
      return bytes?.toString('utf8').replace(/^\uFEFF/, '');
    } catch (error) {
      if (!(error instanceof FileRefusedError)) throw error;
      refused.push(`${error.message}; its Python version was not used.`);
      return undefined;
    }
  };
  const pythonVersionFile = await read(PYTHON_VERSION_FILE);
  const pyproject = await read('pyproject.toml');
  const requiresPython = pyproject === undefined ? undefined : pyprojectRequiresPython(pyproject);
  return {
    ...(pythonVersionFile !== undefined ? { pythonVersionFile } : {}),
    ...(requiresPython !== undefined ? { requiresPython } : {}),
    ...(refused.length > 0 ? { notes: refused } : {}),
  };
}
