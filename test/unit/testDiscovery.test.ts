import * as assert from 'assert';
import { declaredTests, isTestFileName } from '../../src/core/testing/testDiscovery';

describe('tests declared in a file, read without running it', () => {
  it('finds top-level test functions, Test classes and TestCase classes with their methods, at their lines', () => {
    const text = [
      'import unittest',                         // 1
      '',                                        // 2
      'def helper():',                           // 3
      '    def test_nested(): pass',             // 4
      '',                                        // 5
      '@pytest.mark.parametrize("a", [1, 2])',   // 6
      'def test_add(a):',                        // 7
      '    assert a',                            // 8
      '',                                        // 9
      'async def test_later():',                 // 10
      '    pass',                                // 11
      '',                                        // 12
      'class TestCalc:',                         // 13
      '    """Calc."""',                         // 14
      '    def test_sub(self):',                 // 15
      '        def test_inner(): pass',          // 16
      '    def helper(self): pass',              // 17
      '',                                        // 18
      'class Sums(unittest.TestCase):',          // 19
      '    def test_sum(self): pass',            // 20
      '',                                        // 21
      'class TestEmpty:',                        // 22
      '    x = 1',                               // 23
      'class Other:',                            // 24
      '    def test_not_collected(self): pass',  // 25
      'def test_last(): pass',                   // 26
    ].join('\r\n');
    assert.deepStrictEqual(declaredTests(text), [
      { name: 'test_add', kind: 'function', line: 7, children: [] },
      { name: 'test_later', kind: 'function', line: 10, children: [] },
      { name: 'TestCalc', kind: 'class', line: 13, children: [{ name: 'test_sub', kind: 'method', line: 15, children: [] }] },
      { name: 'Sums', kind: 'class', line: 19, children: [{ name: 'test_sum', kind: 'method', line: 20, children: [] }] },
      { name: 'test_last', kind: 'function', line: 26, children: [] },
    ]);
  });

  it('names test files as pytest and unittest do by default', () => {
    assert.deepStrictEqual(['test_calc.py', 'calc_test.py', 'calc.py', 'test_calc.txt', 'testing.py', 'conftest.py'].map(isTestFileName), [true, true, false, false, false, false]);
  });
});
