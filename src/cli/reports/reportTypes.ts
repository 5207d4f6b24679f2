// What the CI reports (SARIF, the Markdown job summary) are written from: one shape for `run`, `heal`
// and `test`, with paths already relative to the repository root, so the writers need nothing but
// this and stay plain string building that the editor could use as well.

/** A traceback frame in the project's own files, outermost first in a finding's list. */
export interface ReportFrame {
  /** POSIX path relative to the repository root. */
  file: string;
  line: number;
  function: string;
}

/** One file's text before and after a fix: the SARIF replacements are computed from it. */
export interface FileChange {
  file: string;
  before: string;
  after: string;
}

export interface ReportFix {
  /** "rule:missing-import: import math" or "model:gpt-4o-mini: ...", in the order the fixes were kept. */
  description: string;
  /** The unified diff people read. */
  diff: string;
  changes: FileChange[];
}

export interface ReportFinding {
  /** The error type ("NameError") or, for a test without one, "test-failure". */
  ruleId: string;
  /** Warnings are stops that are not bugs in the code: a time or memory limit, missing input. */
  level: 'error' | 'warning';
  message: string;
  /** Where it broke, relative to the repository root; absent when no place is known. */
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** For a test failure, the test's id; for a run, the file that was run. */
  subject: string;
  frames: ReportFrame[];
  /** Present only for a fix a sandboxed re-run proved. */
  fix?: ReportFix;
  /** Fixed but not proved (a partial fix) or not fixed at all: what the summary says. */
  fixState: 'verified' | 'not-fixed';
}

export interface ReportInput {
  command: 'run' | 'heal' | 'test';
  toolVersion: string;
  /** file:// URI of the repository root, ending in "/". */
  rootUri: string;
  /** Files run (run, heal) or tests run (test). */
  checked: number;
  passed: number;
  failed: number;
  findings: ReportFinding[];
}

/** What a command hands the writers; the tool's version and the root's URI are added on writing. */
export type ReportResults = Omit<ReportInput, 'rootUri' | 'toolVersion'>;
