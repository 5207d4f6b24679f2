// A minimal ustar archive of small text files and folders, for the engine's putArchive (which takes
// nothing else). Paths must be short (under 100 bytes): these are our own names. The engine extracts
// as root and keeps each entry's owner, which is how a folder comes to belong to the build user.

const BLOCK = 512;

export interface TarEntry {
  /** Relative path; a folder's ends with "/". */
  name: string;
  /** Absent for a folder. */
  text?: string;
  mode: number;
  /** Owner uid and gid; default 0 (root). */
  owner?: number;
}

export function tarOf(folder: string, files: Readonly<Record<string, string>>): Buffer {
  return tarOfEntries([
    { name: `${folder}/`, mode: 0o755 },
    ...Object.entries(files).map(([name, text]) => ({ name: `${folder}/${name}`, text, mode: 0o644 })),
  ]);
}

export function tarOfEntries(entries: readonly TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const body = Buffer.from(entry.text ?? '', 'utf8');
    const folder = entry.text === undefined;
    blocks.push(header(entry.name, body.length, folder ? '5' : '0', entry.mode, entry.owner ?? 0));
    if (!folder) blocks.push(body, Buffer.alloc(padding(body.length)));
  }
  blocks.push(Buffer.alloc(BLOCK * 2)); // two empty blocks end the archive
  return Buffer.concat(blocks);
}

function header(name: string, size: number, type: '0' | '5', mode: number, owner: number): Buffer {
  if (Buffer.byteLength(name) >= 100) throw new Error(`tar entry name too long: ${name}`);
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  writeOctal(block, 100, 8, mode);
  writeOctal(block, 108, 8, owner); // uid
  writeOctal(block, 116, 8, owner); // gid
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, Math.floor(Date.now() / 1000));
  block.write(' '.repeat(8), 148, 8, 'ascii'); // the checksum counts its own field as spaces
  block.write(type, 156, 1, 'ascii');
  block.write('ustar\u000000', 257, 8, 'ascii');
  const checksum = block.reduce((sum, byte) => sum + byte, 0);
  block.write(`${checksum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
  return block;
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'ascii');
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}
