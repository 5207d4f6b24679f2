// A stopped run is left behind when a step cannot hear Stop, and only then.
import * as assert from 'assert';
import { endedOrLeftBehind, LEFT_BEHIND } from '../../src/core/run/leftBehind';

const never = () => new Promise<string>(() => undefined);
const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('a stopped run that does not end', () => {
  it('is left behind the grace period after Stop', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    assert.strictEqual(await endedOrLeftBehind(never(), controller.signal, 100), LEFT_BEHIND);
    const waited = Date.now() - started;
    assert.ok(waited >= 140 && waited < 2_000, `left after ${waited} ms`);
  });

  it('is never left behind while no one stopped it', async () => {
    const controller = new AbortController();
    assert.strictEqual(await endedOrLeftBehind(after(300, 'ended'), controller.signal, 10), 'ended');
  });

  it('keeps its result when it ends within the grace period after Stop', async () => {
    const controller = new AbortController();
    controller.abort();
    assert.strictEqual(await endedOrLeftBehind(after(50, 'cancelled'), controller.signal, 1_000), 'cancelled');
  });

  it('passes on a failure while it is still the run, and swallows one that comes after it was left', async () => {
    const controller = new AbortController();
    await assert.rejects(endedOrLeftBehind(Promise.reject(new Error('engine gone')), controller.signal, 10), /engine gone/);
    controller.abort();
    const late = new Promise<string>((_, reject) => setTimeout(() => reject(new Error('late')), 100));
    assert.strictEqual(await endedOrLeftBehind(late, controller.signal, 10), LEFT_BEHIND);
    await after(150, undefined); // an unhandled rejection here would fail the run of the suite
  });
});
