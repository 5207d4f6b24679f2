import * as assert from 'assert';
import { escapeAttribute, escapeText, junitNames, junitXml } from '../../src/core/testing/junitXml';
import { totalsOf } from '../../src/core/testing/testReport';
import type { TestResult } from '../../src/core/testing/testTypes';

const TESTS: TestResult[] = [
  { id: 'tests/test_a.py::TestX::test_b[1-2]', outcome: 'failed', durationMs: 12, file: 'tests/test_a.py', line: 3, message: 'AssertionError: assert "<a>" == \'&\'', details: 'E  <a>', frames: [], stdout: 'out\x01\n', stderr: '' },
  { id: 'pkg.mod.TestY.test_c', outcome: 'skipped', durationMs: 0, message: 'later', frames: [], stdout: '', stderr: '' },
  { id: 'tests/test_a.py::test_d', outcome: 'passed', durationMs: 1500, frames: [], stdout: '', stderr: '' },
];

describe('junitXml', () => {
  it('writes a suite with a testcase per test, escaped', () => {
    const xml = junitXml({ framework: 'pytest', tests: TESTS, totals: totalsOf(TESTS), durationMs: 2000 });
    assert.strictEqual(xml, [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites>',
      '  <testsuite name="self-heal" tests="3" failures="1" errors="0" skipped="1" time="2.000">',
      '    <testcase classname="tests.test_a.TestX" name="test_b[1-2]" file="tests/test_a.py" line="3" time="0.012">',
      '      <failure message="AssertionError: assert &quot;&lt;a&gt;&quot; == &apos;&amp;&apos;" type="AssertionError">E  &lt;a&gt;</failure>',
      '      <system-out>out\ufffd\n</system-out>',
      '    </testcase>',
      '    <testcase classname="pkg.mod.TestY" name="test_c" time="0.000">',
      '      <skipped message="later"/>',
      '    </testcase>',
      '    <testcase classname="tests.test_a" name="test_d" time="1.500"/>',
      '  </testsuite>',
      '</testsuites>',
      '',
    ].join('\n'));
  });

  it('names collection errors by their module, and escapes line breaks in attributes', () => {
    assert.deepStrictEqual(junitNames('tests/test_broken.py'), { classname: 'tests.test_broken', name: 'tests.test_broken' });
    assert.strictEqual(escapeAttribute('a\nb\t"c"'), 'a&#10;b&#9;&quot;c&quot;');
    assert.strictEqual(escapeText('\ud800 ok \ud83d\ude00'), '\ufffd ok \ud83d\ude00');
  });
});
