// Endings that are not bugs: a program that needs input (input() found no standard input, and none
// was given), one that needs arguments (an argparse usage exit, or a SystemExit with a message), and
// one stopped at a limit (time, output, memory). They are reported as such and never handed to a
// rule or a model: nothing in the code is wrong, the run lacked something.
import type { LimitName } from '../run/limits';
import type { PythonError } from './pythonError';

export type ExpectedOutcome = 'needs-input' | 'needs-arguments' | 'stopped-at-limit';

/** What the user is told the program is: "needs input", "needs arguments", "stopped at a limit". */
export const EXPECTED_OUTCOME_WORDS: Readonly<Record<ExpectedOutcome, string>> = {
  'needs-input': 'needs input',
  'needs-arguments': 'needs arguments',
  'stopped-at-limit': 'stopped at a limit',
};

/** The expected exit an error stands for, or undefined for a bug (or no error). */
export function expectedOutcomeOf(error: Pick<PythonError, 'kind'> | null | undefined): ExpectedOutcome | undefined {
  switch (error?.kind) {
    case 'needs-input':
      return 'needs-input';
    case 'needs-arguments':
      return 'needs-arguments';
    case 'timeout':
    case 'output-limit':
    case 'memory-limit':
      return 'stopped-at-limit';
    default:
      return undefined;
  }
}

/** CPython's message when input() meets the end of standard input. */
const INPUT_EOF = 'EOF when reading a line';

/** An EOFError from input() is a need for input only when the run was given none. */
export function isInputWithoutStdin(error: Pick<PythonError, 'type' | 'message'>, stdinGiven: boolean): boolean {
  return !stdinGiven && error.type === 'EOFError' && error.message === INPUT_EOF;
}

/** A program that ended with a failing status and no traceback, said as what it meant, when it meant one. */
export interface DeliberateExit {
  /** `usage`: argparse refused the arguments (status 2, its usage line on stderr); `message`: SystemExit("..."). */
  via: 'usage' | 'message';
  message: string;
  /** argparse's usage line. */
  usage?: string;
}

/**
 * Reads an exit without a traceback. argparse prints "usage: ..." then "PROG: error: WHY" and exits
 * 2; `sys.exit("text")` prints the text and exits 1. Any other status (3, a signal's 128+n) or an
 * exit 1 with nothing on stderr is not read as a message.
 */
export function deliberateExitOf(exitCode: number | null, stderr: string): DeliberateExit | undefined {
  const lines = stderr.split(/\r?\n/).map((line) => line.trimEnd()).filter((line) => line.trim() !== '');
  const last = lines[lines.length - 1];
  if (last === undefined) return undefined;
  if (exitCode === 2) {
    const usage = lines.find((line) => line.startsWith('usage: '));
    if (!usage) return undefined;
    const error = /^\S+: error: (.*)$/.exec(last);
    return { via: 'usage', message: error ? error[1] : last, usage };
  }
  return exitCode === 1 ? { via: 'message', message: last.trim() } : undefined;
}

/**
 * The one line every surface shows for an error: "NameError: name 'x' is not defined", or for an
 * expected exit what the program needs, in words.
 */
export function problemText(error: Pick<PythonError, 'type' | 'message' | 'kind' | 'notes'>): string {
  switch (expectedOutcomeOf(error)) {
    case 'needs-input':
      return 'needs input: input() found no input to read, and none was given';
    case 'needs-arguments': {
      const usage = error.notes.find((note) => note.startsWith('usage: '));
      return usage ? `needs arguments: ${error.message} (${usage})` : `needs arguments: the program exited with "${error.message}"`;
    }
    case 'stopped-at-limit':
      return error.message;
    default:
      return error.message ? `${error.type}: ${error.message}` : error.type;
  }
}

const LIMIT_OF_KIND: Partial<Record<PythonError['kind'], LimitName>> = { timeout: 'time', 'output-limit': 'output', 'memory-limit': 'memory' };

/** The limit an ending hit, if it was one. */
export function limitOfError(error: Pick<PythonError, 'kind'>): LimitName | undefined {
  return LIMIT_OF_KIND[error.kind];
}
