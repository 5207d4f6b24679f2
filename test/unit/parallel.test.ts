import * as assert from 'assert';
import { mapWithLimit, warmContainersFor } from '../../src/core/run/parallel';

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

  it('keeps three waiting containers per program at once for a heal (its failing run, the readings\' compile check, the proof), and makes ahead for plain runs only what waits for a slot', () => {
    assert.deepStrictEqual([warmContainersFor(1, 1, true), warmContainersFor(2, 1, true), warmContainersFor(2, 10, true)], [3, 3, 6]);
    assert.deepStrictEqual([warmContainersFor(2, 1, false), warmContainersFor(2, 3, false), warmContainersFor(2, 10, false)], [0, 1, 2]);
  });
});
