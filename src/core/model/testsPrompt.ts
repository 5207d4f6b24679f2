// The part of a fix request that is about a project's failing tests: which tests must pass, what
// each asserted (pytest's two sides of the comparison), and the test's own source, so the model
// fixes the code under test towards the tests instead of guessing from an assertion message.
import type { FailingTests } from './modelTypes';

const fence = (text: string, language: string): string => {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(Math.max(3, longest + 1));
  return `${marks}${language}\n${text.endsWith('\n') ? text : `${text}\n`}${marks}`;
};

export function testsIntro(tests: FailingTests): string {
  const count = tests.failing.length === 1 ? 'The test below fails' : `The ${tests.failing.length} tests below fail`;
  const rule = tests.testFilesLocked
    ? 'The tests are the specification: change the code under test, never a test file (test_*.py, *_test.py, conftest.py, files under tests/ or test/); an answer that edits one is refused.'
    : 'Prefer changing the code under test; change a test only when the test itself is wrong.';
  return `${count}. Fix the code so that it passes without making any test that passes now fail. ${rule} The error of the first failing test follows.`;
}

export function testsSection(tests: FailingTests | undefined): string {
  if (!tests) return '';
  const parts = ['## Failing tests'];
  for (const test of tests.failing) {
    const lines = [`### ${test.id}`, `Failure: ${test.message}`];
    if (test.comparison) {
      lines.push(`Compared with ${test.comparison.op}:`, `  left:  ${test.comparison.left}`, `  right: ${test.comparison.right}`);
    }
    if (test.source) lines.push(`The test (${test.source.file}, from line ${test.source.line}):`, fence(test.source.text, 'python'));
    parts.push(lines.join('\n'));
  }
  const code = Object.keys(tests.code);
  if (code.length > 0) parts.push(['## Code under test', ...code.map((file) => `${file}\n${fence(tests.code[file], 'python')}`)].join('\n\n'));
  return parts.join('\n\n');
}
