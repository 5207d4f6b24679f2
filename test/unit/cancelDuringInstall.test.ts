// Stop pressed while the environment is being built ends the heal as cancelled, not as a failed
// install: the panel and the status bar must not say "install failed" for a run the user stopped.
import * as assert from 'assert';
import { healFile } from '../../src/core/heal/healFile';
import { DEFAULT_LIMITS } from '../../src/core/run/limits';
import type { Runner, RunRequest, RunResult } from '../../src/core/run/runTypes';

/** Never reached in these tests: the heal stops before the program runs. */
class NoRunner implements Runner {
  readonly requests: RunRequest[] = [];
  async run(request: RunRequest): Promise<RunResult> {
    this.requests.push(request);
    throw new Error('the program was run although its environment was never made');
  }
  async dispose(): Promise<void> {}
}

/** An install that takes until it is stopped, then fails as pip does when killed. */
function installUntilStopped(): (files: unknown, signal?: AbortSignal) => Promise<string | undefined> {
  return (_files, signal) => new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(new Error('Installing the requirements was cancelled.')));
  });
}

describe('a heal stopped while its environment is built', () => {
  it('ends cancelled, with no setup failure and the files as they were', async () => {
    const controller = new AbortController();
    const runner = new NoRunner();
    const files = { 'main.py': 'import tabulate\n', 'requirements.txt': 'tabulate==0.9.0\n' };
    const healing = healFile({ files, entry: 'main.py' }, { runner, limits: DEFAULT_LIMITS, signal: controller.signal, imageFor: installUntilStopped() });
    setTimeout(() => controller.abort(), 20);
    const record = await healing;
    assert.deepStrictEqual([record.outcome, record.stopReason, record.setupFailure, record.changedFiles, runner.requests.length], ['cancelled', 'cancelled', undefined, {}, 0]);
  });

  it('still says a failed install when nobody stopped it', async () => {
    const record = await healFile({ files: { 'main.py': 'import tabulate\n' }, entry: 'main.py' }, {
      runner: new NoRunner(), limits: DEFAULT_LIMITS, imageFor: () => Promise.reject(new Error("Could not install 'tabulate==0.9.0'")),
    });
    assert.deepStrictEqual([record.outcome, record.setupFailure?.kind], ['engine-error', 'install']);
  });
});
