// Endings that are not bugs, read from what CPython really printed (test/fixtures/expected-exits):
// an argparse usage exit and a SystemExit message need arguments, input() without stdin needs
// input, a limit is said in words; anything else stays an error to heal.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { expectedOutcomeOf, problemText } from '../../src/core/errors/expectedExits';
import { errorsOfRun } from '../../src/core/errors/runErrors';
import { DEFAULT_LIMITS } from '../../src/core/run/limits';
import type { RunResult } from '../../src/core/run/runTypes';
import { errorWords } from '../../src/webview-ui/format';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/expected-exits');
interface Printed {
  program: string;
  args: string[];
  stdin: string | null;
  exitCode: number;
  stdout: string;
  stderr: string;
}
const RUNS: Printed[] = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'runs_py3.11.json'), 'utf8'));
const FILES = Object.fromEntries(fs.readdirSync(path.join(FIXTURES, 'programs')).map((name) => [name, fs.readFileSync(path.join(FIXTURES, 'programs', name), 'utf8')]));
const limits = { ...DEFAULT_LIMITS, timeoutMs: 2500, outputLimitBytes: 64 * 1024, memoryBytes: 64 * 1024 * 1024 };

function resultOf(printed: Pick<Printed, 'exitCode' | 'stdout' | 'stderr'>, extra: Partial<RunResult> = {}): RunResult {
  return {
    exitCode: printed.exitCode, reason: 'exited', stdout: printed.stdout, stderr: printed.stderr, stdoutBytes: printed.stdout.length, stderrBytes: printed.stderr.length,
    truncated: { stdout: false, stderr: false }, durationMs: 40, engine: { runner: 'local', sandboxed: false, engine: 'python3' }, workDir: '/tmp/expected-exits', ...extra,
  };
}

function endingOf(program: string, args: string[], stdinGiven = false) {
  const printed = RUNS.find((run) => run.program === program && JSON.stringify(run.args) === JSON.stringify(args) && (run.stdin !== null) === stdinGiven);
  assert.ok(printed, `a printed run of ${program} ${args.join(' ')}`);
  const errors = errorsOfRun(resultOf(printed), { files: FILES, entry: program, stdinGiven }, limits);
  return errors[errors.length - 1];
}

describe('expected exits: what is not a bug', () => {
  it('reads an argparse usage exit as needing arguments, on the line that parses them', () => {
    const missing = endingOf('greet_args.py', []);
    assert.deepStrictEqual([missing.type, missing.kind, missing.message, missing.notes, missing.file, missing.line], [
      'SystemExit', 'needs-arguments', 'the following arguments are required: name', ['usage: greet_args.py [-h] [--shout] name'], 'greet_args.py', 6,
    ]);
    assert.strictEqual(problemText(missing), 'needs arguments: the following arguments are required: name (usage: greet_args.py [-h] [--shout] name)');
    assert.strictEqual(endingOf('greet_args.py', ['--bogus', 'Ada']).message, 'unrecognized arguments: --bogus');
  });

  it('reads a SystemExit message as needing arguments, on the exit call that printed it', () => {
    const exit = endingOf('exit_message.py', []);
    assert.deepStrictEqual([exit.type, exit.kind, exit.message, exit.line], ['SystemExit', 'needs-arguments', 'usage: exit_message.py FILE', 4]);
    assert.strictEqual(problemText(exit), 'needs arguments: the program exited with "usage: exit_message.py FILE"');
  });

  it('reads input() at the end of no input as needing input, where input() was called', () => {
    const eof = endingOf('ask_name.py', []);
    assert.deepStrictEqual([eof.type, eof.kind, eof.file, eof.line, expectedOutcomeOf(eof)], ['EOFError', 'needs-input', 'ask_name.py', 1, 'needs-input']);
    assert.strictEqual(problemText(eof), 'needs input: input() found no input to read, and none was given');
  });

  it('leaves an EOFError after the input that was given, a quiet exit 1 and other statuses as errors to heal', () => {
    const more = endingOf('count_lines.py', [], true);
    assert.deepStrictEqual([more.type, more.kind, more.line, expectedOutcomeOf(more)], ['EOFError', 'other', 5, undefined]);
    const quiet = endingOf('exit_quietly.py', []);
    assert.deepStrictEqual([quiet.type, quiet.kind, quiet.message], ['ExitStatus', 'exit-without-traceback', 'exited with status 1 without a traceback']);
    const three = errorsOfRun(resultOf({ exitCode: 3, stdout: '', stderr: 'bye\n' }), { files: FILES, entry: 'exit_quietly.py' }, limits)[0];
    assert.deepStrictEqual([three.kind, expectedOutcomeOf(three)], ['exit-without-traceback', undefined]);
    const notUsage = errorsOfRun(resultOf({ exitCode: 2, stdout: '', stderr: 'no usage line here\n' }), { files: FILES, entry: 'exit_quietly.py' }, limits)[0];
    assert.strictEqual(notUsage.kind, 'exit-without-traceback');
  });

  it('says each limit in words, on the running line when the runner knew it, else on none of its own', () => {
    const stopped = (reason: RunResult['reason'], extra: Partial<RunResult> = {}) =>
      errorsOfRun(resultOf({ exitCode: 0, stdout: '', stderr: '' }, { exitCode: null, reason, ...extra }), { files: FILES, entry: 'count_lines.py' }, limits)[0];
    const cases = [stopped('timeout'), stopped('output-limit'), stopped('oom'), stopped('timeout', { stoppedAt: { file: '/tmp/expected-exits/count_lines.py', line: 5 } })];
    assert.deepStrictEqual(cases.map((e) => [e.type, e.kind, e.message, e.file, e.line, problemText(e)]), [
      ['time limit', 'timeout', 'stopped after 2.5 s (time limit)', 'count_lines.py', null, 'stopped after 2.5 s (time limit)'],
      ['output limit', 'output-limit', 'stopped after 64 KiB of output (output limit)', 'count_lines.py', null, 'stopped after 64 KiB of output (output limit)'],
      ['memory limit', 'memory-limit', 'stopped at 64 MiB of memory (memory limit)', 'count_lines.py', null, 'stopped at 64 MiB of memory (memory limit)'],
      ['time limit', 'timeout', 'stopped after 2.5 s (time limit)', 'count_lines.py', 5, 'stopped after 2.5 s (time limit)'],
    ]);
    assert.ok(cases.every((e) => expectedOutcomeOf(e) === 'stopped-at-limit'));
    // A running line outside the program's files (the standard library) is no place for it.
    assert.strictEqual(stopped('timeout', { stoppedAt: { file: '/usr/lib/python3.11/time.py', line: 3 } }).line, null);
  });

  it('the panel says the same words as every other surface', () => {
    for (const error of [endingOf('greet_args.py', []), endingOf('exit_message.py', []), endingOf('ask_name.py', [])]) {
      const { title, detail } = errorWords(error);
      assert.strictEqual(`${title.toLowerCase()}: ${detail}`, problemText(error));
    }
    const nameError = { type: 'NameError', message: "name 'x' is not defined", kind: 'name' as const, notes: [] };
    assert.deepStrictEqual(errorWords(nameError), { title: 'NameError', detail: "name 'x' is not defined" });
    assert.deepStrictEqual(errorWords({ type: 'time limit', message: 'stopped after 30 s (time limit)', kind: 'timeout', notes: [] }), { title: 'Stopped after 30 s (time limit)', detail: '' });
  });
});
