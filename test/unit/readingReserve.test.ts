// When a reading of a syntax slip that only got further waits for the slip's other readings, and
// when it is kept at once because the run now fails on its own elsewhere.
import * as assert from 'assert';
import type { PythonError } from '../../src/core/errors/pythonError';
import type { FixCandidate } from '../../src/core/fixes/fixTypes';
import type { RunState } from '../../src/core/heal/progress';
import { worthSettingAside } from '../../src/core/heal/readingReserve';
import type { RunResult } from '../../src/core/run/runTypes';

function state(kind: PythonError['kind'], file: string | null): RunState {
  const error: PythonError = {
    type: kind, message: '', kind, file, line: 3, column: null, endLine: null, endColumn: null, suggestion: null, notes: [], frames: [], cause: null, context: null, exceptions: [],
  };
  return { result: {} as RunResult, error };
}

const reading = (source = 'rule:unclosed-bracket'): FixCandidate => ({ source, description: 'close it', confident: false, edits: [{ file: 'app/main.py', startLine: 3, startColumn: 19, endLine: 3, endColumn: 19, newText: ')' }] });
const slip = state('syntax', 'app/main.py');

describe('readings set aside', () => {
  it('sets aside a reading whose run fails in the file it edited, or with a failure a misplaced closer can cause elsewhere', () => {
    assert.strictEqual(worthSettingAside(slip, reading(), true, state('assertion', 'app/main.py')), true);
    assert.strictEqual(worthSettingAside(slip, reading(), true, state('name', 'app/main.py')), true);
    assert.strictEqual(worthSettingAside(slip, reading(), true, state('type', 'app/helpers.py')), true, 'wrong arguments fail inside the callee');
  });

  it('keeps a reading at once when the run now fails on its own in a file it did not touch', () => {
    for (const kind of ['name', 'module-not-found', 'import-name', 'syntax', 'indentation'] as const) {
      assert.strictEqual(worthSettingAside(slip, reading(), true, state(kind, 'app/helpers.py')), false, kind);
    }
  });

  it('never sets aside without other readings, for a model fix, or for an error that is no slip', () => {
    assert.strictEqual(worthSettingAside(slip, reading(), false, state('assertion', 'app/main.py')), false);
    assert.strictEqual(worthSettingAside(slip, reading('model:gpt'), true, state('assertion', 'app/main.py')), false);
    assert.strictEqual(worthSettingAside(state('name', 'app/main.py'), reading(), true, state('assertion', 'app/main.py')), false);
  });
});
