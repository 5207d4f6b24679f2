import * as assert from 'assert';
import { chooseEngine, movesToAnotherEngine, restsTheEngine, type EngineLoad } from '../../src/core/run/engineChoice';

const load = (capacity: number, inFlight: number, restedUntil = 0): EngineLoad => ({ capacity, inFlight, restedUntil });

describe('choosing one of several engines', () => {
  it('takes the engine with the most free CPUs, then the fewer runs in flight, then the first', () => {
    assert.strictEqual(chooseEngine([load(2, 1), load(8, 4)], 0), 1); // 1 free against 4
    assert.strictEqual(chooseEngine([load(4, 2), load(2, 0)], 0), 1); // 2 free each: fewer in flight
    assert.strictEqual(chooseEngine([load(2, 0), load(2, 0)], 0), 0);
    assert.strictEqual(chooseEngine([load(2, 5), load(2, 3)], 0), 1); // both past capacity: the less loaded
  });

  it('counts an engine whose CPUs are not known yet as one CPU', () => {
    assert.strictEqual(chooseEngine([load(0, 0), load(2, 1)], 0), 0);
    assert.strictEqual(chooseEngine([load(0, 1), load(2, 1)], 0), 1);
  });

  it('passes over resting engines and the ones already tried, and tries the soonest back when all rest', () => {
    assert.strictEqual(chooseEngine([load(8, 0, 5_000), load(1, 3)], 1_000), 1);
    assert.strictEqual(chooseEngine([load(8, 0, 5_000), load(1, 3)], 5_000), 0); // rest over
    assert.strictEqual(chooseEngine([load(8, 0, 9_000), load(1, 0, 4_000)], 1_000), 1);
    assert.strictEqual(chooseEngine([load(8, 0), load(1, 0)], 0, new Set([0])), 1);
    assert.strictEqual(chooseEngine([load(8, 0), load(1, 0)], 0, new Set([0, 1])), undefined);
  });

  it('moves a run the engine failed unless the run set itself is too large; an image missing on one engine does not rest it', () => {
    assert.deepStrictEqual(
      (['unreachable', 'permission-denied', 'timeout', 'image-unavailable', 'run-set-too-large', 'api'] as const).map((code) => [code, movesToAnotherEngine(code), restsTheEngine(code)]),
      [['unreachable', true, true], ['permission-denied', true, true], ['timeout', true, true], ['image-unavailable', true, false], ['run-set-too-large', false, false], ['api', true, true]],
    );
  });
});
