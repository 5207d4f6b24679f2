// The exception record comes from inside the program's own interpreter, so the program could have
// shaped it: it is read as untrusted JSON. Anything off-shape, too deep or too large gives no record
// (the traceback on stderr is parsed instead); nothing in it can make the host throw.
import type { CapturedException, CapturedFrame } from '../run/capturedExceptionTypes';

/** The launcher stops at 50 links of cause/context/group nesting. */
const MAX_DEPTH = 64;
/** Exceptions in one record, counting every cause, context and group member. */
const MAX_EXCEPTIONS = 2000;
/** The launcher keeps at most 1,000 frames per exception. */
const MAX_FRAMES = 1000;
const MAX_NOTES = 1000;
const MAX_TEXT = 1024 * 1024;
/** The launcher sends at most 2,000 candidate names, each an identifier of at most 100 characters. */
const MAX_CANDIDATES = 2000;
const CANDIDATE = /^[A-Za-z_]\w{0,99}$/;

type Json = Record<string, unknown>;

export function capturedFromJson(text: string): CapturedException | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return capturedFromValue(value);
}

/** The same check for a record already parsed (one inside a failed check's line). */
export function capturedFromValue(value: unknown): CapturedException | undefined {
  const budget = { exceptions: MAX_EXCEPTIONS };
  return exceptionOf(value, 0, budget) ?? undefined;
}

function exceptionOf(value: unknown, depth: number, budget: { exceptions: number }): CapturedException | undefined {
  if (!isObject(value) || depth > MAX_DEPTH || --budget.exceptions < 0) return undefined;
  const { type, qualifiedType, message, notes, frames, syntax, cause, context, exceptions, candidates, python } = value;
  if (!isText(type) || type === '' || !isText(message)) return undefined;
  // The launcher names only classes of __main__ twice; any other pair is not its record.
  if (qualifiedType !== undefined && qualifiedType !== `__main__.${type}`) return undefined;
  if (!Array.isArray(notes) || notes.length > MAX_NOTES || !notes.every(isText)) return undefined;
  if (!Array.isArray(frames) || frames.length > MAX_FRAMES) return undefined;
  const readFrames = frames.map(frameOf);
  if (readFrames.some((frame) => frame === undefined)) return undefined;
  const members = exceptions ?? [];
  if (!Array.isArray(members)) return undefined;
  const linked = (link: unknown): CapturedException | null | undefined => (link === null || link === undefined ? null : exceptionOf(link, depth + 1, budget));
  const readCause = linked(cause);
  const readContext = linked(context);
  const readMembers = members.map((member) => exceptionOf(member, depth + 1, budget));
  if (readCause === undefined || readContext === undefined || readMembers.some((member) => member === undefined)) return undefined;
  const readSyntax = syntax === undefined || syntax === null ? undefined : syntaxOf(syntax);
  if (readSyntax === null) return undefined;
  // Hints for the fixers only: off-shape ones are dropped, the record stands.
  const readCandidates = Array.isArray(candidates) && candidates.length <= MAX_CANDIDATES ? candidates.filter((name): name is string => typeof name === 'string' && CANDIDATE.test(name)) : undefined;
  const readPython = typeof python === 'string' && /^\d{1,2}\.\d{1,3}$/.test(python) ? python : undefined;
  return {
    type,
    ...(qualifiedType !== undefined ? { qualifiedType: qualifiedType as string } : {}),
    message,
    notes: notes as string[],
    frames: readFrames as CapturedFrame[],
    ...(readSyntax ? { syntax: readSyntax } : {}),
    cause: readCause,
    context: readContext,
    exceptions: readMembers as CapturedException[],
    ...(readCandidates ? { candidates: readCandidates } : {}),
    ...(readPython ? { python: readPython } : {}),
  };
}

function frameOf(value: unknown): CapturedFrame | undefined {
  if (!isObject(value)) return undefined;
  const { file, line, function: name, source, column, endLine, endColumn } = value;
  if (!isText(file) || !isLineNumber(line) || !isText(name) || !(source === null || source === undefined || isText(source))) return undefined;
  if (![column, endLine, endColumn].every(isOptionalNumber)) return undefined;
  return {
    file,
    line,
    function: name,
    source: source ?? null,
    ...(column !== undefined ? { column: column as number | null } : {}),
    ...(endLine !== undefined ? { endLine: endLine as number | null } : {}),
    ...(endColumn !== undefined ? { endColumn: endColumn as number | null } : {}),
  };
}

/** undefined: absent; null: present but off-shape. */
function syntaxOf(value: unknown): CapturedException['syntax'] | null {
  if (!isObject(value)) return null;
  const { file, line, offset, endLine, endOffset, text } = value;
  if (!(file === null || file === undefined || isText(file)) || !(text === null || text === undefined || isText(text))) return null;
  if (![line, offset, endLine, endOffset].every(isOptionalNumber)) return null;
  return {
    file: (file as string | null | undefined) ?? null,
    line: (line as number | null | undefined) ?? null,
    offset: (offset as number | null | undefined) ?? null,
    endLine: (endLine as number | null | undefined) ?? null,
    endOffset: (endOffset as number | null | undefined) ?? null,
    text: (text as string | null | undefined) ?? null,
  };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT;
}

function isLineNumber(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isOptionalNumber(value: unknown): boolean {
  return value === undefined || value === null || Number.isSafeInteger(value);
}
