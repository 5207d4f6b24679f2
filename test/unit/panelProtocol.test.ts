// The host trusts nothing a webview sends: every message must match its shape exactly.
import * as assert from 'assert';
import { isHostMessage, isWebviewMessage } from '../../src/webview/protocol';

describe('panel protocol guards', () => {
  it('accepts every message the webview may send', () => {
    const valid = [
      { type: 'ready' },
      { type: 'openLocation', path: 'main.py', line: 3 },
      { type: 'openLocation', path: 'pkg/util.py', line: 12, column: 5, runId: 'run-1', entry: 'main.py' },
      { type: 'openDiff', runId: 'run-1', entry: 'main.py', attempt: 0 },
      { type: 'openDiff', runId: 'run-1', entry: 'main.py', attempt: 2 },
      { type: 'applyFix', runId: 'run-1', entry: 'main.py' },
      { type: 'discardFix', runId: 'run-1', entry: 'main.py' },
      { type: 'revertFix', runId: 'run-1', entry: 'main.py' },
      { type: 'retry', runId: 'run-1', entry: 'main.py' },
      { type: 'runWithArguments', runId: 'run-1', entry: 'main.py' },
      { type: 'stop' },
      { type: 'runAndHeal' },
      { type: 'setApiKey' },
    ];
    assert.deepStrictEqual(valid.filter((m) => !isWebviewMessage(m)), []);
  });

  it('refuses anything else, field by field', () => {
    const invalid: [string, unknown][] = [
      ['null', null],
      ['a string', 'ready'],
      ['an array', [{ type: 'ready' }]],
      ['no type', { path: 'main.py', line: 1 }],
      ['an unknown type', { type: 'deleteEverything' }],
      ['an inherited name as type', { type: 'toString' }],
      ['an extra key', { type: 'stop', command: 'rm -rf /' }],
      ['line 0', { type: 'openLocation', path: 'main.py', line: 0 }],
      ['a fractional line', { type: 'openLocation', path: 'main.py', line: 1.5 }],
      ['a line as text', { type: 'openLocation', path: 'main.py', line: '3' }],
      ['column 0', { type: 'openLocation', path: 'main.py', line: 3, column: 0 }],
      ['an empty path', { type: 'openLocation', path: '', line: 3 }],
      ['a path with NUL', { type: 'openLocation', path: 'main.py\0.txt', line: 3 }],
      ['a path over 4096 characters', { type: 'openLocation', path: 'a'.repeat(4097), line: 3 }],
      ['a negative attempt', { type: 'openDiff', runId: 'run-1', entry: 'main.py', attempt: -1 }],
      ['NaN as attempt', { type: 'openDiff', runId: 'run-1', entry: 'main.py', attempt: Number.NaN }],
      ['openDiff without entry', { type: 'openDiff', runId: 'run-1', attempt: 1 }],
      ['revertFix without runId', { type: 'revertFix', entry: 'main.py' }],
      ['applyFix with an extra key', { type: 'applyFix', runId: 'run-1', entry: 'main.py', files: ['a.py'] }],
      ['discardFix without entry', { type: 'discardFix', runId: 'run-1' }],
      ['retry with a number as entry', { type: 'retry', runId: 'run-1', entry: 7 }],
      ['runWithArguments with a uri of its own', { type: 'runWithArguments', runId: 'run-1', entry: 'main.py', uri: 'file:///etc/passwd' }],
    ];
    assert.deepStrictEqual(invalid.filter(([, m]) => isWebviewMessage(m)).map(([name]) => name), []);
  });

  it('checks the shape of the host snapshot on the browser side', () => {
    assert.strictEqual(isHostMessage({ type: 'state', state: { runs: [], modelConfigured: false, running: true } }), true);
    assert.strictEqual(isHostMessage({ type: 'state', state: { runs: {}, modelConfigured: false, running: true } }), false);
    assert.strictEqual(isHostMessage({ type: 'state', state: { runs: [], running: true } }), false);
    assert.strictEqual(isHostMessage({ type: 'patch', state: { runs: [], modelConfigured: false, running: false } }), false);
  });
});
