// The shared heal workflow over an in-memory Runner: which files run and which are import-checked,
// the driver on every run of a module's heal, the environment asked for with the target's files, and
// a fix chosen later verified by the same run that found the error.
import * as assert from 'assert';
import { fileTarget, folderTargets, healTargets, imagesFrom, recipeOf, type HealTarget } from '../../src/core/heal/healTargets';
import { verifyFix } from '../../src/core/heal/verifyFix';
import { DEFAULT_LIMITS } from '../../src/core/run/limits';
import { IMPORT_CHECK_DRIVER } from '../../src/core/program/launch';
import type { Runner, RunRequest, RunResult } from '../../src/core/run/runTypes';

/** Plays Python just enough: a file holding `totl` fails with a NameError where the traceback says. */
class ScriptedRunner implements Runner {
  readonly requests: RunRequest[] = [];

  async run(request: RunRequest): Promise<RunResult> {
    this.requests.push(request);
    const broken = Object.entries(request.files).find(([file, text]) => file.endsWith('.py') && text.includes('SHOWN = totl'));
    const stderr = broken
      ? 'Traceback (most recent call last):\n' +
        `  File "/app/${request.entry}", line 4, in <module>\n` +
        `  File "/app/${broken[0]}", line 3, in <module>\n` +
        '    SHOWN = totl\n' +
        "NameError: name 'totl' is not defined. Did you mean: 'total'?\n"
      : '';
    return {
      exitCode: broken ? 1 : 0, reason: 'exited', stdout: '', stderr, stdoutBytes: 0, stderrBytes: stderr.length, truncated: { stdout: false, stderr: false },
      durationMs: 1, engine: { runner: 'docker', sandboxed: true, engine: 'in-memory' }, workDir: '/app',
    };
  }

  async dispose(): Promise<void> {}
}

const FILES: Record<string, string> = {
  'pkg/__init__.py': '',
  'pkg/sibling.py': 'VALUE = 21\n',
  'pkg/report.py': 'from . import sibling\ntotal = sibling.VALUE\nSHOWN = totl\n',
  'main.py': 'from pkg import report\nif __name__ == "__main__":\n    print(report.total)\n',
  'requirements.txt': 'requests==2.32.3\n',
};
const FOLDER = { root: '/work/project', files: FILES, importRoot: '' };
const limits = { ...DEFAULT_LIMITS, timeoutMs: 5000 };

describe('heal workflow: targets, drivers and environments (healTargets)', () => {
  it('runs a folder\'s entry point and import-checks its modules', () => {
    const targets = folderTargets(FOLDER, ['main.py', 'pkg/report.py', 'pkg/sibling.py']);
    assert.deepStrictEqual(
      targets.map((t) => [t.launch.target, t.role?.role, t.launch.kind, t.launch.entry, t.launch.command]),
      [
        ['main.py', 'entry', 'run', 'main.py', 'python main.py'],
        ['pkg/report.py', 'module', 'import', IMPORT_CHECK_DRIVER, 'import pkg.report'],
        ['pkg/sibling.py', 'module', 'import', IMPORT_CHECK_DRIVER, 'import pkg.sibling'],
      ],
    );
    assert.deepStrictEqual(fileTarget('/work/project', FILES, 'pkg/report.py').launch.entry, 'pkg/report.py');
  });

  it('starts every run of a module\'s heal with its import-check driver, and asks for the image with the target\'s files', async () => {
    const runner = new ScriptedRunner();
    const asked: Array<Readonly<Record<string, string>>> = [];
    const [target] = folderTargets(FOLDER, ['pkg/report.py']);
    const [record] = await healTargets([target], {
      runner, limits, parallel: 1, maxAttempts: 2, args: ['--not-for-modules'], stdin: 'nor this',
      imageFor: async (files) => {
        asked.push(files);
        return 'env-image';
      },
    });
    assert.deepStrictEqual([record.outcome, record.entry, record.changedFiles], ['healed', 'pkg/report.py', { 'pkg/report.py': 'from . import sibling\ntotal = sibling.VALUE\nSHOWN = total\n' }]);
    assert.deepStrictEqual(
      runner.requests.map((r) => [r.entry, r.image, r.args, r.stdin, Object.keys(r.files).sort()]),
      [0, 1].map(() => [IMPORT_CHECK_DRIVER, 'env-image', [], undefined, [IMPORT_CHECK_DRIVER, 'main.py', 'pkg/__init__.py', 'pkg/report.py', 'pkg/sibling.py']]),
    );
    assert.deepStrictEqual(asked.map((files) => [files['requirements.txt'], files['pkg/report.py']]), [
      ['requests==2.32.3\n', FILES['pkg/report.py']],
      ['requests==2.32.3\n', 'from . import sibling\ntotal = sibling.VALUE\nSHOWN = total\n'],
    ]);
  });

  it('gives a program the arguments and input, and builds its image from the declared requirements', async () => {
    const runner = new ScriptedRunner();
    const built: string[][] = [];
    const imageFor = imagesFrom({ imageFor: async (requirements) => (built.push([...requirements]), 'env-1') });
    const target: HealTarget = folderTargets(FOLDER, ['main.py'])[0];
    await healTargets([target], { runner, limits, parallel: 1, maxAttempts: 0, args: ['a'], stdin: 'in', imageFor });
    assert.deepStrictEqual(runner.requests.map((r) => [r.entry, r.args, r.stdin, r.image]), [['main.py', ['a'], 'in', 'env-1']]);
    assert.deepStrictEqual(built, [['requests==2.32.3']]);
  });

  it('asks about and installs each set once per run, however many programs need it, and shows the install', async () => {
    const runner = new ScriptedRunner();
    const built: string[][] = [];
    const asked: string[][] = [];
    const shown: string[] = [];
    const provider = {
      imageFor: async (requirements: readonly string[], options: { onBuild?: () => void; onProgress?: (line: string) => void } = {}) => {
        built.push([...requirements]);
        options.onBuild?.();
        options.onProgress?.('Collecting requests==2.32.3');
        throw new Error('No matching distribution found for requests==2.32.3');
      },
    };
    const imageFor = imagesFrom(provider, async (requirements) => void asked.push([...requirements]), {
      onInstall: (requirements) => shown.push(`installing ${requirements.join(', ')}`),
      onLine: (line) => shown.push(line),
    });
    const records = await healTargets(folderTargets(FOLDER, ['main.py', 'pkg/report.py']), { runner, limits, parallel: 2, maxAttempts: 0, imageFor });
    assert.deepStrictEqual(records.map((r) => [r.outcome, r.setupFailure]), [
      ['engine-error', { kind: 'install', message: 'the environment could not be prepared: No matching distribution found for requests==2.32.3' }],
      ['engine-error', { kind: 'install', message: 'the environment could not be prepared: No matching distribution found for requests==2.32.3' }],
    ]);
    assert.deepStrictEqual([built, asked, shown], [[['requests==2.32.3']], [['requests==2.32.3']], ['installing requests==2.32.3', 'Collecting requests==2.32.3']]);
    assert.strictEqual(runner.requests.length, 0, 'no program starts without its environment');
  });

  it('verifies a fix chosen later with the driver and image of the run that found the error', async () => {
    const runner = new ScriptedRunner();
    const [target] = folderTargets(FOLDER, ['pkg/report.py']);
    const [found] = await healTargets([target], { runner, limits, parallel: 1, maxAttempts: 0 });
    assert.ok(found.lastRun.error);
    const fixed = { ...FILES, 'pkg/report.py': 'from . import sibling\ntotal = sibling.VALUE\nSHOWN = total\n' };
    const images: string[] = [];
    const verified = await verifyFix(
      { recipe: recipeOf(target.launch), before: { files: FILES, error: found.lastRun.error, stdoutBytes: 0 }, fixed },
      { runner, limits, imageFor: async (files) => (images.push(files['requirements.txt']), 'env-image') },
    );
    assert.deepStrictEqual(verified.kind === 'ran' ? [verified.verdict, verified.error] : verified, ['clean', null]);
    const last = runner.requests[runner.requests.length - 1];
    assert.deepStrictEqual([last.entry, last.image, last.files[IMPORT_CHECK_DRIVER] === target.launch.generated[IMPORT_CHECK_DRIVER], 'requirements.txt' in last.files], [IMPORT_CHECK_DRIVER, 'env-image', true, false]);
    assert.deepStrictEqual(images, ['requests==2.32.3\n']);
  });

  it('does not run a fix whose environment cannot be prepared, and says why', async () => {
    const runner = new ScriptedRunner();
    const [target] = folderTargets(FOLDER, ['pkg/report.py']);
    const error = { type: 'NameError' } as never;
    const verified = await verifyFix(
      { recipe: recipeOf(target.launch), before: { files: FILES, error, stdoutBytes: 0 }, fixed: FILES },
      { runner, limits, imageFor: async () => Promise.reject(new Error('installing requests was not approved')) },
    );
    assert.deepStrictEqual(verified, { kind: 'not-ran', why: 'the environment could not be prepared: installing requests was not approved' });
    assert.strictEqual(runner.requests.length, 0);
  });
});
