// A minimal ustar archive of small text files under one folder, for the engine's putArchive
// (which takes nothing else). Paths must be short (under 100 bytes): these are our own names.

const BLOCK = 512;

export function tarOf(folder: string, files: Readonly<Record<string, string>>): Buffer {
  const blocks: Buffer[] = [header(`${folder}/`, 0, '5', 0o755)];
  for (const [name, text] of Object.entries(files)) {
    const body = Buffer.from(text, 'utf8');
    blocks.push(header(`${folder}/${name}`, body.length, '0', 0o644), body, Buffer.alloc(padding(body.length)));
  }
  blocks.push(Buffer.alloc(BLOCK * 2)); // two empty blocks end the archive
  return Buffer.concat(blocks);
}

function header(name: string, size: number, type: '0' | '5', mode: number): Buffer {
  if (Buffer.byteLength(name) >= 100) throw new Error(`tar entry name too long: ${name}`);
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  writeOctal(block, 100, 8, mode);
  writeOctal(block, 108, 8, 0); // uid: root
  writeOctal(block, 116, 8, 0); // gid
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
