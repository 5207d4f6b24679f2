// A heal against the tests as the panel keeps it: the receipt's facts, bounded like a file's record
// (recordTrim.ts), so a suite of thousands of failing tests or a long model answer cannot bloat the
// workspace memento or the webview. The Markdown summary is made from the whole receipt first, then
// cut: Copy Summary gives what a pull request would get, up to the bound.
import type { ReportedTestHeal } from '../contract/editorPanelContract';
import { testHealMarkdown } from '../core/testHeal/testHealSummary';
import type { PanelTestHeal } from './protocol';

export const TEST_HEAL_TRIM = {
  ids: 200,
  idChars: 500,
  textChars: 2000,
  attempts: 20,
  summaryChars: 64 * 1024,
} as const;

export const SUMMARY_SHORTENED = '\n… (summary shortened for storage)\n';

export type ReportedPanelTestHeal = Omit<PanelTestHeal, 'state' | 'note'>;

export function panelTestHealOf(heal: ReportedTestHeal): ReportedPanelTestHeal {
  const { receipt } = heal;
  return {
    entry: heal.entry, uri: heal.uri, path: heal.path, changed: heal.changed.slice(0, TEST_HEAL_TRIM.ids),
    outcome: receipt.outcome, reason: head(receipt.reason, TEST_HEAL_TRIM.textChars), framework: receipt.framework,
    before: receipt.before, after: receipt.after,
    red: ids(receipt.red), green: ids(receipt.green), stillRed: ids(receipt.stillRed), flaky: ids(receipt.flaky),
    attempts: receipt.attempts.slice(0, TEST_HEAL_TRIM.attempts).map((attempt) => ({
      number: attempt.number, source: head(attempt.source, TEST_HEAL_TRIM.idChars), description: head(attempt.description, TEST_HEAL_TRIM.textChars),
      outcome: attempt.outcome, why: head(attempt.why, TEST_HEAL_TRIM.textChars), durationMs: attempt.durationMs, totalTokens: attempt.tokens.totalTokens,
    })),
    tokens: receipt.tokens, durationMs: receipt.durationMs,
    summary: boundedSummary(testHealMarkdown(receipt)),
  };
}

function boundedSummary(markdown: string): string {
  if (markdown.length <= TEST_HEAL_TRIM.summaryChars) return markdown;
  const cut = markdown.lastIndexOf('\n', TEST_HEAL_TRIM.summaryChars - SUMMARY_SHORTENED.length);
  return markdown.slice(0, cut) + SUMMARY_SHORTENED;
}

function ids(list: readonly string[]): string[] {
  return list.slice(0, TEST_HEAL_TRIM.ids).map((id) => head(id, TEST_HEAL_TRIM.idChars));
}

function head(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
