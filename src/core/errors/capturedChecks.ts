// The failed checks the sandbox's launcher passed on (launcherChecks.ts), one JSON line each. Only
// the launcher's hooks could write them (the lines carry a token the program's own writes lack), but
// the hooks ran inside the program's interpreter, so each line is still read as untrusted: an
// off-shape line is a check that failed without details, never a reason to throw.
import type { CheckFramework, CheckOutcome, FailedCheck } from '../run/failedCheckTypes';
import { capturedFromValue } from './capturedRecord';

const MAX_TEXT = 256 * 1024;
const FRAMEWORKS: readonly CheckFramework[] = ['doctest', 'unittest', 'pytest'];
const OUTCOMES: readonly CheckOutcome[] = ['failure', 'error', 'unexpected success'];

export function failedCheckFromJson(text: string): FailedCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const textOf = (key: string): string | null => (typeof record[key] === 'string' && (record[key] as string).length <= MAX_TEXT ? (record[key] as string) : null);
  const line = record.line;
  return {
    framework: FRAMEWORKS.find((framework) => framework === record.framework) ?? 'doctest',
    name: textOf('name') ?? '(unnamed check)',
    outcome: OUTCOMES.find((outcome) => outcome === record.outcome) ?? 'failure',
    file: textOf('file'),
    line: Number.isSafeInteger(line) && (line as number) > 0 ? (line as number) : null,
    source: textOf('source'),
    expected: textOf('expected'),
    got: textOf('got'),
    error: record.error === undefined || record.error === null ? null : capturedFromValue(record.error) ?? null,
  };
}
