// Reads a file of the user's project only when it is a regular file inside the project's root, of a
// bounded size, within a deadline. A cloned repository decides what its files are: a symlink to a
// token file, a FIFO that never ends or a link to /dev/zero must not reach a package index, hang a
// run or fill memory. Refusals name the file and why, never its contents.
import { constants } from 'fs';
import * as fs from 'fs/promises';
import * as path from 'path';
import { describeBytes } from '../run/limits';

export const SAFE_READ_DEADLINE_MS = 5_000;
const READ_CHUNK = 64 * 1024;

export interface SafeReadOptions {
  /** The file must resolve (symlinks followed) to a path inside this folder. */
  root: string;
  /** The root with its symlinks resolved, when the caller already knows it (one lookup per run set). */
  realRoot?: string;
  maxBytes: number;
  /** How the file is named in a refusal, e.g. "requirements.txt". Default: its path from the root. */
  label?: string;
  deadlineMs?: number;
}

export type RefusalReason = 'outside' | 'kind' | 'size' | 'unreadable' | 'slow';

export class FileRefusedError extends Error {
  override readonly name = 'FileRefusedError';
  constructor(message: string, readonly reason: RefusalReason) {
    super(message);
  }
}

/** O_NOFOLLOW: the checked path cannot be swapped for a link; O_NONBLOCK: opening a FIFO returns at once. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** The file's bytes, or undefined when it does not exist; throws FileRefusedError for anything unsafe. */
export async function readFileSafely(file: string, options: SafeReadOptions): Promise<Buffer | undefined> {
  const label = options.label ?? (path.relative(options.root, file) || file);
  const real = await fs.realpath(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined; // also a dangling link: nothing to read
    throw new FileRefusedError(`${label}: cannot be read (${error.code})`, 'unreadable');
  });
  if (real === undefined) return undefined;
  const realRoot = options.realRoot ?? (await realRootOf(options.root));
  if (!isWithin(real, realRoot)) {
    throw new FileRefusedError(`${label}: is a symbolic link that leads outside ${options.root}; Self-Heal reads only regular files inside the project`, 'outside');
  }
  const handle = await fs.open(real, OPEN_FLAGS).catch((error: NodeJS.ErrnoException) => {
    throw new FileRefusedError(`${label}: cannot be read (${error.code})`, 'unreadable');
  });
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new FileRefusedError(`${label}: is ${kindOf(stat)}, not a regular file; Self-Heal reads only regular files`, 'kind');
    if (stat.size > options.maxBytes) throw tooLarge(label, options.maxBytes);
    return await withDeadline(readAtMost(handle, stat.size, options.maxBytes, label), options.deadlineMs ?? SAFE_READ_DEADLINE_MS, label);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Reads the file in one call when it has the size its stat gave (asking for a byte more finds the
 * end), else in chunks; more than maxBytes means it grew past its stat, and is refused the same way.
 */
async function readAtMost(handle: fs.FileHandle, size: number, maxBytes: number, label: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  let want = size + 1;
  while (total <= maxBytes) {
    const chunk = Buffer.alloc(Math.min(want, maxBytes + 1 - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
    if (bytesRead < chunk.length) break;
    want = READ_CHUNK;
  }
  if (total > maxBytes) throw tooLarge(label, maxBytes);
  return Buffer.concat(chunks, total);
}

/** The root as readFileSafely compares against it. */
export function realRootOf(root: string): Promise<string> {
  return fs.realpath(root).catch(() => path.resolve(root));
}

function withDeadline<T>(work: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FileRefusedError(`${label}: reading it took longer than ${ms / 1000} s`, 'slow')), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function tooLarge(label: string, maxBytes: number): FileRefusedError {
  return new FileRefusedError(`${label}: is larger than ${describeBytes(maxBytes)}, the most Self-Heal reads of such a file`, 'size');
}

function kindOf(stat: import('fs').Stats): string {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isDirectory()) return 'a directory';
  return 'not a regular file';
}

function isWithin(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
