// A deleted closer healed through the real engine: the readings that compile are tried in order,
// one that runs but fails the program's own checks is set aside for the next, and it is taken back
// only when no other reading runs clean.
import * as assert from 'assert';
import { healFile } from '../../src/core/heal/healFile';
import { limits, shared } from './sandboxHelper';

async function heal(source: string, keepPartial = false) {
  const record = await healFile({ files: { 'main.py': source }, entry: 'main.py' }, { runner: shared, limits: limits(), keepPartial });
  return {
    outcome: record.outcome,
    healed: record.changedFiles['main.py'],
    attempts: record.attempts.map((a) => [a.fix?.description ?? '', a.outcome]),
  };
}

const HALF = 'def half(n):\n    return n / 2\n\n';

describe('sandbox: a deleted closing bracket put back where the program meant it', function () {
  this.timeout(120_000);

  it('closes the call before the comparison in a check shaped like the file\'s other checks', async () => {
    const source = 'def frac(x):\n    return x % 1.0\n\nassert abs(frac(1.25) - 0.25) < 1e-6\nassert abs(frac(123.5 - 0.5) < 1e-6\nprint("checks passed")\n';
    assert.deepStrictEqual(await heal(source), {
      outcome: 'healed',
      healed: 'def frac(x):\n    return x % 1.0\n\nassert abs(frac(1.25) - 0.25) < 1e-6\nassert abs(frac(123.5) - 0.5) < 1e-6\nprint("checks passed")\n',
      attempts: [["Close '(' before '-'", 'healed']],
    });
  });

  it('sets aside a reading whose run fails the program\'s check, and heals with the next', async () => {
    const result = await heal(`${HALF}value = half(10 + 4\nassert value == 9, value\nprint(value)\n`);
    assert.deepStrictEqual(result, {
      outcome: 'healed',
      healed: `${HALF}value = half(10) + 4\nassert value == 9, value\nprint(value)\n`,
      attempts: [["Close '('", 'reverted'], ["Close '(' before '+'", 'healed']],
    });
  });

  it('takes the set-aside reading back, as kept, when no other reading runs clean', async () => {
    const result = await heal(`${HALF}value = half(10 + 4\nassert value == 100, value\n`, true);
    assert.deepStrictEqual(result, {
      outcome: 'not-healed',
      healed: `${HALF}value = half(10 + 4)\nassert value == 100, value\n`,
      attempts: [["Close '('", 'progress'], ["Close '(' before '+'", 'reverted']],
    });
  });
});
