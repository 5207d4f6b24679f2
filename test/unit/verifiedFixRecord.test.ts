// A fix chosen from the lightbulb, verified by a real run (the machine's python3, no engine), and
// written into the ledger as one attempt: the panel tells its story like any heal's.
import * as assert from 'assert';
import { errorsOfRun } from '../../src/core/errors/runErrors';
import type { PythonError } from '../../src/core/errors/pythonError';
import { verifiedFixRecord, type ChosenFix } from '../../src/core/heal/verifiedFixRecord';
import { verifyFix } from '../../src/core/heal/verifyFix';
import { DEFAULT_LIMITS } from '../../src/core/run/limits';
import { LocalRunner } from '../../src/local/localRunner';

const BROKEN = 'print(json.dumps([1]))\n';
const FIXED = 'import json\nprint(json.dumps([1]))\n';
const limits = { ...DEFAULT_LIMITS, timeoutMs: 10_000 };
const runner = new LocalRunner('python3');

describe('the record of a chosen fix', function () {
  this.timeout(20_000);
  let error: PythonError;

  before(async () => {
    const result = await runner.run({ files: { 'main.py': BROKEN }, entry: 'main.py', limits });
    [error] = errorsOfRun(result, { files: { 'main.py': BROKEN }, entry: 'main.py' }, limits);
    assert.strictEqual(error.message, "name 'json' is not defined");
  });

  const chosen = (fixed: string): ChosenFix => ({
    entry: 'main.py', files: { 'main.py': BROKEN }, fixed: { 'main.py': fixed }, error, stdoutBytes: 0,
    fix: { source: 'rule:missing-import', description: "Add 'import json'" },
  });

  async function recordOf(fixed: string, signal?: AbortSignal) {
    const fix = chosen(fixed);
    const verification = await verifyFix({ recipe: { entry: 'main.py' }, before: { files: fix.files, error, stdoutBytes: 0 }, fixed: fix.fixed }, { runner, limits, signal });
    return verifiedFixRecord(fix, verification, 42);
  }

  it('a fix that held: healed, one healed attempt with its diff and re-run, the fixed file to apply', async () => {
    const record = await recordOf(FIXED);
    assert.deepStrictEqual([record.entry, record.outcome, record.stopReason, record.durationMs], ['main.py', 'healed', 'healed by the chosen fix', 42]);
    assert.deepStrictEqual(record.changedFiles, { 'main.py': FIXED });
    assert.strictEqual(record.diff, '--- a/main.py\n+++ b/main.py\n@@ -1 +1,2 @@\n+import json\n print(json.dumps([1]))\n');
    assert.strictEqual(record.firstRun.error, error);
    const [attempt] = record.attempts;
    assert.deepStrictEqual(
      [record.attempts.length, attempt.number, attempt.outcome, attempt.why, attempt.fix, attempt.rerun?.exitCode, attempt.rerun?.outputTail],
      [1, 1, 'healed', 'the re-run ran clean', { source: 'rule:missing-import', description: "Add 'import json'", diff: record.diff }, 0, '[1]\n'],
    );
    assert.strictEqual(record.lastRun, attempt.rerun);
  });

  it('a fix that did not hold changes nothing and says why', async () => {
    const record = await recordOf('import sys\nprint(json.dumps([1]))\n');
    assert.deepStrictEqual([record.outcome, record.changedFiles, record.diff, record.attempts[0].outcome], ['not-healed', {}, '', 'reverted']);
    assert.strictEqual(record.attempts[0].why, "the re-run failed with the same error: NameError: name 'json' is not defined (main.py:2)");
    assert.strictEqual(record.stopReason, `the chosen fix did not hold: ${record.attempts[0].why}`);
    assert.strictEqual(record.attempts[0].fix?.diff, '--- a/main.py\n+++ b/main.py\n@@ -1 +1,2 @@\n+import sys\n print(json.dumps([1]))\n');
  });

  it('a cancelled verification is cancelled, with nothing to apply', async () => {
    const controller = new AbortController();
    controller.abort();
    const record = await recordOf(FIXED, controller.signal);
    assert.deepStrictEqual([record.outcome, record.stopReason, record.changedFiles, record.attempts[0].outcome], ['cancelled', 'cancelled; nothing was changed', {}, 'cancelled']);
  });
});
