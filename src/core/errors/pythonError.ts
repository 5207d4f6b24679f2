// The structured form of a Python exception, shared by the sandbox capture, the traceback parser,
// the diagnostics, the fixers and the panel. Lines and columns are 1-based; endColumn is exclusive.
import type { CheckFramework } from '../run/failedCheckTypes';

export type ErrorKind =
  | 'syntax' | 'indentation' | 'module-not-found' | 'import-name' | 'name' | 'attribute' | 'type' | 'value'
  | 'key' | 'index' | 'zero-division' | 'recursion' | 'assertion' | 'unbound-local' | 'file-not-found'
  | 'timeout' | 'oom' | 'output-limit' | 'memory-limit' | 'exit-without-traceback' | 'needs-input' | 'needs-arguments'
  | 'check' | 'other';

export interface ErrorFrame {
  file: string;
  line: number;
  function: string;
  /** The source line as printed (stripped), or null when the interpreter printed none. */
  source: string | null;
  /** Outside the run's files: the standard library, site-packages, frozen or generated code. */
  external: boolean;
  /** Column range of the failing expression (3.11+ carets or positions), 1-based, end exclusive. */
  column?: number | null;
  endLine?: number | null;
  endColumn?: number | null;
}

export interface PythonError {
  /**
   * The type name as CPython 3.11+ prints it, the same whatever the version: module-qualified except
   * for built-ins and classes of `__main__` ("ValueError", "ValidationError",
   * "json.decoder.JSONDecodeError"). 3.8-3.10 print "__main__.ValidationError"; that prefix is dropped.
   */
  type: string;
  /**
   * The module-qualified name where `type` leaves the module out: "__main__.ValidationError". Known
   * from the capture always, from text only where 3.8-3.10 printed it (3.11+ print no module there).
   */
  qualifiedType?: string;
  message: string;
  kind: ErrorKind;
  /** Where the error originates: the innermost frame inside the run's files (or the syntax error's spot). */
  file: string | null;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  /** The name offered by "Did you mean ...?" or "Did you forget to import ...?". */
  suggestion: string | null;
  notes: string[];
  /** Outermost first. */
  frames: ErrorFrame[];
  cause: PythonError | null;
  context: PythonError | null;
  /** Members of an ExceptionGroup. */
  exceptions: PythonError[];
  /** Set when the error is one of the program's own checks failing (checkErrors.ts), not what ended it. */
  check?: CheckOrigin;
  /** The interpreter's release series ("3.9"), when the launcher's record says. */
  python?: string;
  /**
   * Names the launcher saw that the failing name could have meant: an AttributeError's object's
   * attributes, or the parameters of the callee that got an unexpected keyword argument.
   */
  candidates?: string[];
}

/** Which of the program's checks failed: a doctest example, a unittest or pytest test. */
export interface CheckOrigin {
  framework: CheckFramework;
  /** The doctest's name ("__main__.average") or the test's id. */
  name: string;
  /** How many of the program's checks failed in the run: fewer after a fix is progress. */
  failedInRun: number;
}
