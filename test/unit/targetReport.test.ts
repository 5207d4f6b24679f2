import * as assert from 'assert';
import { healSummaryLine } from '../../src/cli/healReport';
import { targetSummaryLine, withRole } from '../../src/cli/runReport';
import type { FileHealRecord } from '../../src/core/heal/ledger';
import { plainLaunch, type Launch } from '../../src/core/program/launch';
import { launchFor } from '../../src/core/program/launchPlan';
import { DEFAULT_LIMITS } from '../../src/core/run/limits';
import type { PythonError } from '../../src/core/errors/pythonError';
import type { RunResult } from '../../src/core/run/runTypes';

const engine = { runner: 'docker' as const, sandboxed: true, engine: 'Podman Engine 4.3.1', warm: true };
const result = (extra: Partial<RunResult>): RunResult => ({
  exitCode: 0, reason: 'exited', stdout: '', stderr: '', stdoutBytes: 0, stderrBytes: 0, truncated: { stdout: false, stderr: false }, durationMs: 50, engine, ...extra,
});
const limits = { ...DEFAULT_LIMITS, timeoutMs: 3000 };
const importing: Launch = launchFor({ 'pkg/__init__.py': '', 'pkg/util.py': '' }, 'pkg/util.py', 'module');
const compiling: Launch = launchFor({ 'setup.py': '' }, 'setup.py', 'module');
const nameError = { type: 'NameError', message: "name 'x' is not defined", file: 'pkg/util.py', line: 2 } as PythonError;

describe('CLI reports: entry points and modules', () => {
  it('says what was done with a module, and how a package entry point was started', () => {
    const files = { 'pkg/__init__.py': '', 'pkg/cli.py': 'from . import util\nif __name__ == "__main__":\n    pass\n' };
    assert.deepStrictEqual(
      [
        targetSummaryLine('pkg/util.py', importing, result({}), [], limits),
        targetSummaryLine('setup.py', compiling, result({}), [], limits),
        targetSummaryLine('pkg/util.py', importing, result({ exitCode: 1 }), [nameError], limits),
        targetSummaryLine('pkg/util.py', importing, result({ exitCode: 3 }), [], limits),
        targetSummaryLine('pkg/util.py', importing, result({ reason: 'timeout', exitCode: null }), [], limits),
        targetSummaryLine('pkg/cli.py', launchFor(files, 'pkg/cli.py', 'entry'), result({}), [], limits),
        targetSummaryLine('main.py', plainLaunch('main.py'), result({ exitCode: 1 }), [nameError], limits),
      ],
      [
        '✓ pkg/util.py: imports cleanly in 0.05 s (Podman Engine 4.3.1, warm)',
        '✓ setup.py: compiles cleanly in 0.05 s (Podman Engine 4.3.1, warm)',
        "✗ pkg/util.py: does not import: NameError: name 'x' is not defined at pkg/util.py:2 (Podman Engine 4.3.1, warm)",
        '✗ pkg/util.py: does not import: exited 3 in 0.05 s (Podman Engine 4.3.1, warm)',
        '✗ pkg/util.py: import stopped after 3 s (time limit) (Podman Engine 4.3.1, warm)',
        '✓ pkg/cli.py (python -m pkg.cli): exited 0 in 0.05 s (Podman Engine 4.3.1, warm)',
        '✗ main.py: exited 1 in 0.05 s (Podman Engine 4.3.1, warm)',
      ],
    );
  });

  it('puts the role right after the file, and only for found files', () => {
    assert.deepStrictEqual(Object.keys(withRole({ file: 'a.py', exitCode: 0 }, { role: 'module', reason: 'why' })), ['file', 'role', 'roleReason', 'exitCode']);
    assert.deepStrictEqual(withRole({ file: 'a.py', exitCode: 0 }, undefined), { file: 'a.py', exitCode: 0 });
  });

  it('calls a clean module clean in its own words when healing', () => {
    const record = { outcome: 'clean' } as FileHealRecord;
    assert.deepStrictEqual(
      [healSummaryLine('a.py', record), healSummaryLine('pkg/util.py', record, 'import'), healSummaryLine('setup.py', record, 'compile')],
      ['✓ a.py: ran clean, nothing to heal', '✓ pkg/util.py: imports cleanly, nothing to heal', '✓ setup.py: compiles cleanly, nothing to heal'],
    );
  });

  it('says what a program needs, or the limit it hit, and how to give it, never as a failure to heal', () => {
    const needsInput = { type: 'EOFError', message: 'EOF when reading a line', kind: 'needs-input', notes: [], file: 'ask.py', line: 1 } as unknown as PythonError;
    const timeLimit = { type: 'time limit', message: 'stopped after 3 s (time limit)', kind: 'timeout', notes: [], file: 'slow.py', line: null } as unknown as PythonError;
    const record = (outcome: FileHealRecord['outcome'], error: PythonError) => ({ outcome, stopReason: error.kind === 'timeout' ? error.message : 'needs input: input() found no input to read, and none was given', lastRun: { error } }) as FileHealRecord;
    assert.deepStrictEqual(
      [
        healSummaryLine('ask.py', record('needs-input', needsInput)),
        healSummaryLine('slow.py', record('stopped-at-limit', timeLimit)),
        targetSummaryLine('ask.py', plainLaunch('ask.py'), result({ exitCode: 1 }), [needsInput], limits),
        targetSummaryLine('slow.py', plainLaunch('slow.py'), result({ exitCode: null, reason: 'timeout' }), [timeLimit], limits),
      ],
      [
        '? ask.py: needs input: input() found no input to read, and none was given; not healed: nothing in the code is at fault (give it input with --stdin FILE)',
        '■ slow.py: stopped after 3 s (time limit); not healed: nothing in the code is at fault (raise the limit with --timeout SEC)',
        '? ask.py: needs input: input() found no input to read, and none was given (Podman Engine 4.3.1, warm)',
        '■ slow.py: stopped after 3 s (time limit) (Podman Engine 4.3.1, warm)',
      ],
    );
  });
});
