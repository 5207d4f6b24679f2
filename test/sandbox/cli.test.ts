// `self-heal run` as a user runs it: the bundled dist/cli.js in a child process, against the engine.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { makeTree, removeTree } from '../support/tempDir';
import { cli, REPO } from './cliProcess';
import { containersOfThisProcess, TEST_IMAGE } from './sandboxHelper';

const image = ['--image', TEST_IMAGE];

describe('CLI: self-heal run', function () {
  this.timeout(60_000);

  it('prints the documented JSON report for examples/hello.py', async () => {
    const run = await cli(['run', 'examples/hello.py', '--json', ...image]);
    assert.strictEqual(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.strictEqual(report.files.length, 1);
    const entry = report.files[0];
    assert.deepStrictEqual(Object.keys(entry), [
      'file', 'exitCode', 'reason', 'stdout', 'stderr', 'stdoutBytes', 'stderrBytes', 'truncated', 'durationMs', 'engine', 'engineError', 'errors',
    ]);
    assert.deepStrictEqual(entry.errors, []);
    assert.strictEqual(entry.file, 'examples/hello.py');
    assert.strictEqual(entry.exitCode, 0);
    assert.strictEqual(entry.reason, 'exited');
    assert.match(entry.stdout, /^Hello from the sandbox\npython 3\.11\.\d+, uid 65534\n$/);
    assert.strictEqual(entry.stdoutBytes, Buffer.byteLength(entry.stdout));
    assert.deepStrictEqual(entry.truncated, { stdout: false, stderr: false });
    assert.strictEqual(typeof entry.durationMs, 'number');
    assert.strictEqual(entry.engine.sandboxed, true);
    assert.strictEqual(entry.engine.host, process.env.DOCKER_HOST);
    assert.strictEqual(entry.engineError, null);
  });

  it('prints the program output and a summary line, exiting 1 when a program fails', async () => {
    const run = await cli(['run', 'examples/hello.py', 'examples/crash.py', ...image]);
    assert.strictEqual(run.status, 1);
    assert.match(run.stdout, /^Hello from the sandbox\n/);
    assert.match(run.stderr, /ZeroDivisionError: division by zero\n/);
    assert.match(run.stderr, /^✓ examples\/hello\.py: exited 0 in \d+\.\d\d s \((Podman|Docker) Engine [^)]+\)$/m);
    assert.match(run.stderr, /^✗ examples\/crash\.py: exited 1 in \d+\.\d\d s/m);
  });

  it('reports the structured error of a failing program in the JSON report', async () => {
    const run = await cli(['run', 'examples/crash.py', '--json', ...image]);
    const [error] = JSON.parse(run.stdout).files[0].errors;
    assert.deepStrictEqual(Object.keys(error), [
      'type', 'message', 'kind', 'file', 'line', 'column', 'endLine', 'endColumn', 'suggestion', 'notes', 'frames', 'cause', 'context', 'exceptions', 'python',
    ]);
    assert.strictEqual(error.python, '3.11');
    assert.deepStrictEqual(
      [error.type, error.message, error.kind, error.file, error.line, error.column, error.endLine, error.endColumn],
      ['ZeroDivisionError', 'division by zero', 'zero-division', 'examples/crash.py', 5, 12, 5, 37],
    );
    assert.deepStrictEqual(error.frames.map((f: { line: number; function: string }) => [f.line, f.function]), [[8, '<module>'], [5, 'average']]);
  });

  it('parses traceback text from a file or stdin', async () => {
    const text = fs.readFileSync(path.join(REPO, 'test/fixtures/tracebacks/chain_cause_py3.12.txt'), 'utf8');
    const human = await cli(['parse', 'test/fixtures/tracebacks/chain_cause_py3.12.txt']);
    assert.deepStrictEqual([human.status, human.stdout], [0, "/app/chain_cause.py:8: StorageError: key 'b' missing from store [other]\n  caused by:\n    /app/chain_cause.py:6: KeyError: 'b' [key]\n"]);
    const json = await cli(['parse', '-', '--json'], { input: text });
    const errors = JSON.parse(json.stdout).errors;
    assert.deepStrictEqual([json.status, errors.length, errors[0].type, errors[0].cause.type], [0, 1, 'StorageError', 'KeyError']);
    const none = await cli(['parse'], { input: 'all good\n' });
    assert.deepStrictEqual([none.status, none.stdout], [1, 'no traceback found\n']);
    const missing = await cli(['parse', 'nothing.txt']);
    assert.deepStrictEqual([missing.status, missing.stderr], [2, 'self-heal: nothing.txt: no such file\n']);
  });

  it('reports a timeout and passes the limits through', async () => {
    const run = await cli(['run', 'examples/infinite_loop.py', '--timeout', '1', '--json', ...image]);
    assert.strictEqual(run.status, 1);
    assert.strictEqual(JSON.parse(run.stdout).files[0].reason, 'timeout');
  });

  it('feeds --stdin and passes program arguments after --', async () => {
    const dir = makeTree({ 'echo.py': 'import sys\nprint(sys.argv[1:], sys.stdin.read())\n', 'input.txt': 'from a file' });
    try {
      const fromFile = await cli(['run', 'echo.py', '--stdin', 'input.txt', ...image, '--', 'a', '--b'], { cwd: dir });
      assert.strictEqual(fromFile.stdout, "['a', '--b'] from a file\n");
      const fromTerminal = await cli(['run', 'echo.py', '--stdin', '-', ...image], { cwd: dir, input: 'piped' });
      assert.strictEqual(fromTerminal.stdout, '[] piped\n');
    } finally {
      removeTree(dir);
    }
  });

  it('runs several files and reports them in the order given', async () => {
    const run = await cli(['run', 'examples/greet.py', 'examples/hello.py', 'examples/crash.py', '--json', '--parallel', '2', ...image]);
    const files = JSON.parse(run.stdout).files;
    assert.deepStrictEqual(files.map((f: { file: string; exitCode: number }) => [f.file, f.exitCode]), [
      ['examples/greet.py', 0],
      ['examples/hello.py', 0],
      ['examples/crash.py', 1],
    ]);
    assert.strictEqual(files[0].stdout, 'Hello, Ada!\n');
  });

  it('calls input that ran out a need only when no input was given', async () => {
    const dir = makeTree({ 'two.py': 'first = input()\nsecond = input()\nprint(first, second)\n', 'one.txt': 'only one line\n' });
    try {
      const lastKind = async (extra: string[]) => JSON.parse((await cli(['run', 'two.py', '--json', ...image, ...extra], { cwd: dir })).stdout).files[0].errors.at(-1);
      const without = await lastKind([]);
      assert.deepStrictEqual([without.type, without.kind, without.line], ['EOFError', 'needs-input', 1]);
      const given = await lastKind(['--stdin', 'one.txt']);
      assert.deepStrictEqual([given.type, given.kind, given.line], ['EOFError', 'other', 2]);
    } finally {
      removeTree(dir);
    }
  });

  it('runs unsandboxed only when asked, and says so', async () => {
    const run = await cli(['run', 'examples/greet.py', '--runner', 'local', '--json']);
    assert.strictEqual(run.status, 0);
    assert.strictEqual(run.stderr, 'self-heal: unsandboxed: the program ran as a plain local process with your permissions\n');
    const entry = JSON.parse(run.stdout).files[0];
    assert.deepStrictEqual(entry.engine, { runner: 'local', sandboxed: false, engine: 'local python3 (unsandboxed)' });
    assert.strictEqual(entry.stdout, 'Hello, Ada!\n');
  });

  it('gives one clear line and exit 2 for bad input', async () => {
    const dir = makeTree({ 'notes.txt': 'x', 'blob.py': Buffer.from([0, 1, 2]), 'folder/readme.md': '', 'folder/.venv/a.py': '', 'ok.py': '' });
    try {
      const cases: Array<[string[], string]> = [
        [['run', 'missing.py'], 'self-heal: missing.py: no such file\n'],
        [['run', 'folder'], 'self-heal: folder: holds no Python files (virtual environments, build output, caches and hidden folders are skipped)\n'],
        [['run', 'notes.txt'], 'self-heal: notes.txt: not a Python file (expected a name ending in .py)\n'],
        [['run', 'blob.py'], 'self-heal: blob.py: is binary, not Python source text\n'],
        [['run', 'ok.py', '--fast'], 'self-heal: unknown option --fast (see "self-heal run --help")\n'],
        [['run'], 'self-heal: name at least one Python file to run (see "self-heal run --help")\n'],
        [['launch', 'ok.py'], 'self-heal: unknown command "launch" (see "self-heal --help")\n'],
        [['run', 'ok.py', '--stdin', 'none.txt'], 'self-heal: --stdin none.txt: cannot be read (ENOENT)\n'],
      ];
      for (const [args, message] of cases) {
        const run = await cli(args, { cwd: dir });
        assert.deepStrictEqual([run.status, run.stderr, run.stdout], [2, message, ''], args.join(' '));
      }
      fs.writeFileSync(path.join(dir, 'huge.py'), Buffer.alloc(2 * 1024 * 1024, 0x23));
      const huge = await cli(['run', 'huge.py'], { cwd: dir });
      assert.deepStrictEqual([huge.status, huge.stderr], [2, 'self-heal: huge.py: too large (2.0 MiB; the limit is 1 MiB)\n']);
    } finally {
      removeTree(dir);
    }
  });

  it('exits 2 with an actionable message when no engine answers', async () => {
    const run = await cli(['run', 'examples/hello.py', '--docker-host', 'unix:///tmp/self-heal-none.sock']);
    assert.strictEqual(run.status, 2);
    assert.strictEqual(
      run.stderr,
      '✗ examples/hello.py: No Docker or Podman engine answered at unix:///tmp/self-heal-none.sock; start Docker Desktop (or Docker/Podman) or pass --docker-host or set DOCKER_HOST.\n',
    );
  });

  it('stops the program and removes its container when interrupted', async () => {
    let pid = 0;
    const running = cli(['run', 'examples/infinite_loop.py', ...image], { onStart: (p) => (pid = p) });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    process.kill(pid, 'SIGINT');
    const run = await running;
    assert.strictEqual(run.status, 130);
    assert.match(run.stderr, /✗ examples\/infinite_loop\.py: cancelled after/);
    assert.deepStrictEqual(await containersOfThisProcess(`dev.self-heal.pid=${pid}`), []);
  });
});
