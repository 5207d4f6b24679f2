// `self-heal parse [FILE|-]`: reads traceback text and prints the structured errors.
import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync } from 'fs';
import * as fs from 'fs/promises';
import * as path from 'path';
import { defaultIsRunFile } from '../core/errors/errorLocation';
import { sourceTextForRun } from '../core/files/sourceText';
import type { PythonError } from '../core/errors/pythonError';
import { parseTracebacks } from '../core/errors/tracebackParser';
import { flagTable, parseArgs, UsageError } from './cliArgs';
import { readAll, type CliIo } from './cliIo';
import { InputError } from './inputFiles';

export const PARSE_USAGE = `Usage: self-heal parse [FILE|-] [--json]

Reads Python traceback text (a file, or standard input when FILE is - or absent) and prints each
traceback's final exception with its kind and location. Exit status: 0 when a traceback was found,
1 when none was, 2 for usage or input errors.
`;

const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export async function parseCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, flagTable({ switch: ['json', 'help'] }));
  if (parsed.flags.has('help')) {
    io.stdout.write(PARSE_USAGE);
    return 0;
  }
  if (parsed.positionals.length > 1) throw new UsageError('name at most one file to parse');
  const source = parsed.positionals[0] ?? '-';
  const text = source === '-' ? await readAll(io.stdin) : await readInput(path.resolve(io.cwd, source), source);
  const errors = parseTracebackText(text, io.cwd);
  if (parsed.flags.has('json')) io.stdout.write(`${JSON.stringify({ errors }, null, 2)}\n`);
  else io.stdout.write(errors.length === 0 ? 'no traceback found\n' : errors.map((e) => describe(e, '')).join(''));
  return errors.length > 0 ? 0 : 1;
}

/** The structured errors of traceback text; files it names are read for carets only inside `cwd`. */
export function parseTracebackText(text: string, cwd: string): PythonError[] {
  return parseTracebacks(text, {
    isRunFile: defaultIsRunFile,
    // Carets become columns when the files named in the traceback are here to read.
    readSource: sourceReader(cwd),
  });
}

function describe(error: PythonError, indent: string): string {
  const where = error.file ? `${error.file}:${error.line ?? '?'}${error.column ? `:${error.column}` : ''}: ` : '';
  let text = `${indent}${where}${error.type}${error.message ? `: ${error.message}` : ''} [${error.kind}]\n`;
  if (error.suggestion) text += `${indent}  suggestion: ${error.suggestion}\n`;
  for (const note of error.notes) text += `${indent}  note: ${note}\n`;
  if (error.cause) text += `${indent}  caused by:\n${describe(error.cause, `${indent}    `)}`;
  if (error.context) text += `${indent}  while handling:\n${describe(error.context, `${indent}    `)}`;
  for (const member of error.exceptions) text += `${indent}  member:\n${describe(member, `${indent}    `)}`;
  return text;
}

async function readInput(file: string, shown: string): Promise<string> {
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw new InputError(`${shown}: is a directory`);
    if (stat.size > MAX_INPUT_BYTES) throw new InputError(`${shown}: too large (the limit is 64 MiB)`);
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${shown}: no such file` : `${shown}: cannot be read (${code})`);
  }
}

/** Source files shown for carets are small; anything bigger is not a program's source. */
const MAX_SOURCE_BYTES = 1024 * 1024;

/**
 * A file a traceback names, read only when it is a regular file of sensible size inside `cwd`: the
 * text is pasted from anywhere and may name a FIFO, a device or a file outside the project.
 */
function sourceReader(cwd: string): (file: string) => string | undefined {
  const sources = new Map<string, string | undefined>();
  let realCwd: string | undefined;
  return (file) => {
    const absolute = path.resolve(cwd, file);
    if (!sources.has(absolute)) {
      realCwd ??= realpathOr(cwd);
      sources.set(absolute, realCwd === undefined ? undefined : readRegularFile(absolute, realCwd));
    }
    return sources.get(absolute);
  };
}

function readRegularFile(absolute: string, realCwd: string): string | undefined {
  const real = realpathOr(absolute);
  if (real === undefined || !isInside(real, realCwd)) return undefined;
  let fd: number | undefined;
  try {
    // Non-blocking, so a FIFO swapped in after the check cannot hold the open; fstat decides on what was opened.
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_SOURCE_BYTES) return undefined;
    return sourceTextForRun(readFileSync(fd));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function realpathOr(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative);
}
