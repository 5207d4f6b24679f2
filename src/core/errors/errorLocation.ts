// Decides where an error originates: the innermost frame inside the run's files (or the spot a
// SyntaxError names), marks external frames, maps container paths back to workspace paths, and
// turns caret ranges into absolute columns when the source is at hand.
import type { ErrorFrame, PythonError } from './pythonError';
import { isGeneratedDriver } from '../program/launch';
import type { Located, ParsedBlock } from './tracebackBlock';

export interface LocateOptions {
  /** Maps a path as the interpreter printed it to the workspace path (e.g. "/app/x.py" -> "x.py"). */
  mapPath?: (file: string) => string;
  /** True for files of the run; default: anything not in the standard library, site-packages or generated code. */
  isRunFile?: (file: string) => boolean;
  /** The text of a run file, to turn caret ranges into columns. */
  readSource?: (file: string) => string | undefined;
}

const EXTERNAL = /[\\/](site|dist)-packages[\\/]|[\\/]lib[\\/]python\d[\d.]*[\\/]|[\\/]Lib[\\/]|^<.*>$|^<frozen /;

export function defaultIsRunFile(file: string): boolean {
  return !EXTERNAL.test(file) && !isGeneratedDriver(file);
}

export function locate(block: ParsedBlock, options: LocateOptions): PythonError {
  const mapPath = options.mapPath ?? ((file: string) => file);
  const isRunFile = options.isRunFile ?? defaultIsRunFile;
  const frames = block.frames.map((frame) => finish(frame, mapPath, isRunFile, options.readSource));
  const error = { ...block.error, frames: frames.map(stripColumns) };
  const spot = block.syntaxSpot && finish(block.syntaxSpot, mapPath, isRunFile, options.readSource);
  return placeAt(error, spot && namesRunLine(spot) ? spot : innermostRunFrame(frames));
}

/**
 * A SyntaxError's spot counts when it is a line of the run's files. Code compiled from a string
 * ("<string>" of eval/exec, "<fstring>" of 3.6-3.8, a made-up file name) or line 0 (an encoding
 * problem) names nothing the user can open: the error is where the run's code compiled it, or nowhere.
 */
export function namesRunLine(spot: { external: boolean; line: number }): boolean {
  return !spot.external && spot.line > 0;
}

/**
 * Where an error originates when nothing names a spot: the innermost frame in the run's files. Never
 * a generated driver (an import check's), even when a caller counts it among the run's files.
 */
export function innermostRunFrame<F extends { external: boolean; file: string }>(frames: readonly F[]): F | undefined {
  return [...frames].reverse().find((frame) => !frame.external && !isGeneratedDriver(frame.file));
}

type Spot = Pick<ErrorFrame, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'>;

/** Sets the error's location from a spot; columns only where the spot has them. */
export function placeAt(error: PythonError, spot: Spot | undefined): PythonError {
  if (!spot) return error;
  error.file = spot.file;
  error.line = spot.line;
  error.column = spot.column ?? null;
  error.endLine = spot.column ? (spot.endLine ?? spot.line) : null;
  error.endColumn = spot.column ? (spot.endColumn ?? null) : null;
  return error;
}

function finish(frame: Located, mapPath: (f: string) => string, isRunFile: (f: string) => boolean, readSource?: (f: string) => string | undefined): ErrorFrame {
  const file = mapPath(frame.file);
  const result: ErrorFrame = { file, line: frame.line, function: frame.function, source: frame.source, external: !isRunFile(file) };
  if (frame.caret && frame.source !== null) {
    const original = readSource?.(file)?.split(/\r?\n/)[frame.line - 1];
    // The interpreter prints the line stripped; where it sits in the file fixes the columns.
    const offset = original !== undefined && original.trim() === frame.source ? original.length - original.trimStart().length : undefined;
    if (offset !== undefined) {
      result.column = frame.caret.start + offset;
      result.endLine = frame.line;
      result.endColumn = frame.caret.end + offset;
    }
  }
  return result;
}

function stripColumns(frame: ErrorFrame): ErrorFrame {
  return { file: frame.file, line: frame.line, function: frame.function, source: frame.source, external: frame.external };
}
