import * as assert from 'assert';
import { checkLimits, DEFAULT_LIMITS, formatSize, parseSize } from '../../src/core/run/limits';

describe('limits', () => {
  it('parses sizes as Docker writes them', () => {
    assert.strictEqual(parseSize('64m'), 64 * 1024 * 1024);
    assert.strictEqual(parseSize('1g'), 1024 * 1024 * 1024);
    assert.strictEqual(parseSize('1G'), 1024 * 1024 * 1024);
    assert.strictEqual(parseSize('512k'), 512 * 1024);
    assert.strictEqual(parseSize('100mb'), 100 * 1024 * 1024);
    assert.strictEqual(parseSize('4096'), 4096);
    assert.strictEqual(parseSize('1.5g'), 1.5 * 1024 * 1024 * 1024);
  });

  it('refuses sizes it cannot read', () => {
    for (const bad of ['', 'm', '-1m', '12q', '1 gigabyte', '0']) assert.strictEqual(parseSize(bad), undefined, bad);
  });

  it('formats sizes back in the largest whole unit', () => {
    assert.strictEqual(formatSize(512 * 1024 * 1024), '512m');
    assert.strictEqual(formatSize(2 * 1024 * 1024 * 1024), '2g');
    assert.strictEqual(formatSize(1536), '1536b');
  });

  it('has the documented defaults', () => {
    assert.deepStrictEqual(DEFAULT_LIMITS, {
      timeoutMs: 30_000,
      memoryBytes: 512 * 1024 * 1024,
      cpus: 1,
      processes: 128,
      network: 'none',
      outputLimitBytes: 1024 * 1024,
    });
    assert.strictEqual(checkLimits(DEFAULT_LIMITS), undefined);
  });

  it('names the limit that is out of range', () => {
    assert.strictEqual(checkLimits({ ...DEFAULT_LIMITS, memoryBytes: 1024 }), 'the memory limit must be at least 6m');
    assert.strictEqual(checkLimits({ ...DEFAULT_LIMITS, processes: 2 }), 'the process limit must be a whole number of at least 8');
    assert.strictEqual(checkLimits({ ...DEFAULT_LIMITS, timeoutMs: 0 }), 'the timeout must be more than 0 seconds');
  });
});
