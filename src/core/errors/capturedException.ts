// The uncaught exception the sandbox's launcher recorded (core/run/capturedExceptionTypes.ts),
// turned into the shared PythonError shape.
import type { CapturedException } from '../run/capturedExceptionTypes';
import { classify, suggestionIn } from './errorKinds';
import { innermostRunFrame, namesRunLine, placeAt } from './errorLocation';
import type { ErrorFrame, PythonError } from './pythonError';

export interface PathMapping {
  /** Interpreter path -> workspace path (e.g. "/app/pkg/x.py" -> "pkg/x.py"). */
  mapPath: (file: string) => string;
  /** True for files of the run (after mapping). */
  isRunFile: (file: string) => boolean;
}

export function fromCaptured(captured: CapturedException, paths: PathMapping): PythonError {
  const frames = captured.frames.map((f) => ({ ...f, file: paths.mapPath(f.file), external: !paths.isRunFile(paths.mapPath(f.file)) }));
  const error: PythonError = {
    type: captured.type,
    ...(captured.qualifiedType ? { qualifiedType: captured.qualifiedType } : {}),
    message: captured.message,
    kind: classify(captured.type, captured.message),
    file: null,
    line: null,
    column: null,
    endLine: null,
    endColumn: null,
    suggestion: suggestionIn(captured.message) ?? captured.notes.map(suggestionIn).find((s) => s !== null) ?? null,
    notes: captured.notes,
    frames: frames.map(({ file, line, function: name, source, external }): ErrorFrame => ({ file, line, function: name, source, external })),
    cause: captured.cause && fromCaptured(captured.cause, paths),
    context: captured.context && fromCaptured(captured.context, paths),
    exceptions: captured.exceptions.map((member) => fromCaptured(member, paths)),
    ...(captured.candidates ? { candidates: captured.candidates } : {}),
    ...(captured.python ? { python: captured.python } : {}),
  };
  const syntax = captured.syntax;
  const syntaxFile = syntax?.file ? paths.mapPath(syntax.file) : undefined;
  if (syntax && syntaxFile && syntax.line && namesRunLine({ external: !paths.isRunFile(syntaxFile), line: syntax.line })) {
    const offset = syntax.offset && syntax.offset > 0 ? syntax.offset : null;
    // A SyntaxError without an end offset (or one not past its start) marks one character.
    const endColumn = offset && (syntax.endOffset && syntax.endOffset > offset ? syntax.endOffset : offset + 1);
    return placeAt(error, { file: syntaxFile, line: syntax.line, column: offset, endLine: syntax.endLine, endColumn });
  }
  return placeAt(error, innermostRunFrame(frames));
}
