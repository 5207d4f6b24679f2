// The one contract between the Fix Attempts panel's host (src/webview/attemptsPanel.ts) and its
// browser side (src/webview-ui/panel.ts). Both import this file; only types come from core, so the
// browser bundle stays free of Node code. The host validates every message it receives: a webview is
// untrusted input.
import type { FileHealRecord } from '../core/heal/ledger';

/** A run whose files all ran clean or healed except some that need input or arguments, or hit a limit, ends as that need. */
export type RunStatus = 'running' | 'healed' | 'not-healed' | 'cancelled' | 'failed' | 'needs-input' | 'needs-arguments' | 'stopped-at-limit';

/** One file's heal as the panel shows it. */
export interface PanelFile extends FileHealRecord {
  /** The entry file's URI (string form, so it survives JSON). */
  uri: string;
  /** Workspace-relative path for display (names the folder in a multi-root workspace). */
  path: string;
  /** True once the file's kept fixes were undone. */
  reverted?: boolean;
}

export interface PanelRun {
  id: string;
  /** Epoch milliseconds. */
  startedAt: number;
  title: string;
  status: RunStatus;
  files: PanelFile[];
}

export interface PanelState {
  /** Newest first. */
  runs: PanelRun[];
  modelConfigured: boolean;
  running: boolean;
}

/** Host -> webview: always a whole snapshot; the host owns the state. */
export type HostMessage = { type: 'state'; state: PanelState };

/** Webview -> host. `attempt` 0 in openDiff means the file's whole change (every kept fix). */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'openLocation'; path: string; line: number; column?: number; runId?: string; entry?: string }
  | { type: 'openDiff'; runId: string; entry: string; attempt: number }
  | { type: 'revertFix'; runId: string; entry: string }
  | { type: 'retry'; runId: string; entry: string }
  | { type: 'stop' }
  | { type: 'runAndHeal' }
  | { type: 'setApiKey' };

export const RUN_STATUSES: readonly RunStatus[] = ['running', 'healed', 'not-healed', 'cancelled', 'failed', 'needs-input', 'needs-arguments', 'stopped-at-limit'];

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
  openDiff: (m) => hasOnlyKeys(m, ['runId', 'entry', 'attempt']) && isText(m.runId) && isText(m.entry) && isCount(m.attempt, 0),
  revertFix: (m) => hasOnlyKeys(m, ['runId', 'entry']) && isText(m.runId) && isText(m.entry),
  retry: (m) => hasOnlyKeys(m, ['runId', 'entry']) && isText(m.runId) && isText(m.entry),
};

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

export function isRunStatus(value: unknown): value is RunStatus {
  return typeof value === 'string' && (RUN_STATUSES as readonly string[]).includes(value);
}
