// A test report as JUnit XML, the format CI servers read: one <testsuite> with a <testcase> per
// test, <failure> for a failed test, <error> for an error, <skipped> for skipped and xfailed tests
// (an xpassed test passed, as pytest's junitxml has it unless strict), and the captured output. Names follow pytest's own
// junitxml: classname is the dotted module (and class), name the test's last part.
import type { TestResult, TestRunReport } from './testTypes';

export function junitXml(report: TestRunReport, suiteName = 'self-heal'): string {
  const { totals } = report;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites>',
    `  <testsuite ${attributes({
      name: suiteName,
      tests: totals.total,
      failures: totals.failed,
      errors: totals.error,
      skipped: totals.skipped + totals.xfailed,
      time: seconds(report.durationMs),
    })}>`,
  ];
  if (report.problem) lines.push(`    <properties><property ${attributes({ name: 'problem', value: report.problem.message })}/></properties>`);
  for (const test of report.tests) lines.push(...testcase(test));
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

function testcase(test: TestResult): string[] {
  const { classname, name } = junitNames(test.id);
  const open = `    <testcase ${attributes({ classname, name, file: test.file, line: test.line, time: seconds(test.durationMs) })}`;
  const body: string[] = [];
  const message = test.message ?? '';
  const text = test.details ?? message;
  if (test.outcome === 'failed') {
    body.push(`      <failure ${attributes({ message, type: errorType(message) })}>${escapeText(text)}</failure>`);
  } else if (test.outcome === 'error') {
    body.push(`      <error ${attributes({ message, type: errorType(message) })}>${escapeText(text)}</error>`);
  } else if (test.outcome === 'skipped' || test.outcome === 'xfailed') {
    body.push(`      <skipped ${attributes({ message: test.outcome === 'xfailed' ? `expected failure: ${message}` : message })}/>`);
  }
  if (test.stdout !== '') body.push(`      <system-out>${escapeText(test.stdout)}</system-out>`);
  if (test.stderr !== '') body.push(`      <system-err>${escapeText(test.stderr)}</system-err>`);
  return body.length === 0 ? [`${open}/>`] : [`${open}>`, ...body, '    </testcase>'];
}

/** "tests/test_calc.py::TestAdd::test_add[1-2]" -> tests.test_calc.TestAdd + test_add[1-2]; "pkg.mod.Class.test" -> pkg.mod.Class + test. */
export function junitNames(id: string): { classname: string; name: string } {
  if (id.includes('::') || id.endsWith('.py')) {
    const parts = id.split('::');
    const module = parts[0].replace(/\.py$/, '').split('/').join('.');
    const name = parts.length > 1 ? parts[parts.length - 1] : module;
    return { classname: [module, ...parts.slice(1, -1)].join('.'), name };
  }
  const dot = id.lastIndexOf('.');
  return dot < 0 ? { classname: '', name: id } : { classname: id.slice(0, dot), name: id.slice(dot + 1) };
}

function errorType(message: string): string {
  const match = /^([A-Za-z_][\w.]*)(?::|$)/.exec(message);
  return match ? match[1] : '';
}

function attributes(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}="${escapeAttribute(String(value))}"`)
    .join(' ');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Characters XML 1.0 cannot hold at all (most control characters, lone surrogates, U+FFFE/FFFF) become U+FFFD. */
function xmlChars(text: string): string {
  return text.replace(/[\0-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

export function escapeText(text: string): string {
  return xmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Also the quotes, and the whitespace an attribute would otherwise normalise to spaces. */
export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
