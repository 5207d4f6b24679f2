import * as assert from 'assert';
import { declaredCoding, decodeSource, encodeSource } from '../../src/core/files/sourceText';

const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('source text: bytes <-> text in the file\'s own encoding', () => {
  it('finds a PEP 263 coding line on line 1, or on line 2 under a comment', () => {
    assert.strictEqual(declaredCoding('# -*- coding: latin-1 -*-\nx = 1\n'), 'latin-1');
    assert.strictEqual(declaredCoding('#!/usr/bin/env python\r\n# vim: set fileencoding=iso-8859-1 :\r\n'), 'iso-8859-1');
    assert.strictEqual(declaredCoding('x = 1\n# coding: latin-1\n'), undefined);
    assert.strictEqual(declaredCoding('x = 1\n'), undefined);
  });

  it('decodes a declared Latin-1 file and encodes it back to the same bytes', () => {
    const bytes = latin1('# -*- coding: latin-1 -*-\nname = "café"\n');
    const decoded = decodeSource(bytes);
    assert.deepStrictEqual(decoded, { ok: true, text: '# -*- coding: latin-1 -*-\nname = "café"\n', encoding: 'latin-1', bom: false });
    assert.deepStrictEqual(encodeSource('# -*- coding: latin-1 -*-\nname = "café"\n', false), { ok: true, bytes });
  });

  it('keeps a UTF-8 BOM out of the text and puts it back first', () => {
    const decoded = decodeSource(Buffer.concat([BOM, Buffer.from('print("é")\n')]));
    assert.deepStrictEqual(decoded, { ok: true, text: 'print("é")\n', encoding: 'utf-8', bom: true });
    assert.deepStrictEqual(encodeSource('import os\nprint("é")\n', true), { ok: true, bytes: Buffer.concat([BOM, Buffer.from('import os\nprint("é")\n')]) });
  });

  it('refuses invalid UTF-8 without a coding line, and a codec it cannot write when the file is not ASCII', () => {
    assert.deepStrictEqual(decodeSource(latin1('name = "café"\n')), { ok: false, reason: 'it is not valid UTF-8 and has no coding line (PEP 263) naming its encoding' });
    assert.deepStrictEqual(decodeSource(Buffer.concat([Buffer.from('# coding: cp1252\nx = "'), Buffer.from([0x80]), Buffer.from('"\n')])), {
      ok: false, reason: 'its coding line names cp1252, which Self-Heal cannot write back (UTF-8, Latin-1 and ASCII it can)',
    });
    assert.deepStrictEqual(decodeSource(Buffer.from('# coding: cp1252\nx = 1\n')), { ok: true, text: '# coding: cp1252\nx = 1\n', encoding: 'ascii', bom: false });
  });

  it('refuses to encode a character the declared codec cannot hold', () => {
    assert.deepStrictEqual(encodeSource('# coding: latin-1\nx = "€"\n', false), { ok: false, reason: 'U+20AC cannot be written in latin-1, the encoding its coding line names' });
  });
});
