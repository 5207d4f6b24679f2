// The one state machine behind the Fix Attempts panel: which moves a fix may make, where a heal's end
// puts it, and what a run's status is for the states of its files.
import * as assert from 'assert';
import { endingOf, FIX_STATES, isFixState, moveFix, runStatusOf, type FixState } from '../../src/core/heal/fixLifecycle';

/** Every allowed move, written out: a new one must be added here on purpose. */
const ALLOWED: ReadonlyArray<[FixState, FixState]> = [
  ['running', 'waiting'], ['running', 'applied'], ['running', 'clean'], ['running', 'not-healed'], ['running', 'cancelled'], ['running', 'failed'],
  ['running', 'needs-input'], ['running', 'needs-arguments'], ['running', 'stopped-at-limit'],
  ['waiting', 'applied'], ['waiting', 'discarded'], ['waiting', 'failed'],
  ['applied', 'reverted'],
];

describe('fix lifecycle', () => {
  it('allows exactly the listed moves, and refuses every other pair with the reason', () => {
    const allowed: string[] = [];
    for (const from of FIX_STATES) {
      for (const to of FIX_STATES) {
        const move = moveFix(from, to);
        if (move.ok) allowed.push(`${from}->${move.state}`);
        else assert.strictEqual(move.why, `a fix that is ${from} cannot become ${to}`);
      }
    }
    assert.deepStrictEqual(allowed.sort(), ALLOWED.map(([from, to]) => `${from}->${to}`).sort());
  });

  it('never offers a discarded fix for revert, nor lets a cancelled, failed or finished one come back', () => {
    assert.deepStrictEqual(moveFix('discarded', 'reverted'), { ok: false, why: 'a fix that is discarded cannot become reverted' });
    assert.deepStrictEqual(moveFix('waiting', 'cancelled'), { ok: false, why: 'a fix that is waiting cannot become cancelled' });
    for (const final of ['discarded', 'reverted', 'cancelled', 'failed', 'clean', 'not-healed', 'needs-input', 'needs-arguments', 'stopped-at-limit'] as const) {
      assert.deepStrictEqual(FIX_STATES.filter((to) => moveFix(final, to).ok), [], final);
    }
  });

  it('puts a heal\'s file in the state its ending and the apply mode call for', () => {
    const cases: Array<[Parameters<typeof endingOf>, FixState]> = [
      [[{ outcome: 'healed' }, true, 'preview'], 'waiting'],
      [[{ outcome: 'healed' }, true, 'auto'], 'applied'],
      [[{ outcome: 'not-healed' }, true, 'auto'], 'applied'], // a partial fix kept on purpose (Fix with AI)
      [[{ outcome: 'not-healed' }, false, 'preview'], 'not-healed'],
      [[{ outcome: 'needs-approval' }, false, 'auto'], 'not-healed'],
      [[{ outcome: 'clean' }, false, 'preview'], 'clean'],
      [[{ outcome: 'cancelled' }, false, 'preview'], 'cancelled'],
      [[{ outcome: 'engine-error' }, false, 'auto'], 'failed'],
      // A need is no bug: never healed, so neither applied nor not-healed.
      [[{ outcome: 'needs-input' }, false, 'preview'], 'needs-input'],
      [[{ outcome: 'needs-arguments' }, false, 'auto'], 'needs-arguments'],
      [[{ outcome: 'stopped-at-limit' }, false, 'preview'], 'stopped-at-limit'],
      // Fixes that got the program as far as needing input are kept, and offered like any fix.
      [[{ outcome: 'needs-input' }, true, 'preview'], 'waiting'],
      [[{ outcome: 'needs-arguments' }, true, 'auto'], 'applied'],
    ];
    assert.deepStrictEqual(cases.map(([args]) => endingOf(...args)), cases.map(([, state]) => state));
  });

  it('reads a run\'s status from its files: running while healing, then waiting, then the worst ending', () => {
    assert.strictEqual(runStatusOf({ healing: true }, ['waiting', 'applied']), 'running');
    assert.strictEqual(runStatusOf({ healing: false }, ['applied', 'waiting', 'not-healed']), 'waiting');
    assert.strictEqual(runStatusOf({ healing: false }, ['applied', 'cancelled', 'failed']), 'cancelled');
    assert.strictEqual(runStatusOf({ healing: false }, ['applied', 'failed', 'not-healed']), 'failed');
    assert.strictEqual(runStatusOf({ healing: false }, ['applied', 'clean', 'not-healed']), 'not-healed');
    assert.strictEqual(runStatusOf({ healing: false }, ['clean', 'discarded', 'applied']), 'applied');
    assert.strictEqual(runStatusOf({ healing: false }, ['reverted', 'discarded']), 'discarded');
    assert.strictEqual(runStatusOf({ healing: false }, ['reverted', 'clean']), 'reverted');
    assert.strictEqual(runStatusOf({ healing: false }, ['clean', 'clean']), 'clean');
    assert.strictEqual(runStatusOf({ healing: false }, []), 'clean');
  });

  it('ends a run as a need only when nothing else in it failed, and then as its first file\'s need', () => {
    assert.strictEqual(runStatusOf({ healing: false }, ['clean', 'needs-arguments', 'needs-input']), 'needs-arguments');
    assert.strictEqual(runStatusOf({ healing: false }, ['applied', 'stopped-at-limit']), 'stopped-at-limit');
    assert.strictEqual(runStatusOf({ healing: false }, ['needs-input', 'not-healed']), 'not-healed');
    assert.strictEqual(runStatusOf({ healing: false }, ['needs-input', 'failed']), 'failed');
    assert.strictEqual(runStatusOf({ healing: false }, ['needs-input', 'waiting']), 'waiting');
    assert.strictEqual(runStatusOf({ healing: false, cutShort: 'cancelled' }, ['needs-input']), 'cancelled');
  });

  it('counts a run cut short by what cut it', () => {
    assert.strictEqual(runStatusOf({ healing: false, cutShort: 'cancelled' }, ['applied']), 'cancelled');
    assert.strictEqual(runStatusOf({ healing: false, cutShort: 'failed' }, []), 'failed');
    assert.strictEqual(runStatusOf({ healing: false, cutShort: 'failed' }, ['waiting']), 'waiting', 'a choice still waits');
  });

  it('knows its states', () => {
    assert.deepStrictEqual(['waiting', 'healed', 'reverted', 3].map(isFixState), [true, false, true, false]);
  });
});
