// The receipt as Markdown for a pull request: the verdict, the suite's totals before and after,
// the tests that went from red to green, each attempt, and the fix as a diff.
import type { TestOutcome, TestTotals } from '../testing/testTypes';
import type { TestHealReceipt } from './testHealTypes';

const COLUMNS: readonly TestOutcome[] = ['passed', 'failed', 'error', 'skipped', 'xfailed', 'xpassed'];

const HEADLINES: Record<TestHealReceipt['outcome'], string> = {
  healed: 'the failing tests pass',
  'not-healed': 'not healed',
  passing: 'every test passes',
  flaky: 'flaky tests, not healed',
  'not-run': 'the tests did not run',
  cancelled: 'cancelled',
};

const seconds = (ms: number): string => `${+(ms / 1000).toFixed(1)} s`;
const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

export function testHealMarkdown(receipt: TestHealReceipt): string {
  const lines = [`## Self-Heal: ${HEADLINES[receipt.outcome]}`, '', receipt.reason, ''];
  lines.push(`| | ${COLUMNS.join(' | ')} | total | time |`, `|---|${COLUMNS.map(() => '---:').join('|')}|---:|---:|`);
  lines.push(totalsRow('before', receipt.before.totals, receipt.before.durationMs), totalsRow('after', receipt.after.totals, receipt.after.durationMs), '');
  if (receipt.green.length > 0) lines.push(`**Red to green** (${receipt.green.length}):`, ...receipt.green.map((id) => `- \`${id}\``), '');
  if (receipt.stillRed.length > 0) lines.push(`**Still failing** (${receipt.stillRed.length}):`, ...receipt.stillRed.map((id) => `- \`${id}\``), '');
  if (receipt.flaky.length > 0) lines.push(`**Flaky** (failed once and passed once on the unchanged code; not healed):`, ...receipt.flaky.map((id) => `- \`${id}\``), '');
  if (receipt.attempts.length > 0) {
    lines.push('### Attempts', '', '| # | fix | outcome | why | time | tokens |', '|---:|---|---|---|---:|---:|');
    for (const attempt of receipt.attempts) {
      const fix = `${cell(attempt.description)} (${cell(attempt.source)})`;
      lines.push(`| ${attempt.number} | ${fix} | ${attempt.outcome} | ${cell(attempt.why)} | ${seconds(attempt.durationMs)} | ${attempt.tokens.totalTokens} |`);
    }
    lines.push('');
  }
  if (receipt.tokens.totalTokens > 0) lines.push(`Model tokens: ${receipt.tokens.promptTokens} prompt + ${receipt.tokens.completionTokens} completion = ${receipt.tokens.totalTokens}.`, '');
  if (receipt.diff !== '') lines.push('### The fix', '', fence(receipt.diff), '');
  lines.push(`${plural(receipt.attempts.length, 'attempt')} in ${seconds(receipt.durationMs)}.`);
  return `${lines.join('\n')}\n`;
}

function totalsRow(label: string, totals: TestTotals, durationMs: number): string {
  return `| ${label} | ${COLUMNS.map((outcome) => totals[outcome]).join(' | ')} | ${totals.total} | ${seconds(durationMs)} |`;
}

/** One table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.split('\n')[0].replace(/\|/g, '\\|');
}

function fence(diff: string): string {
  const longest = Math.max(0, ...[...diff.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(Math.max(3, longest + 1));
  return `${marks}diff\n${diff.endsWith('\n') ? diff : `${diff}\n`}${marks}`;
}
