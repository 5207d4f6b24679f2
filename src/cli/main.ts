// The `self-heal` command line: the same core as the extension, for terminals, CI and benchmarks.
import { UsageError } from './cliArgs';
import { processIo, type CliIo } from './cliIo';
import { envCommand } from './envCommand';
import { healCommand } from './healCommand';
import { InputError } from './inputFiles';
import { parseCommand } from './parseCommand';
import { runCommand } from './runCommand';
import { RunSetError } from '../core/program/runSet';

const USAGE = `Usage: self-heal <command> [options]

Commands:
  run FILE...    run Python files in a sandbox and report what happened
  heal FILE...   run them, fix what breaks, and prove each fix by running it again
  parse [FILE]   read traceback text and print the structured errors
  env list|prune the environment images built from requirements, and their removal

Run "self-heal <command> --help" for the options of a command.
`;

/** Runs one CLI invocation and returns its exit status: 0 success, 1 a program failed, 2 usage/input/engine. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === 'help') {
      io.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === 'run') return await runCommand(rest, io);
    if (command === 'heal') return await healCommand(rest, io);
    if (command === 'parse') return await parseCommand(rest, io);
    if (command === 'env') return await envCommand(rest, io);
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    if (error instanceof UsageError) {
      const known = command === 'run' || command === 'heal' || command === 'parse' || command === 'env';
      io.stderr.write(`self-heal: ${error.message} (see "self-heal ${known ? `${command} ` : ''}--help")\n`);
    } else if (error instanceof InputError || error instanceof RunSetError) {
      io.stderr.write(`self-heal: ${error.message}\n`);
    } else {
      io.stderr.write(`self-heal: internal error: ${(error as Error).stack ?? String(error)}\n`);
    }
    return 2;
  }
}

if (require.main === module) {
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());
  process.once('SIGTERM', () => interrupt.abort());
  void main(process.argv.slice(2), processIo(interrupt.signal)).then((status) => {
    process.exitCode = interrupt.signal.aborted ? 130 : status;
  });
}
