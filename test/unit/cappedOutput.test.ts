import * as assert from 'assert';
import { CappedOutput } from '../../src/core/run/cappedOutput';

describe('CappedOutput', () => {
  it('keeps bytes up to the limit and counts the rest', () => {
    const output = new CappedOutput(10);
    assert.strictEqual(output.push(Buffer.from('123456')).toString(), '123456');
    assert.strictEqual(output.push(Buffer.from('789abc')).toString(), '789a');
    assert.strictEqual(output.push(Buffer.from('zzz')).length, 0);
    assert.strictEqual(output.text(), '123456789a');
    assert.strictEqual(output.bytes, 15);
    assert.strictEqual(output.overLimit, true);
  });

  it('is not over the limit at exactly the limit', () => {
    const output = new CappedOutput(4);
    output.push(Buffer.from('abcd'));
    assert.strictEqual(output.overLimit, false);
  });

  it('turns a character cut at the limit into U+FFFD', () => {
    const output = new CappedOutput(4);
    output.push(Buffer.from('abcé', 'utf8')); // é is two bytes; only one fits
    assert.strictEqual(output.text(), 'abc\uFFFD');
  });
});
