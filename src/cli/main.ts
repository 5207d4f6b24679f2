// The `self-heal` command line: the same core as the extension, for terminals, CI and benchmarks.
import { UsageError } from './cliArgs';
import { processIo, type CliIo } from './cliIo';
import { InputError } from './inputFiles';
import { RunSetError } from '../core/program/runSet';
import { VERSION } from './version';

const USAGE = `Usage: self-heal <command> [options]

Commands:
  run FILE...    run Python files in a sandbox and report what happened
  heal FILE...   run them, fix what breaks, and prove each fix by running it again
  test [PATH...] run the project's tests in a sandbox, one result per test
  parse [FILE]   read traceback text and print the structured errors
  env list|prune the environment images built from requirements, and their removal
  mcp            serve run, heal and parse to coding agents over MCP (stdio)
  resident start|stop|status
                 a background runner with warm containers that makes each run start at once

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
    // Each command's code is evaluated only when it is the one asked for: `run` never starts the
    // model client, `parse` not even the engine client (module start-up is most of a short run).
    if (command === 'run') return await (await import('./runCommand')).runCommand(rest, io);
    if (command === 'heal') return await (await import('./healCommand')).healCommand(rest, io);
    if (command === 'test') return await (await import('./testCommand')).testCommand(rest, io);
    if (command === 'parse') return await (await import('./parseCommand')).parseCommand(rest, io);
    if (command === 'env') return await (await import('./envCommand')).envCommand(rest, io);
    if (command === 'resident') return await (await import('./residentCommand')).residentCommand(rest, io);
    if (command === 'mcp') return await (await import('../mcp/mcpCommand')).mcpCommand(rest, io, VERSION);
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    if (error instanceof UsageError) {
      const known = command === 'run' || command === 'heal' || command === 'test' || command === 'parse' || command === 'env' || command === 'mcp' || command === 'resident';
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
  void main(process.argv.slice(2), processIo(interrupt.signal)).then(async (status) => {
    process.exitCode = interrupt.signal.aborted ? 130 : status;
    // Ends once everything is written: a request an engine never answered must not keep the
    // command running after its work is done (the socket would hold the process open).
    await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
    process.exit();
  });
}
