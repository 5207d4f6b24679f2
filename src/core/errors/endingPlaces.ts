// Where an ending without a traceback line of its own goes in the entry file: the line that parses
// the arguments (an argparse usage exit), the exit call that printed the message, or, when nothing
// better is known (a limit whose running line was not recorded), the first statement after the
// module docstring and the imports - where the program's own work starts, never a comment, a
// docstring or an `import` that has nothing to do with it.
import { logicalLines, type LogicalLine } from '../program/pythonStatements';

const DOCSTRING = /^[rRbBuU]{0,2}(""|'')$/;
const IMPORT = /^(?:import\s|from\s+\S+\s+import\b)/;

/** 1-based; the first logical line when the file is all imports, 1 for an empty file. */
export function firstStatementLine(source: string): number {
  const lines = logicalLines(source).filter((l) => l.code.trim() !== '');
  const work = lines.find((l, index) => !IMPORT.test(l.code.trim()) && !(index === 0 && DOCSTRING.test(l.code.trim())));
  return (work ?? lines[0])?.line ?? 1;
}

/** The line calling argparse's parse_args (or parse_known_args), the first when there are several. */
export function parseArgsLine(source: string): number | undefined {
  return logicalLines(source).find((l) => /\.parse_(?:known_)?(?:intermixed_)?args\s*\(/.test(l.code))?.line;
}

/**
 * The exit call that printed `message`: the one whose literal starts like it, else the only exit
 * call in the file. Undefined when it cannot be told.
 */
export function exitCallLine(source: string, message: string): number | undefined {
  const exits = logicalLines(source).filter((l) => /(?:\bsys\.exit|\bexit|\bquit)\s*\(|\bSystemExit\b/.test(l.code));
  const start = message.slice(0, 20);
  const saying = start === '' ? undefined : exits.find((l: LogicalLine) => l.text.includes(start));
  return (saying ?? (exits.length === 1 ? exits[0] : undefined))?.line;
}
