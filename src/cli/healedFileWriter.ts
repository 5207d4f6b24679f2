// Writes healed files back, never over a change made while the heal ran, never half a file, never
// through a link that leads out of the workspace, and in the file's own encoding. One file's failure
// is reported and the others are still written.
import { randomBytes } from 'crypto';
import * as fs from 'fs/promises';
import * as path from 'path';
import { decodeSource, encodeSource } from '../core/files/sourceText';

export interface WriteOutcome {
  written: string[];
  /** Path -> why it was not written. */
  skipped: Record<string, string>;
}

/** A reason not to write a file that is not an I/O error. */
class Refusal extends Error {}

/**
 * `changed` maps root-relative paths to new text; `original` holds the text the heal started from
 * (absent for a file the heal creates, such as requirements.txt).
 */
export async function writeHealedFiles(root: string, changed: Readonly<Record<string, string>>, original: Readonly<Record<string, string>>): Promise<WriteOutcome> {
  const written: string[] = [];
  const skipped = new Map<string, string>();
  const realRoot = await fs.realpath(root).catch(() => undefined);
  for (const [relative, text] of Object.entries(changed)) {
    try {
      if (realRoot === undefined) throw new Refusal('its folder was removed while healing');
      await writeOne(realRoot, relative, text, Object.hasOwn(original, relative) ? original[relative] : undefined);
      written.push(relative);
    } catch (error) {
      skipped.set(relative, error instanceof Refusal ? error.message : `it could not be written: ${(error as Error).message}`);
    }
  }
  return { written, skipped: Object.fromEntries(skipped) };
}

async function writeOne(realRoot: string, relative: string, text: string, original: string | undefined): Promise<void> {
  const target = await realTarget(realRoot, relative);
  const onDisk = await fs.readFile(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  const decoded = onDisk === undefined ? undefined : decodeSource(onDisk);
  if (decoded !== undefined && !decoded.ok) throw new Refusal(`it is left as it is: ${decoded.reason}`);
  if (decoded?.text !== original) throw new Refusal(onDisk === undefined ? 'it was removed while healing' : 'it changed on disk while healing');
  const encoded = encodeSource(text, decoded?.bom ?? false);
  if (!encoded.ok) throw new Refusal(`it is left as it is: ${encoded.reason}`);
  const mode = await fs.stat(target).then((s) => s.mode & 0o7777, () => 0o644);
  await replaceAtomically(target, encoded.bytes, mode);
}

/**
 * Where `relative` really is: a link is followed (and stays a link), but only to a place inside the
 * workspace, and only to a regular file.
 */
async function realTarget(realRoot: string, relative: string): Promise<string> {
  const target = path.resolve(realRoot, relative);
  if (!isWithin(target, realRoot)) throw new Refusal('it lies outside the workspace');
  const stat = await fs.lstat(target).catch(() => undefined);
  if (stat === undefined) {
    const folder = await fs.realpath(path.dirname(target));
    // A new file (requirements.txt a fix adds) may sit in the workspace's own folder.
    if (folder !== realRoot && !isWithin(folder, realRoot)) throw new Refusal(`its folder leads to ${folder}, outside the workspace`);
    return path.join(folder, path.basename(target));
  }
  const real = await fs.realpath(target);
  if (!isWithin(real, realRoot)) throw new Refusal(`it is a link to ${real}, outside the workspace`);
  if (!(await fs.stat(real)).isFile()) throw new Refusal('it is not a regular file');
  return real;
}

/**
 * Writes beside the target and renames, so a crash leaves the old file or the new one, not a mix.
 * The temporary name is random and created exclusively, so nothing planted at a name can be followed.
 */
async function replaceAtomically(target: string, bytes: Buffer, mode: number): Promise<void> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(8).toString('hex')}.self-heal.tmp`);
  const handle = await fs.open(temporary, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(bytes);
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

function isWithin(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative);
}
