// The editor's question before building a workspace's requirements: asked once per set, remembered
// by a hash of the set, asked again when the set changes, one question for concurrent programs.
import * as assert from 'assert';
import { EnvironmentError } from '../../src/core/environment/environmentTypes';
import { CONSENT_STATE_KEY, EnvironmentConsent, requirementSetKey, type ConsentState } from '../../src/vscode/environmentConsent';

class MemoryState implements ConsentState {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
}

describe('environment consent', () => {
  it('asks once per requirement set, naming every package, and remembers only the hash of the set', async () => {
    const state = new MemoryState();
    const asked: string[][] = [];
    const consent = new EnvironmentConsent(state, async (requirements) => (asked.push([...requirements]), true));
    await Promise.all([consent.confirm(['numpy==2.0', 'PyYAML']), consent.confirm(['numpy==2.0', 'PyYAML'])]);
    await consent.confirm(['PyYAML', 'numpy==2.0']);
    assert.deepStrictEqual(asked, [['numpy==2.0', 'PyYAML']]);
    assert.deepStrictEqual(state.values.get(CONSENT_STATE_KEY), [requirementSetKey(['PyYAML', 'numpy==2.0'])]);
    await consent.confirm(['numpy==2.0', 'PyYAML', 'requests']);
    assert.strictEqual(asked.length, 2, 'a changed set asks again');
  });

  it('refuses with an EnvironmentError when the user says no, and asks again next time', async () => {
    const state = new MemoryState();
    let answers = [false, true];
    const consent = new EnvironmentConsent(state, async () => answers.shift() ?? false);
    await assert.rejects(consent.confirm(['evil-pkg']), (error: Error) =>
      error instanceof EnvironmentError && error.message === 'The environment was not built: installing evil-pkg was not approved. Run again to be asked again.');
    assert.strictEqual(state.values.get(CONSENT_STATE_KEY), undefined);
    await consent.confirm(['evil-pkg']);
    answers = [];
    await consent.confirm(['evil-pkg']);
  });
});
