// One test's result as the Test Explorer shows it: the outcome and duration, a failure's message at
// the failing line of the test (core/testing/testFailure.ts) with expected and actual when pytest saw
// a comparison, and what the test printed in the run's output beside it. What was reported is kept
// in the same words for the integration tests.
import * as path from 'path';
import * as vscode from 'vscode';
import { failurePlacesOf } from '../core/testing/testFailure';
import type { TestResult } from '../core/testing/testTypes';
import { lineRange } from './testDiagnostics';

export type ReportedOutcome = 'passed' | 'failed' | 'errored' | 'skipped';

export interface ReportedTest {
  /** The item's id in the Test Explorer. */
  id: string;
  outcome: ReportedOutcome;
  durationMs?: number;
  message?: string;
  expected?: string;
  actual?: string;
  /** Where the message points: root-relative file and 1-based line. */
  location?: { file: string; line: number };
}

/** Writes to the run's output (beside a test when one is given), keeping the text for the record. */
export type TestOutput = (text: string, location?: vscode.Location, item?: vscode.TestItem) => void;

export function reportResult(run: vscode.TestRun, output: TestOutput, item: vscode.TestItem, result: TestResult, root: string, files: Readonly<Record<string, string>>): ReportedTest {
  const place = failurePlacesOf(result).inTest;
  const location = place && new vscode.Location(vscode.Uri.file(path.join(root, ...place.file.split('/'))), lineRange(files[place.file], place.line));
  appendTestOutput(output, item, result, location);
  const duration = result.durationMs;
  switch (result.outcome) {
    case 'passed':
    case 'xpassed':
      run.passed(item, duration);
      return { id: item.id, outcome: 'passed', durationMs: duration };
    case 'skipped':
    case 'xfailed':
      run.skipped(item);
      return { id: item.id, outcome: 'skipped', ...(result.message !== undefined ? { message: result.message } : {}) };
    case 'failed':
    case 'error': {
      const text = result.message ?? `${result.id} ${result.outcome}`;
      // pytest's `assert actual == expected`: the left side is what the code gave, the right what the test wants.
      const comparison = result.comparison?.op === '==' ? result.comparison : undefined;
      const message = comparison ? vscode.TestMessage.diff(text, comparison.right, comparison.left) : new vscode.TestMessage(text);
      if (location) message.location = location;
      const outcome = result.outcome === 'failed' ? 'failed' : 'errored';
      if (outcome === 'failed') run.failed(item, message, duration);
      else run.errored(item, message, duration);
      return {
        id: item.id,
        outcome,
        durationMs: duration,
        message: text,
        ...(comparison ? { expected: comparison.right, actual: comparison.left } : {}),
        ...(place ? { location: { file: place.file, line: place.line } } : {}),
      };
    }
  }
}

/** A message for items that could not run at all (no pytest, no engine): the same words everywhere. */
export function reportNotRun(run: vscode.TestRun, items: readonly vscode.TestItem[], text: string): ReportedTest[] {
  return items.map((item) => {
    run.errored(item, new vscode.TestMessage(text));
    return { id: item.id, outcome: 'errored', message: text };
  });
}

function appendTestOutput(output: TestOutput, item: vscode.TestItem, result: TestResult, location: vscode.Location | undefined): void {
  const lines = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);
  // What the test printed shows at its line too; the framework's long report only in the output.
  for (const text of [result.stdout, result.stderr].filter((t) => t !== '')) output(lines(text), location, item);
  if ((result.outcome === 'failed' || result.outcome === 'error') && result.details) output(lines(result.details), undefined, item);
}

/** The test output pane is a terminal: lines end in CRLF. */
export function terminalText(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
