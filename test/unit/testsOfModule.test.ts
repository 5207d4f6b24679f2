// Which test files speak for a module, and how its outcome is said when they fail.
import * as assert from 'assert';
import { failingTestsPhrase, testFilesImporting, withFailingTests } from '../../src/core/testHeal/testsOfModule';

describe('the tests that import a module', () => {
  const files = {
    'calc.py': 'def add(a, b):\n    return a + b\n',
    'pkg/__init__.py': '',
    'pkg/money.py': 'RATE = 2\n',
    'test_calc.py': 'from calc import add\n',
    'tests/test_plain.py': 'import calc as c, os\n',
    'test_other.py': 'import calculator\n# import calc\n',
    'test_money.py': 'from pkg import money\n',
    'test_money_dotted.py': 'import pkg.money\n',
    'test_text.py': 'print("import calc")\n',
  };

  it('finds the test files that import it by name, dotted path, or from its package', () => {
    assert.deepStrictEqual(testFilesImporting('calc.py', files), ['test_calc.py', 'tests/test_plain.py']);
    assert.deepStrictEqual(testFilesImporting('pkg/money.py', files), ['test_money.py', 'test_money_dotted.py']);
  });

  it('finds none for a module no test imports, and never for a test file itself', () => {
    assert.deepStrictEqual(testFilesImporting('pkg/__init__.py', { 'test_x.py': 'import os\n' }), []);
    assert.deepStrictEqual(testFilesImporting('test_calc.py', files), []);
  });

  it('says the outcome with the failing tests, and alone when none fails', () => {
    assert.strictEqual(withFailingTests('ran clean', 1), 'ran clean; 1 test fails');
    assert.strictEqual(withFailingTests('imports cleanly', 3), 'imports cleanly; 3 tests fail');
    assert.deepStrictEqual([failingTestsPhrase(1), failingTestsPhrase(2)], ['1 test fails', '2 tests fail']);
    assert.strictEqual(withFailingTests('ran clean', 0), 'ran clean');
  });
});
