// A program's environment variables, working folder and output past the cap, in both runners'
// ways: the local runner passes them to the process; the sandbox's generated driver
// (runSettingsDriver.ts) is run here by the machine's real python3 as the launcher would run it.
import * as assert from 'assert';
import { DEFAULT_LIMITS } from '../../src/core/run/limits';
import { RUN_SETTINGS_DRIVER, withRunSettings } from '../../src/core/program/runSettingsDriver';
import type { RunRequest } from '../../src/core/run/runTypes';
import { LocalRunner } from '../../src/local/localRunner';

const runner = new LocalRunner('python3');
const limits = { ...DEFAULT_LIMITS, timeoutMs: 10_000 };
const PROGRAM = {
  'app/main.py': 'import os, sys\nprint(os.getcwd().endswith("/data"), os.environ.get("GREETING"), sys.argv, __name__, open("in.txt").read().strip())\nimport helper\nprint(helper.WHO)\n',
  'app/helper.py': 'WHO = "helper next to main"\n',
  'data/in.txt': 'from the data folder\n',
};
const EXPECTED = "True good day ['../app/main.py', '--loud'] __main__ from the data folder\nhelper next to main\n";

describe('run settings: variables, working folder and output past the cap', function () {
  this.timeout(20_000);

  it('the local runner gives the program its variables and folder, as `python ENTRY` typed there', async () => {
    const result = await runner.run({ files: PROGRAM, entry: 'app/main.py', args: ['--loud'], env: { GREETING: 'good day' }, cwd: 'data', limits });
    assert.deepStrictEqual([result.stdout, result.stderr, result.exitCode], [EXPECTED, '', 0]);
  });

  it('the sandbox\'s driver does the same, with the program as a fresh __main__', async () => {
    const request = withRunSettings({ files: PROGRAM, entry: 'app/main.py', env: { GREETING: 'good day' }, cwd: 'data' });
    assert.strictEqual(request.entry, RUN_SETTINGS_DRIVER);
    const result = await runner.run({ ...request, args: ['--loud'], limits });
    assert.deepStrictEqual([result.stdout, result.stderr, result.exitCode], [EXPECTED, '', 0]);
  });

  it('adds no driver when nothing is set', () => {
    const request: Pick<RunRequest, 'files' | 'entry'> = { files: PROGRAM, entry: 'app/main.py' };
    assert.deepStrictEqual(withRunSettings({ ...request, env: {}, cwd: '' }), request);
  });

  it('refuses a working folder outside the run folder', async () => {
    const result = await runner.run({ files: PROGRAM, entry: 'app/main.py', cwd: '../..', limits });
    assert.deepStrictEqual([result.reason, result.engineError?.message], ['engine-error', 'Refusing a working folder outside the run folder: ../..']);
  });

  it('lets a flood run to its end with the output past the cap discarded, when asked', async () => {
    const flood = { 'main.py': 'for i in range(2000):\n    print("x" * 1000)\nprint("done")\n' };
    const stopped = await runner.run({ files: flood, entry: 'main.py', limits: { ...limits, outputLimitBytes: 4096 } });
    const discarded = await runner.run({ files: flood, entry: 'main.py', limits: { ...limits, outputLimitBytes: 4096 }, outputOverflow: 'discard' });
    assert.deepStrictEqual([stopped.reason, stopped.exitCode], ['output-limit', null]);
    assert.deepStrictEqual([discarded.reason, discarded.exitCode, discarded.stdout.length, discarded.stdoutBytes, discarded.truncated.stdout], ['exited', 0, 4096, 2000 * 1001 + 5, true]);
  });
});
