// What the editor shows for an error: the file and exact range, the message, the exception type with
// its documentation page, and the other traceback frames. Pure, so the rules are unit-tested here and
// src/vscode only converts to vscode.Diagnostic.
import { fileText, hasFile } from '../files/fileTexts';
import { firstStatementLine } from './endingPlaces';
import { expectedOutcomeOf, problemText, type ExpectedOutcome } from './expectedExits';
import type { PythonError } from './pythonError';

export interface DiagnosticSpec {
  /** Workspace-relative path (a key of the run's files). */
  file: string;
  /** 1-based; end column exclusive. */
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  /** "NameError: name 'json' is not defined", or "stopped after 30 s (time limit)". */
  message: string;
  /** The exception type; for an expected exit its name in words ("needs input", "time limit"). */
  code: string;
  docsUrl?: string;
  /** Set when the program is not at fault: it needs input or arguments, or was stopped at a limit. */
  expected?: ExpectedOutcome;
  /** The other frames in the run's files, outermost first. */
  related: Array<{ file: string; line: number; message: string }>;
}

const BUILTIN_EXCEPTIONS = new Set(
  ('ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError BrokenPipeError ' +
    'BufferError ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError ' +
    'EOFError EncodingWarning EnvironmentError Exception ExceptionGroup FileExistsError FileNotFoundError FloatingPointError ' +
    'GeneratorExit IOError ImportError IndentationError IndexError InterruptedError IsADirectoryError KeyError ' +
    'KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError NotADirectoryError NotImplementedError ' +
    'OSError OverflowError PermissionError ProcessLookupError RecursionError ReferenceError RuntimeError StopAsyncIteration ' +
    'StopIteration SyntaxError SystemError SystemExit TabError TimeoutError TypeError UnboundLocalError UnicodeDecodeError ' +
    'UnicodeEncodeError UnicodeError UnicodeTranslateError ValueError ZeroDivisionError').split(' '),
);

const PYTHON_DOCS = 'https://docs.python.org/3/library/';

/** The page that documents an exception type: the built-in exceptions, or its module's page. */
export function docsUrlOf(type: string): string | undefined {
  if (BUILTIN_EXCEPTIONS.has(type)) return `${PYTHON_DOCS}exceptions.html#${type}`;
  const dot = type.lastIndexOf('.');
  if (dot <= 0) return undefined; // a class of the program's own, or a limit's name ("time limit")
  const module = type.slice(0, dot).split('.')[0];
  return `${PYTHON_DOCS}${module}.html`;
}

/**
 * The diagnostic for what ended a run. Errors without a line in the run's files (a limit whose
 * running line was not recorded, an exit without a traceback) go on the entry's first statement
 * after its docstring and imports (endingPlaces.ts).
 */
export function diagnosticFor(error: PythonError, entry: string, files: Readonly<Record<string, string>>): DiagnosticSpec {
  const file = error.file !== null && hasFile(files, error.file) ? error.file : entry;
  const source = fileText(files, file) ?? '';
  const lines = source.split('\n');
  const line = error.file === file && error.line ? Math.min(error.line, Math.max(1, lines.length)) : firstStatementLine(source);
  const text = lines[line - 1] ?? '';
  const range = error.file === file && error.column ? columnRange(error, line, text) : lineRange(line, text);
  const expected = expectedOutcomeOf(error);
  const code = expected === 'needs-input' || expected === 'needs-arguments' ? expected.replace('-', ' ') : error.type;
  return {
    file,
    ...range,
    message: problemText(error),
    code,
    docsUrl: expected ? undefined : docsUrlOf(error.type),
    ...(expected ? { expected } : {}),
    related: relatedFrames(error, files, file, line),
  };
}

function columnRange(error: PythonError, line: number, text: string) {
  const startColumn = Math.min(error.column as number, text.length + 1);
  const endLine = error.endLine && error.endLine >= line ? error.endLine : line;
  let endColumn = error.endColumn ?? 0;
  // A SyntaxError offset without an end marks one character; never an empty range.
  if (endLine === line && endColumn <= startColumn) endColumn = Math.min(startColumn + 1, text.length + 1);
  if (endLine === line && endColumn <= startColumn) return lineRange(line, text);
  return { startLine: line, startColumn, endLine, endColumn };
}

/** The whole line without its indentation. */
function lineRange(line: number, text: string) {
  const indent = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  return { startLine: line, startColumn: indent + 1, endLine: line, endColumn: Math.max(end + 1, indent + 2) };
}

function relatedFrames(error: PythonError, files: Readonly<Record<string, string>>, file: string, line: number) {
  return error.frames
    .filter((frame) => !frame.external && hasFile(files, frame.file) && !(frame.file === file && frame.line === line))
    .map((frame) => ({ file: frame.file, line: frame.line, message: `called from ${frame.function === '<module>' ? 'the top level' : `${frame.function}()`}${frame.source ? `: ${frame.source}` : ''}` }));
}
