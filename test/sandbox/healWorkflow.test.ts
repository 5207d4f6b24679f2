// The shared heal workflow against the real engine: a rule fix for a module that an import check
// found is verified by importing it again through the same driver (run as a script, its relative
// import fails), and in the project's environment image (without it, its packages are missing).
import * as assert from 'assert';
import Docker from 'dockerode';
import { applyEdits } from '../../src/core/fixes/fixTypes';
import { ruleFixesFor } from '../../src/core/fixes/ruleFixers';
import { folderTargets, healTargets, imagesFrom, recipeOf, type HealTarget } from '../../src/core/heal/healTargets';
import { verifyFix, type Verification } from '../../src/core/heal/verifyFix';
import type { PythonError } from '../../src/core/errors/pythonError';
import { dockerOptionsFor } from '../../src/sandbox/engineDiscovery';
import { EnvironmentBuilder } from '../../src/sandbox/environment/environmentBuilder';
import { startPackageIndex, type PackageIndex } from './packageIndex';
import { engineHost, limits, newSandbox, SESSION, shared } from './sandboxHelper';

const PACKAGE = {
  'pkg/__init__.py': '',
  'pkg/sibling.py': 'VALUE = 21\n',
  'pkg/report.py': 'from . import sibling\ntotal = sibling.VALUE * 2\nSHOWN = totl\n',
};
const FIXED_REPORT = 'from . import sibling\ntotal = sibling.VALUE * 2\nSHOWN = total\n';

/** The module's error as a run without healing reports it, and the rule fix offered for it. */
async function foundError(target: HealTarget, options: Partial<Parameters<typeof healTargets>[1]> = {}): Promise<{ error: PythonError; fixed: Record<string, string>; description: string }> {
  const [record] = await healTargets([target], { runner: shared, limits: limits(), parallel: 1, maxAttempts: 0, ...options });
  const error = record.lastRun.error;
  assert.ok(error, record.lastRun.outputTail);
  assert.deepStrictEqual([error.type, error.message, error.file, error.line], ['NameError', "name 'totl' is not defined. Did you mean: 'total'?", 'pkg/report.py', 3]);
  const [candidate] = ruleFixesFor(error, target.files);
  const fixed = { ...target.files, 'pkg/report.py': applyEdits(target.files['pkg/report.py'], candidate.edits) as string };
  return { error, fixed, description: candidate.description };
}

const summary = (verified: Verification) => (verified.kind === 'ran' ? [verified.verdict, verified.error && `${verified.error.type}: ${verified.error.message}`] : [verified.kind, verified.why]);

describe('sandbox: a quick fix verifies the way its error was found (heal workflow)', function () {
  this.timeout(300_000);

  it('verifies a rule fix for an import-checked module through the import-check driver', async () => {
    const [target] = folderTargets({ root: '/project', files: PACKAGE, importRoot: '' }, ['pkg/report.py']);
    assert.deepStrictEqual([target.launch.kind, target.launch.command], ['import', 'import pkg.report']);
    const { error, fixed, description } = await foundError(target);
    assert.deepStrictEqual([description, fixed['pkg/report.py']], ["Change 'totl' to 'total'", FIXED_REPORT]);
    const before = { files: target.files, error, stdoutBytes: 0 };
    const verified = await verifyFix({ recipe: recipeOf(target.launch), before, fixed }, { runner: shared, limits: limits() });
    assert.deepStrictEqual(summary(verified), ['clean', null]);
    // Run as a plain script (how the quick fix verified before), the correct fix was refused.
    const asScript = await verifyFix({ recipe: { entry: 'pkg/report.py' }, before, fixed }, { runner: shared, limits: limits() });
    assert.deepStrictEqual(summary(asScript), ['worse', 'ImportError: attempted relative import with no known parent package']);
  });

  describe('in a project with requirements.txt', () => {
    const session = `${SESSION}-workflow`;
    const sandbox = newSandbox({ session, warmContainers: 0 });
    const docker = new Docker(dockerOptionsFor(engineHost()));
    const made = new Set<string>();
    let index: PackageIndex;

    before(async () => {
      index = await startPackageIndex(`index-${session}`, [{ name: 'tinyfmt', version: '1.0.7', files: { 'tinyfmt/__init__.py': 'def shout(s):\n    return s.upper()\n' } }]);
    });

    after(async () => {
      await sandbox.dispose();
      await index?.close();
      for (const tag of made) await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
    });

    it('verifies a rule fix in the environment image the run used', async () => {
      const files = { ...PACKAGE, 'pkg/report.py': `import tinyfmt\n${PACKAGE['pkg/report.py'].replace('SHOWN = totl', 'SHOWN = tinyfmt.shout(str(totl))')}`, 'requirements.txt': 'tinyfmt==1.0.7\n' };
      const builder = new EnvironmentBuilder(sandbox, { buildNetwork: 'host', pipArgs: ['--index-url', index.url] });
      const built = imagesFrom(builder);
      const imageFor = async (run: Readonly<Record<string, string>>, signal?: AbortSignal) => {
        const tag = await built(run, signal);
        if (tag) made.add(tag);
        return tag;
      };
      const [target] = folderTargets({ root: '/project', files, importRoot: '' }, ['pkg/report.py']);
      const [record] = await healTargets([target], { runner: sandbox, limits: limits(), parallel: 1, maxAttempts: 0, imageFor });
      const error = record.lastRun.error;
      assert.deepStrictEqual(error && [error.type, error.message, error.line], ['NameError', "name 'totl' is not defined. Did you mean: 'total'?", 4]);
      const [candidate] = ruleFixesFor(error!, files);
      const fixed = { ...files, 'pkg/report.py': applyEdits(files['pkg/report.py'], candidate.edits) as string };
      const before = { files, error: error!, stdoutBytes: 0 };
      const verified = await verifyFix({ recipe: recipeOf(target.launch), before, fixed }, { runner: sandbox, limits: limits(), imageFor });
      assert.deepStrictEqual(summary(verified), ['clean', null]);
      assert.strictEqual(made.size, 1);
      // Without the image (how the quick fix verified before) the package is missing and the fix is refused.
      const bare = await verifyFix({ recipe: recipeOf(target.launch), before, fixed }, { runner: sandbox, limits: limits() });
      assert.deepStrictEqual(summary(bare), ['worse', "ModuleNotFoundError: No module named 'tinyfmt'"]);
    });
  });
});
