import * as assert from 'assert';
import { mapWithLimit } from '../../src/core/run/parallel';

describe('mapWithLimit', () => {
  it('never has more than the limit in flight and keeps input order', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapWithLimit([5, 1, 4, 2, 3], 2, async (n) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, n * 3));
      inFlight--;
      return n * 10;
    });
    assert.deepStrictEqual(results, [50, 10, 40, 20, 30]);
    assert.strictEqual(most, 2);
  });
});
