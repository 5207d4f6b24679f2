// A Python file's bytes <-> the text the heal works on, keeping what the file was written in: UTF-8
// with or without a BOM, or the encoding its PEP 263 coding line names (Latin-1, ASCII). The text
// never holds the BOM, so an inserted line cannot land before it; the BOM is put back on writing.

export type SourceEncoding = 'utf-8' | 'latin-1' | 'ascii';

export type DecodedSource =
  | { ok: true; text: string; encoding: SourceEncoding; bom: boolean }
  | { ok: false; reason: string };

export type EncodedSource = { ok: true; bytes: Buffer } | { ok: false; reason: string };

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** PEP 263: a comment on line 1 or 2 naming the codec; line 2 counts only under a comment or blank line 1. */
const CODING = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
const FIRST_LINE_ALLOWS_SECOND = /^[ \t\f]*(#.*)?$/;

/** Python's own normalisation (tokenizer.c get_normal_name) plus the codec aliases Node can write. */
const ENCODING_NAMES: Record<string, SourceEncoding> = {
  'utf-8': 'utf-8', utf8: 'utf-8', 'utf-8-sig': 'utf-8', u8: 'utf-8', cp65001: 'utf-8',
  'latin-1': 'latin-1', latin1: 'latin-1', latin: 'latin-1', l1: 'latin-1', 'iso-8859-1': 'latin-1',
  'iso8859-1': 'latin-1', 'iso-latin-1': 'latin-1', '8859': 'latin-1', cp819: 'latin-1', 'iso-ir-100': 'latin-1',
  ascii: 'ascii', 'us-ascii': 'ascii', 646: 'ascii',
};

/** The codec a coding line names, as written ('cp1252'), or undefined when there is none. */
export function declaredCoding(firstLines: string): string | undefined {
  const [first = '', second = ''] = firstLines.split('\n', 2).map((line) => line.replace(/\r$/, ''));
  const hit = CODING.exec(first) ?? (FIRST_LINE_ALLOWS_SECOND.test(first) ? CODING.exec(second) : null);
  return hit?.[1];
}

function encodingNamed(name: string): SourceEncoding | undefined {
  const normal = name.toLowerCase().replace(/_/g, '-');
  if (normal.startsWith('utf-8-')) return 'utf-8';
  if (/^(latin-1|iso-8859-1|iso-latin-1)-/.test(normal)) return 'latin-1';
  return Object.hasOwn(ENCODING_NAMES, normal) ? ENCODING_NAMES[normal] : undefined;
}

export function decodeSource(bytes: Uint8Array): DecodedSource {
  const content = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = content.subarray(0, 3).equals(BOM);
  const body = bom ? content.subarray(3) : content;
  // The coding line is ASCII by definition, so reading the start as Latin-1 finds it in any file.
  const coding = declaredCoding(body.subarray(0, 1024).toString('latin1'));
  const encoding = bom || coding === undefined ? 'utf-8' : encodingNamed(coding);
  if (encoding === undefined) {
    // Any codec a coding line can name reads ASCII as ASCII, so such a file round-trips whatever the codec.
    if (!body.some((byte) => byte > 0x7f)) return { ok: true, text: body.toString('latin1'), encoding: 'ascii', bom };
    return { ok: false, reason: `its coding line names ${coding}, which Self-Heal cannot write back (UTF-8, Latin-1 and ASCII it can)` };
  }
  if (encoding === 'latin-1') return { ok: true, text: body.toString('latin1'), encoding, bom };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    if (encoding === 'ascii' && /[^\x00-\x7f]/.test(text)) return { ok: false, reason: 'its coding line says ASCII but it holds other characters' };
    return { ok: true, text, encoding, bom };
  } catch {
    return { ok: false, reason: 'it is not valid UTF-8 and has no coding line (PEP 263) naming its encoding' };
  }
}

/** The text's bytes in the encoding its own coding line names, with a BOM when `bom`. */
export function encodeSource(text: string, bom: boolean): EncodedSource {
  const coding = declaredCoding(text.slice(0, 1024));
  const encoding = bom || coding === undefined ? 'utf-8' : encodingNamed(coding) ?? 'ascii';
  const limit = encoding === 'latin-1' ? 0xff : encoding === 'ascii' ? 0x7f : undefined;
  if (limit !== undefined) {
    const outside = [...text].find((char) => (char.codePointAt(0) as number) > limit);
    if (outside !== undefined) {
      const code = (outside.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
      return { ok: false, reason: `U+${code} cannot be written in ${coding}, the encoding its coding line names` };
    }
    return { ok: true, bytes: Buffer.from(text, 'latin1') };
  }
  const utf8 = Buffer.from(text, 'utf8');
  return { ok: true, bytes: bom ? Buffer.concat([BOM, utf8]) : utf8 };
}

/** Text for running when the bytes cannot be decoded faithfully: the sandbox still gets something to run. */
export function sourceTextForRun(bytes: Uint8Array): string {
  const decoded = decodeSource(bytes);
  return decoded.ok ? decoded.text : Buffer.from(bytes).toString('utf8');
}
