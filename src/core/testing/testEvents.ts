// The events the generated test driver reports (testDriver.ts), decoded from the JSON texts the
// runner passes on (RunResult.testEvents). Each text came over the launcher's own channel, but its
// fields were made by Python code running beside the project's tests, so every field is checked
// here: a malformed event is dropped, a malformed field left out, never trusted as it is.
import { TEST_OUTCOMES, type TestFrame, type TestOutcome, type TestResult } from './testTypes';

export interface TestStartEvent {
  event: 'start';
  id: string;
}

/** A test's result with its paths still as the interpreter saw them (/app/...). */
export type TestResultEvent = TestResult & { event: 'result' };

/** The driver could not run the tests: pytest missing, or the framework stopped with a usage or internal error. */
export interface TestProblemEvent {
  event: 'problem';
  kind: 'pytest-missing' | 'driver';
  message: string;
}

/** The framework's own exit status, once it finished. */
export interface TestFinishedEvent {
  event: 'finished';
  status: number;
}

export type TestEvent = TestStartEvent | TestResultEvent | TestProblemEvent | TestFinishedEvent;

type Fields = Record<string, unknown>;

export function decodeTestEvents(texts: readonly string[]): TestEvent[] {
  const events: TestEvent[] = [];
  for (const text of texts) {
    const event = decodeTestEvent(text);
    if (event) events.push(event);
  }
  return events;
}

export function decodeTestEvent(text: string): TestEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const fields = value as Fields;
  if (fields.event === 'start' && typeof fields.id === 'string') return { event: 'start', id: fields.id };
  if (fields.event === 'result') return resultEvent(fields);
  if (fields.event === 'problem' && (fields.kind === 'pytest-missing' || fields.kind === 'driver')) {
    return { event: 'problem', kind: fields.kind, message: textOf(fields.message) ?? '' };
  }
  if (fields.event === 'finished' && Number.isInteger(fields.status)) return { event: 'finished', status: fields.status as number };
  return undefined;
}

function resultEvent(fields: Fields): TestResultEvent | undefined {
  const outcome = TEST_OUTCOMES.find((known) => known === fields.outcome);
  if (typeof fields.id !== 'string' || outcome === undefined) return undefined;
  const event: TestResultEvent = {
    event: 'result',
    id: fields.id,
    outcome,
    durationMs: typeof fields.durationMs === 'number' && fields.durationMs >= 0 ? fields.durationMs : 0,
    frames: Array.isArray(fields.frames) ? fields.frames.flatMap(frameOf) : [],
    stdout: textOf(fields.stdout) ?? '',
    stderr: textOf(fields.stderr) ?? '',
  };
  const file = textOf(fields.file);
  if (file !== undefined) event.file = file;
  if (isLine(fields.line)) event.line = fields.line;
  if (fields.collectionError === true) event.collectionError = true;
  const message = textOf(fields.message);
  if (message !== undefined) event.message = message;
  const details = textOf(fields.details);
  if (details !== undefined) event.details = details;
  const comparison = comparisonOf(fields.comparison);
  if (comparison) event.comparison = comparison;
  return event;
}

function frameOf(value: unknown): TestFrame[] {
  if (typeof value !== 'object' || value === null) return [];
  const { file, line, function: name } = value as Fields;
  return typeof file === 'string' && isLine(line) && typeof name === 'string' ? [{ file, line, function: name }] : [];
}

function comparisonOf(value: unknown): TestResultEvent['comparison'] {
  if (typeof value !== 'object' || value === null) return undefined;
  const { op, left, right } = value as Fields;
  return typeof op === 'string' && typeof left === 'string' && typeof right === 'string' ? { op, left, right } : undefined;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isLine(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}
