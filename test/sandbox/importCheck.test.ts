// Import checks and package entry points against the real engine: the generated driver runs, and
// every error lands in the module's own file, never in the driver.
import * as assert from 'assert';
import { healFile } from '../../src/core/heal/healFile';
import { importCheckRequest } from '../../src/core/program/importCheck';
import { launchRequest } from '../../src/core/program/launch';
import { launchFor } from '../../src/core/program/launchPlan';
import type { PythonError } from '../../src/core/errors/pythonError';
import { errorsOfRun } from '../../src/core/errors/runErrors';
import type { RunResult } from '../../src/core/run/runTypes';
import { limits, shared } from './sandboxHelper';

const FILES: Record<string, string> = {
  'pkg/__init__.py': '',
  'pkg/broken.py': 'def area(width, height:\n    return width * height\n',
  'pkg/badimport.py': '"""Uses a module that is not installed."""\nfrom nowhere import thing\n',
  'pkg/names.py': 'LIMIT = 10\nTOTAL = LIMIT + undefined_name\n',
  'pkg/clean.py': 'def double(x):\n    return 2 * x\n',
  'pkg/sibling.py': 'VALUE = 21\n',
  'pkg/relative.py': 'from . import sibling\nANSWER = sibling.VALUE * 2\nprint("loaded", ANSWER)\n',
  'pkg/relbad.py': 'from . import missing\n',
  'pkg/cli.py': 'import sys\nfrom .relative import ANSWER\nprint(ANSWER, sys.argv[1:])\nraise SystemExit(int(sys.argv[1]))\n',
  'json.py': 'def dumps(value):\n    return str(value)\nBROKEN = nothing\n',
};

/** Import-checks one module; errors as the reports give them (the program's files, the module as entry). */
async function check(module: string, files = FILES): Promise<{ result: RunResult; error: PythonError | undefined }> {
  const request = importCheckRequest(files, module);
  const result = await shared.run({ ...request, limits: limits() });
  const errors = errorsOfRun(result, { files, entry: module }, limits());
  return { result, error: errors[errors.length - 1] };
}

/** [type, message, file, line, column, endLine, endColumn] */
const placed = (error: PythonError | undefined): unknown[] =>
  error ? [error.type, error.message, error.file, error.line, error.column, error.endLine, error.endColumn] : [];

describe('sandbox: import checks', function () {
  this.timeout(120_000);

  it('reports a syntax error in the module at its spot', async () => {
    const { result, error } = await check('pkg/broken.py');
    assert.deepStrictEqual([result.reason, result.exitCode], ['exited', 1]);
    assert.deepStrictEqual(placed(error), ['SyntaxError', "'(' was never closed", 'pkg/broken.py', 1, 9, 1, 10]);
  });

  it('reports a missing module on the import line of the module', async () => {
    const { error } = await check('pkg/badimport.py');
    assert.deepStrictEqual(placed(error), ['ModuleNotFoundError', "No module named 'nowhere'", 'pkg/badimport.py', 2, 1, 2, 26]);
    assert.deepStrictEqual(error?.frames.map((f) => [f.file, f.line, f.external]), [['pkg/badimport.py', 2, false]]);
  });

  it('reports a module-level NameError with its columns, and a traceback without the import system or the driver', async () => {
    const { result, error } = await check('pkg/names.py');
    assert.deepStrictEqual(placed(error), ['NameError', "name 'undefined_name' is not defined", 'pkg/names.py', 2, 17, 2, 31]);
    assert.strictEqual(
      result.stderr,
      'Traceback (most recent call last):\n' +
        '  File "/app/pkg/names.py", line 2, in <module>\n' +
        '    TOTAL = LIMIT + undefined_name\n' +
        '                    ^^^^^^^^^^^^^^\n' +
        "NameError: name 'undefined_name' is not defined\n",
    );
  });

  it('passes a clean module, and a package module importing a sibling relatively', async () => {
    const clean = await check('pkg/clean.py');
    assert.deepStrictEqual([clean.result.exitCode, clean.result.stdout, clean.result.stderr, clean.error], [0, '', '', undefined]);
    const relative = await check('pkg/relative.py');
    assert.deepStrictEqual([relative.result.exitCode, relative.result.stdout, relative.error], [0, 'loaded 42\n', undefined]);
  });

  it('places a failed relative import in the importing module', async () => {
    const { error } = await check('pkg/relbad.py');
    assert.deepStrictEqual(placed(error), ['ImportError', "cannot import name 'missing' from 'pkg' (/app/pkg/__init__.py)", 'pkg/relbad.py', 1, 1, 1, 22]);
  });

  it('checks a module named like a standard one from its own file', async () => {
    const { error } = await check('json.py');
    assert.deepStrictEqual(placed(error), ['NameError', "name 'nothing' is not defined", 'json.py', 3, 10, 3, 17]);
  });

  it('never places an error in the driver, even when the driver is counted among the run files', async () => {
    const request = importCheckRequest(FILES, 'pkg/names.py');
    const result = await shared.run({ ...request, limits: limits() });
    const errors = errorsOfRun(result, { files: request.files, entry: 'pkg/names.py' }, limits());
    assert.deepStrictEqual([errors[0].file, errors[0].line], ['pkg/names.py', 2]);
  });

  it('runs a package entry point that imports relatively as python -m, with its arguments', async () => {
    const launch = launchFor(FILES, 'pkg/cli.py', 'entry');
    assert.strictEqual(launch.command, 'python -m pkg.cli');
    const ok = await shared.run({ ...launchRequest(FILES, launch), args: ['0'], limits: limits() });
    assert.deepStrictEqual([ok.exitCode, ok.stdout, ok.stderr], [0, "loaded 42\n42 ['0']\n", '']);
    const failing = { ...FILES, 'pkg/cli.py': 'from .relative import ANSWER\nprint(ANSWER / 0)\n' };
    const result = await shared.run({ ...launchRequest(failing, launchFor(failing, 'pkg/cli.py', 'entry')), limits: limits() });
    const errors = errorsOfRun(result, { files: failing, entry: 'pkg/cli.py' }, limits());
    assert.deepStrictEqual(placed(errors[0]), ['ZeroDivisionError', 'division by zero', 'pkg/cli.py', 2, 7, 2, 17]);
  });

  it('heals a module with its import check as the run, changing only the module', async () => {
    const files = { 'pkg/__init__.py': '', 'pkg/settings.py': '"""Settings as JSON."""\nDEFAULTS = {"debug": False}\nTEXT = json.dumps(DEFAULTS)\n' };
    const launch = launchFor(files, 'pkg/settings.py', 'module');
    const record = await healFile(
      { files, entry: 'pkg/settings.py', driver: { entry: launch.entry, files: launch.generated } },
      { runner: shared, limits: limits(), maxAttempts: 3 },
    );
    assert.deepStrictEqual([record.entry, record.outcome, record.stopReason], ['pkg/settings.py', 'healed', 'healed in 1 attempt']);
    assert.deepStrictEqual([record.firstRun.error?.type, record.firstRun.error?.file, record.firstRun.error?.line], ['NameError', 'pkg/settings.py', 3]);
    assert.deepStrictEqual(record.attempts.map((a) => [a.fix?.source, a.outcome]), [['rule:missing-import', 'healed']]);
    assert.deepStrictEqual(record.changedFiles, { 'pkg/settings.py': '"""Settings as JSON."""\nimport json\nDEFAULTS = {"debug": False}\nTEXT = json.dumps(DEFAULTS)\n' });
  });
});
