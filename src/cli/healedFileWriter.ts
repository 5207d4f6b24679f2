// Writes healed files back, never over a change made while the heal ran, and never half a file.
import * as fs from 'fs/promises';
import * as path from 'path';

export interface WriteOutcome {
  written: string[];
  /** Path -> why it was not written. */
  skipped: Record<string, string>;
}

/**
 * `changed` maps root-relative paths to new text; `original` holds the text the heal started from
 * (absent for a file the heal creates, such as requirements.txt).
 */
export async function writeHealedFiles(root: string, changed: Readonly<Record<string, string>>, original: Readonly<Record<string, string>>): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { written: [], skipped: {} };
  for (const [relative, text] of Object.entries(changed)) {
    const target = path.resolve(root, relative);
    const onDisk = await fs.readFile(target, 'utf8').catch(() => undefined);
    if (onDisk !== original[relative]) {
      outcome.skipped[relative] = onDisk === undefined ? 'it was removed while healing' : 'it changed on disk while healing';
      continue;
    }
    // Write beside it and rename, so a crash leaves the old file or the new one, not a mix.
    const temporary = `${target}.self-heal-${process.pid}.tmp`;
    const mode = await fs.stat(target).then((s) => s.mode, () => undefined);
    await fs.writeFile(temporary, text, { encoding: 'utf8', mode });
    await fs.rename(temporary, target);
    outcome.written.push(relative);
  }
  return outcome;
}
