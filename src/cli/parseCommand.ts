// `self-heal parse [FILE|-]`: reads traceback text and prints the structured errors.
import { readFileSync } from 'fs';
import * as fs from 'fs/promises';
import * as path from 'path';
import { defaultIsRunFile } from '../core/errorLocation';
import type { PythonError } from '../core/pythonError';
import { parseTracebacks } from '../core/tracebackParser';
import { parseArgs, UsageError } from './cliArgs';
import { readAll, type CliIo } from './cliIo';
import { InputError } from './inputFiles';

export const PARSE_USAGE = `Usage: self-heal parse [FILE|-] [--json]

Reads Python traceback text (a file, or standard input when FILE is - or absent) and prints each
traceback's final exception with its kind and location. Exit status: 0 when a traceback was found,
1 when none was, 2 for usage or input errors.
`;

const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export async function parseCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, { json: { kind: 'switch' }, help: { kind: 'switch' } });
  if (parsed.flags.has('help')) {
    io.stdout.write(PARSE_USAGE);
    return 0;
  }
  if (parsed.positionals.length > 1) throw new UsageError('name at most one file to parse');
  const source = parsed.positionals[0] ?? '-';
  const text = source === '-' ? await readAll(io.stdin) : await readInput(path.resolve(io.cwd, source), source);
  const errors = parseTracebacks(text, {
    isRunFile: defaultIsRunFile,
    // Carets become columns when the files named in the traceback are here to read.
    readSource: (file) => readSync(path.resolve(io.cwd, file)),
  });
  if (parsed.flags.has('json')) io.stdout.write(`${JSON.stringify({ errors }, null, 2)}\n`);
  else io.stdout.write(errors.length === 0 ? 'no traceback found\n' : errors.map((e) => describe(e, '')).join(''));
  return errors.length > 0 ? 0 : 1;
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

const sources = new Map<string, string | undefined>();

function readSync(file: string): string | undefined {
  if (!sources.has(file)) {
    try {
      sources.set(file, readFileSync(file, 'utf8'));
    } catch {
      sources.set(file, undefined);
    }
  }
  return sources.get(file);
}
