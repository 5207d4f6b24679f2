// Which tests judge a program (those of its folder that import it), and the order of the workflow:
// a program whose own run is not clean never reaches its tests; one no test imports has none.
import * as assert from 'assert';
import type { FileHealRecord } from '../../src/core/heal/ledger';
import type { Runner } from '../../src/core/run/runTypes';
import { DEFAULT_LIMITS } from '../../src/core/run/limits';
import { healProgramWithTests, moduleNameOf, testFilesImporting } from '../../src/core/testHeal/programTests';

const record = (outcome: FileHealRecord['outcome'], stopReason: string): FileHealRecord => ({ outcome, stopReason } as Partial<FileHealRecord> as FileHealRecord);
/** The tests must not run in these cases: a runner that is called fails the test. */
const noRuns: Runner = { run: async () => assert.fail('no test run was expected'), dispose: async () => undefined };

describe('the tests that import a program', () => {
  const files = {
    'calc.py': '', 'pkg/shapes.py': '', 'pkg/__init__.py': '',
    'tests/test_calc.py': 'import pytest\nfrom calc import add\n',
    'test_alias.py': 'import os, calc as c\n',
    'test_shapes.py': 'from pkg import (other, shapes)\n',
    'test_dotted.py': 'from pkg.shapes import area\n',
    'test_near.py': 'from calculator import add\n# from calc import add\nimport calcs\n',
    'tests/conftest.py': 'from calc import add\n',
    'helper.py': 'from calc import add\n',
  };

  it('finds plain, aliased and dotted imports, in path order, and leaves out near names, comments, conftest.py and non-tests', () => {
    assert.deepStrictEqual(testFilesImporting(files, 'calc.py'), ['test_alias.py', 'tests/test_calc.py']);
    assert.deepStrictEqual(testFilesImporting(files, 'pkg/shapes.py'), ['test_dotted.py', 'test_shapes.py']);
    assert.deepStrictEqual([moduleNameOf('pkg/shapes.py'), moduleNameOf('pkg/__init__.py'), moduleNameOf('calc.py')], ['pkg.shapes', 'pkg', 'calc']);
  });

  it('stops before the tests when the program\'s own run is not clean', async () => {
    let read = 0;
    const result = await healProgramWithTests({
      program: 'calc.py',
      healProgram: async () => record('not-healed', 'no fix held within 3 attempts'),
      testProject: async () => (read++, { root: '/p', files, paths: [], leftOut: [] }),
    }, { runner: noRuns, limits: DEFAULT_LIMITS });
    assert.deepStrictEqual([result.outcome, result.reason, result.testFiles, result.tests, read], [
      'program-not-clean', 'the program\'s own run is not clean (not-healed: no fix held within 3 attempts); its tests were not run', [], undefined, 0,
    ]);
  });

  it('says so when no test imports the program', async () => {
    const result = await healProgramWithTests({
      program: 'helper.py', healProgram: async () => record('clean', 'ran clean'), testProject: async () => ({ root: '/p', files, paths: [], leftOut: [] }),
    }, { runner: noRuns, limits: DEFAULT_LIMITS });
    assert.deepStrictEqual([result.outcome, result.reason, result.testFiles], ['no-tests', 'no test file in /p imports helper', []]);
  });
});
