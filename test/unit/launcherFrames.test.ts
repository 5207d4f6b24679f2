import * as assert from 'assert';
import { capturedFromJson } from '../../src/core/errors/capturedRecord';
import { LauncherFrames } from '../../src/sandbox/launcher/launcherFrames';

function frame(kind: string, body: string | Buffer): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const header = Buffer.alloc(6);
  header[0] = 0x1e;
  header[1] = kind.charCodeAt(0);
  header.writeUInt32BE(bytes.length, 2);
  return Buffer.concat([header, bytes]);
}

const RECORD = { type: 'NameError', message: "name 'x' is not defined", notes: [], frames: [{ file: '/app/main.py', line: 2, function: '<module>', source: 'print(x)', column: 7, endLine: 2, endColumn: 8 }], cause: null, context: null, exceptions: [] };

/** Feeds `stream` in pieces of `size` bytes; returns what was the program's and the reader. */
function feed(stream: Buffer, size: number): { program: string; frames: LauncherFrames } {
  const frames = new LauncherFrames();
  const parts: Buffer[] = [];
  for (let at = 0; at < stream.length; at += size) parts.push(frames.take(stream.subarray(at, at + size)));
  return { program: Buffer.concat(parts).toString('utf8'), frames };
}

describe('LauncherFrames: what the launcher writes on stderr', () => {
  const stream = Buffer.concat([frame('o', 'Traceback (most recent call last):\n'), frame('o', '\x1eself-heal-exit:0\n'), frame('x', `1\n${JSON.stringify(RECORD)}`), Buffer.from('late bytes')]);

  for (const size of [1, 2, 5, 6, 7, 64, stream.length]) {
    it(`passes the program's bytes on and reads the report, in pieces of ${size}`, () => {
      const { program, frames } = feed(stream, size);
      assert.strictEqual(program, 'Traceback (most recent call last):\n\x1eself-heal-exit:0\n');
      assert.deepStrictEqual([frames.done, frames.broken, frames.exitCode, frames.failure], [true, false, 1, undefined]);
      assert.deepStrictEqual(frames.captured, RECORD);
    });
  }

  for (const size of [1, 5, 64]) {
    it(`hands the program's stdout on from its own frames, all of it before the report, in pieces of ${size}`, () => {
      const printed = 'x'.repeat(70_000) + '\u00e9\n';
      const both = Buffer.concat([frame('p', printed.slice(0, 40_000)), frame('o', 'warning\n'), frame('p', printed.slice(40_000)), frame('x', '0\n'), frame('p', 'after the report')]);
      const frames = new LauncherFrames();
      const stdout: Buffer[] = [];
      frames.onStdout = (bytes) => void stdout.push(Buffer.from(bytes));
      const stderr: Buffer[] = [];
      for (let at = 0; at < both.length; at += size) {
        stderr.push(frames.take(both.subarray(at, at + size)));
        if (frames.done) assert.strictEqual(Buffer.concat(stdout).toString('utf8'), printed, 'every stdout byte is in before the report');
      }
      assert.deepStrictEqual([Buffer.concat(stderr).toString('utf8'), frames.exitCode, frames.broken], ['warning\n', 0, false]);
      assert.strictEqual(Buffer.concat(stdout).toString('utf8'), printed, 'nothing after the report is the program\'s');
    });
  }

  it('ignores a record that comes with exit status 0', () => {
    const { frames } = feed(frame('x', `0\n${JSON.stringify(RECORD)}`), 3);
    assert.deepStrictEqual([frames.exitCode, frames.captured], [0, undefined]);
  });

  it('reads the launcher\'s own failure', () => {
    const { program, frames } = feed(frame('f', 'no job arrived'), 4);
    assert.deepStrictEqual([program, frames.done, frames.failure, frames.exitCode], ['', true, 'no job arrived', undefined]);
  });

  it('turns raw text (a launcher that could not start) into output, with no report', () => {
    const { program, frames } = feed(Buffer.from('  File "<string>", line 1\nSyntaxError: invalid syntax\n'), 5);
    assert.strictEqual(program, '  File "<string>", line 1\nSyntaxError: invalid syntax\n');
    assert.deepStrictEqual([frames.done, frames.broken, frames.exitCode], [false, true, undefined]);
  });

  it('treats an unknown frame kind, an oversized report and a status that is not a number as broken', () => {
    assert.strictEqual(feed(frame('z', 'x'), 2).frames.broken, true);
    const huge = Buffer.from([0x1e, 0x78, 0xff, 0xff, 0xff, 0xff]);
    assert.deepStrictEqual([feed(huge, 6).frames.broken, feed(huge, 6).frames.exitCode], [true, undefined]);
    assert.deepStrictEqual([feed(frame('x', 'zero\n'), 3).frames.broken, feed(frame('x', 'zero\n'), 3).frames.exitCode], [true, undefined]);
  });
});

describe('capturedFromJson: the exception record is untrusted', () => {
  it('accepts the qualified name of a __main__ class and refuses any other pair', () => {
    const record = { ...RECORD, type: 'ValidationError', qualifiedType: '__main__.ValidationError' };
    assert.deepStrictEqual(capturedFromJson(JSON.stringify(record))?.qualifiedType, '__main__.ValidationError');
    assert.strictEqual(capturedFromJson(JSON.stringify({ ...record, qualifiedType: 'os.ValidationError' })), undefined);
    assert.strictEqual(capturedFromJson(JSON.stringify({ ...record, qualifiedType: 7 })), undefined);
  });

  it('keeps candidate names that are identifiers and a version that reads as one, and drops the rest without losing the record', () => {
    const record = { ...RECORD, candidates: ['join', 'split', 7, 'not a name', 'x'.repeat(101)], python: '3.9' };
    assert.deepStrictEqual([capturedFromJson(JSON.stringify(record))?.candidates, capturedFromJson(JSON.stringify(record))?.python], [['join', 'split'], '3.9']);
    const odd = capturedFromJson(JSON.stringify({ ...RECORD, candidates: 'join', python: '3.9; rm -rf /' }));
    assert.deepStrictEqual([odd?.type, odd?.candidates, odd?.python], [RECORD.type, undefined, undefined]);
    const tooMany = capturedFromJson(JSON.stringify({ ...RECORD, candidates: Array.from({ length: 2001 }, (_, i) => `n${i}`) }));
    assert.deepStrictEqual([tooMany?.type, tooMany?.candidates], [RECORD.type, undefined]);
  });

  it('reads a well-formed record as it is', () => {
    assert.deepStrictEqual(capturedFromJson(JSON.stringify(RECORD)), RECORD);
  });

  it('gives nothing for off-shape records instead of throwing', () => {
    for (const text of ['{"type":"X"}', 'null', '[]', '"text"', '{', JSON.stringify({ ...RECORD, frames: [{ file: 1 }] }), JSON.stringify({ ...RECORD, notes: [1] }), JSON.stringify({ ...RECORD, cause: 'x' }), JSON.stringify({ ...RECORD, syntax: 'x' }), JSON.stringify({ ...RECORD, exceptions: {} }), JSON.stringify({ ...RECORD, frames: [{ ...RECORD.frames[0], line: -1 }] })]) {
      assert.strictEqual(capturedFromJson(text), undefined, text);
    }
  });

  it('gives nothing for a 30,000-deep cause chain or more exceptions than a record can hold', () => {
    const deep = `${'{"type":"E","message":"m","notes":[],"frames":[],"context":null,"exceptions":[],"cause":'.repeat(30_000)}null${'}'.repeat(30_000)}`;
    assert.strictEqual(capturedFromJson(deep), undefined);
    const wide = JSON.stringify({ ...RECORD, exceptions: Array.from({ length: 3000 }, () => RECORD) });
    assert.strictEqual(capturedFromJson(wide), undefined);
  });

  it('keeps a chain of the depth the launcher writes', () => {
    let record: unknown = null;
    for (let i = 0; i < 51; i++) record = { ...RECORD, cause: record };
    assert.strictEqual((capturedFromJson(JSON.stringify(record)) as { type: string }).type, 'NameError');
  });
});
