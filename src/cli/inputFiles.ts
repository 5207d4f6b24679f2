// Checks the files named on the command line before anything runs: one clear line per problem.
import * as fs from 'fs/promises';
import { declaredCoding, decodeSource } from '../core/files/sourceText';

export const MAX_ENTRY_BYTES = 1024 * 1024;

export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Resolves when `file` is a readable Python source file of sensible size, in an encoding we can write back. */
export async function checkPythonFile(file: string): Promise<void> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${code})`);
  }
  if (stat.isDirectory()) throw new InputError(`${file}: is a directory; name the Python files to run`);
  if (!stat.isFile()) throw new InputError(`${file}: is not a regular file`);
  if (!file.endsWith('.py')) throw new InputError(`${file}: not a Python file (expected a name ending in .py)`);
  if (stat.size > MAX_ENTRY_BYTES) {
    throw new InputError(`${file}: too large (${(stat.size / 1024 / 1024).toFixed(1)} MiB; the limit is ${MAX_ENTRY_BYTES / 1024 / 1024} MiB)`);
  }
  let content: Buffer;
  try {
    content = await fs.readFile(file);
  } catch (error) {
    throw new InputError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
  if (content.includes(0)) throw new InputError(`${file}: is binary, not Python source text`);
  // A file in a codec we cannot write back still runs; only writing it back is refused (healedFileWriter).
  const decoded = decodeSource(content);
  if (!decoded.ok && declaredCoding(content.subarray(0, 1024).toString('latin1')) === undefined) {
    throw new InputError(`${file}: cannot be read as Python source: ${decoded.reason}`);
  }
}
