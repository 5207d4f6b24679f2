// The one contract between the Fix Attempts panel's host (src/webview/attemptsPanel.ts) and its
// browser side (src/webview-ui/panel.ts). Both import this file; only types come from core, so the
// browser bundle stays free of Node code. The host validates every message it receives: a webview is
// untrusted input.
import type { CutShort, FixState } from '../core/heal/fixLifecycle';
import type { FileHealRecord } from '../core/heal/ledger';
import type { TokenUsage } from '../core/model/modelTypes';
import type { SuiteSide, TestAttemptOutcome, TestHealOutcome } from '../core/testHeal/testHealTypes';
import type { TestFramework } from '../core/testing/testTypes';

/**
 * A run's status is one of its files' states (core/heal/fixLifecycle.ts, runStatusOf): a run whose
 * only open files need input or arguments, or hit a limit, ends as the first such need.
 */
export type RunStatus = FixState;

/** One file's heal as the panel shows it. */
export interface PanelFile extends FileHealRecord {
  /** The entry file's URI (string form, so it survives JSON). */
  uri: string;
  /** Workspace-relative path for display (names the folder in a multi-root workspace). */
  path: string;
  /** Where its fix stands; reached only through the state machine. */
  state: FixState;
  /** Workspace-relative paths of the files its fix changes (the entry, or files it imports). */
  changed: string[];
  /** Why it is in its state, when that is not plain (e.g. why an Apply was refused). */
  note?: string;
  /** How a clean run of it is said: "ran clean", "imports cleanly" (core's CLEAN_RUN_WORDS); absent in runs saved before. */
  cleanWords?: string;
}

/** One attempt of a heal against the tests, as the panel shows it. */
export interface PanelTestAttempt {
  number: number;
  source: string;
  description: string;
  outcome: TestAttemptOutcome;
  why: string;
  durationMs: number;
  totalTokens: number;
}

/** A heal against a folder's tests: the receipt, bounded (testHealView.ts), and where its fix stands. */
export interface PanelTestHeal {
  /** Its fix's key in the run, as a file's entry is. */
  entry: string;
  /** The workspace folder's URI and how it is shown. */
  uri: string;
  path: string;
  /** Reached only through the state machine, as a file's is. */
  state: FixState;
  note?: string;
  /** Workspace-relative paths of the files its fix changes. */
  changed: string[];
  outcome: TestHealOutcome;
  reason: string;
  framework: TestFramework;
  before: SuiteSide;
  after: SuiteSide;
  /** Test ids: failed twice on the unchanged code; pass with the fix; still fail; flaky. */
  red: string[];
  green: string[];
  stillRed: string[];
  flaky: string[];
  attempts: PanelTestAttempt[];
  tokens: TokenUsage;
  durationMs: number;
  /** The receipt as Markdown (core's testHealMarkdown): what Copy Summary copies. */
  summary: string;
}

export interface PanelRun {
  id: string;
  /** Epoch milliseconds. */
  startedAt: number;
  title: string;
  /** Derived from its files' states by the state machine; kept for the webview. */
  status: RunStatus;
  /** True while its heals go on (its files may wait for a choice after). */
  healing: boolean;
  /** The files it set out to heal (entries, root-relative), in the order they are listed. */
  planned: string[];
  /** Set when it ended before every file was reported. */
  cutShort?: CutShort;
  /** A fact of the whole run its files' states do not say: "2 tests fail" after a workspace run. */
  note?: string;
  files: PanelFile[];
  /** Present when the run healed against the tests. */
  testHeal?: PanelTestHeal;
}

/** The states a run's status is read from: its files', and its heal against the tests'. */
export function statesOf(run: Pick<PanelRun, 'files' | 'testHeal'>): FixState[] {
  return [...run.files.map((f) => f.state), ...(run.testHeal ? [run.testHeal.state] : [])];
}

export interface PanelState {
  /** Newest first. */
  runs: PanelRun[];
  modelConfigured: boolean;
  running: boolean;
  /** Model tokens of every heal reported since the window opened (runs restored from before are not counted). */
  sessionTokens: TokenUsage;
}

/** Host -> webview: always a whole snapshot; the host owns the state. */
export type HostMessage = { type: 'state'; state: PanelState };

/** Webview -> host. `attempt` 0 in openDiff means the file's whole change (every kept fix). */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'openLocation'; path: string; line: number; column?: number; runId?: string; entry?: string }
  | { type: 'openDiff'; runId: string; entry: string; attempt: number }
  | { type: 'applyFix'; runId: string; entry: string }
  | { type: 'discardFix'; runId: string; entry: string }
  | { type: 'revertFix'; runId: string; entry: string }
  | { type: 'retry'; runId: string; entry: string }
  | { type: 'runWithArguments'; runId: string; entry: string }
  | { type: 'runAgainRaised'; runId: string; entry: string }
  | { type: 'copySummary'; runId: string }
  | { type: 'stop' }
  | { type: 'runAndHeal' }
  | { type: 'setApiKey' };

/** Longest id or path accepted from the webview. */
const MAX_TEXT = 4096;

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT && !value.includes('\0');
}

function isCount(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

/** True when `message` has exactly the allowed keys (`type` included) and no others. */
function hasOnlyKeys(message: Fields, allowed: readonly string[]): boolean {
  return Object.keys(message).every((key) => key === 'type' || allowed.includes(key));
}

const CHECKS: Record<WebviewMessage['type'], (m: Fields) => boolean> = {
  ready: (m) => hasOnlyKeys(m, []),
  stop: (m) => hasOnlyKeys(m, []),
  runAndHeal: (m) => hasOnlyKeys(m, []),
  setApiKey: (m) => hasOnlyKeys(m, []),
  openLocation: (m) =>
    hasOnlyKeys(m, ['path', 'line', 'column', 'runId', 'entry']) &&
    isText(m.path) &&
    isCount(m.line, 1) &&
    (m.column === undefined || isCount(m.column, 1)) &&
    (m.runId === undefined || isText(m.runId)) &&
    (m.entry === undefined || isText(m.entry)),
  copySummary: (m) => hasOnlyKeys(m, ['runId']) && isText(m.runId),
  openDiff: (m) => hasOnlyKeys(m, ['runId', 'entry', 'attempt']) && isText(m.runId) && isText(m.entry) && isCount(m.attempt, 0),
  applyFix: isFileAction,
  discardFix: isFileAction,
  revertFix: isFileAction,
  retry: isFileAction,
  runWithArguments: isFileAction,
  runAgainRaised: isFileAction,
};

function isFileAction(m: Fields): boolean {
  return hasOnlyKeys(m, ['runId', 'entry']) && isText(m.runId) && isText(m.entry);
}

export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (!isRecord(value) || typeof value.type !== 'string' || !Object.hasOwn(CHECKS, value.type)) return false;
  return CHECKS[value.type as WebviewMessage['type']](value);
}

/** The browser side's check of what it receives; the host is trusted, so only the shape is checked. */
export function isHostMessage(value: unknown): value is HostMessage {
  if (!isRecord(value) || value.type !== 'state' || !isRecord(value.state)) return false;
  const state = value.state;
  return Array.isArray(state.runs) && typeof state.modelConfigured === 'boolean' && typeof state.running === 'boolean';
}
