// Traceback frames rewritten to the files on disk, so VS Code's Output links them: only frames of
// the run's own files, and never a path a program printed to escape the workspace.
import * as assert from 'assert';
import * as path from 'path';
import { DiskPathStream, runFileOf, withDiskPaths, type DiskPlaces } from '../../src/core/errors/tracebackPaths';

const ROOT = path.join(path.sep, 'home', 'me', 'project');
const FILES = new Set(['main.py', 'pkg/mod.py', 'pkg/__init__.py', 'my dir/odd.py']);
const PLACES: DiskPlaces = { workDir: '/app', root: ROOT, isRunFile: (file) => FILES.has(file) };
const onDisk = (relative: string) => path.join(ROOT, ...relative.split('/'));

const TRACEBACK = [
  'hi',
  'Traceback (most recent call last):',
  '  File "/app/main.py", line 3, in <module>',
  '    f(0)',
  '  File "/app/pkg/mod.py", line 2, in f',
  '    return 1/x',
  '           ~^~',
  'ZeroDivisionError: division by zero',
].join('\n');

describe('traceback paths on disk', () => {
  it('points each frame of a run file at the file on disk with its line, keeping the rest of the text', () => {
    assert.strictEqual(withDiskPaths(TRACEBACK, PLACES), [
      'hi',
      'Traceback (most recent call last):',
      `  File ${onDisk('main.py')}:3, in <module>`,
      '    f(0)',
      `  File ${onDisk('pkg/mod.py')}:2, in f`,
      '    return 1/x',
      '           ~^~',
      'ZeroDivisionError: division by zero',
    ].join('\n'));
  });

  it("keeps Python's quoted form for a path VS Code's links would cut short", () => {
    assert.strictEqual(withDiskPaths('  File "/app/my dir/odd.py", line 7, in g', PLACES), `  File "${onDisk('my dir/odd.py')}", line 7, in g`);
  });

  it("keeps Python's quoted form for every frame when asked (a terminal's reader expects it)", () => {
    const text = '  File "/app/pkg/mod.py", line 2, in f\n  File "/app/other.py", line 1, in g\n';
    assert.strictEqual(withDiskPaths(text, { ...PLACES, root: 'project', form: 'python' }), `  File "${path.join('project', 'pkg', 'mod.py')}", line 2, in f\n  File "/app/other.py", line 1, in g\n`);
  });

  it('maps a frame line that ends in a carriage return, a syntax error frame and a frame without a function', () => {
    assert.strictEqual(withDiskPaths('  File "/app/main.py", line 1\r\n', PLACES), `  File ${onDisk('main.py')}:1\r\n`);
    assert.strictEqual(withDiskPaths('    File "/app/pkg/mod.py", line 12', PLACES), `    File ${onDisk('pkg/mod.py')}:12`);
  });

  it('leaves every hostile or foreign frame exactly as printed', () => {
    const hostile = [
      '  File "/app/../../etc/passwd", line 1, in <module>',
      '  File "/app/pkg/../../etc/passwd", line 1',
      '  File "/app/../app/../../root/.ssh/id_rsa", line 1',
      '  File "/etc/passwd", line 1',
      '  File "/appx/main.py", line 1',
      '  File "/app", line 1',
      '  File "/app/", line 1',
      '  File "/app/secret.py", line 1',
      '  File "/app/__self_heal_import_check__.py", line 4, in <module>',
      '  File "/usr/local/lib/python3.11/json/__init__.py", line 346, in loads',
      '  File "<string>", line 1, in <module>',
      '  File "/app/main.py\u0000x", line 1',
      '  File "/app/main.py", line 99999999999, in <module>',
      'print("  File \\"/app/main.py\\", line 3")',
      'x  File "/app/main.py", line 3',
      `  File "/app/${'a/'.repeat(3000)}main.py", line 1`,
    ].join('\n');
    assert.strictEqual(withDiskPaths(hostile, PLACES), hostile);
  });

  it('never names a path outside the root, whatever the printed path', () => {
    const tricky = ['/app/../x.py', '/app/./main.py', '/app//main.py', '/app/pkg/./mod.py', '/app\\main.py', '/app/pkg/../main.py'];
    for (const printed of tricky) {
      const relative = runFileOf(printed, PLACES);
      if (relative === undefined) continue;
      assert.ok(FILES.has(relative), `${printed} -> ${relative}`);
    }
    assert.deepStrictEqual(tricky.map((printed) => runFileOf(printed, PLACES)), [undefined, 'main.py', 'main.py', 'pkg/mod.py', 'main.py', 'main.py']);
  });

  it('maps a local run from its temporary folder, and nothing without one', () => {
    const local = { ...PLACES, workDir: '/tmp/self-heal-run-abc/' };
    assert.strictEqual(withDiskPaths('  File "/tmp/self-heal-run-abc/main.py", line 2, in <module>', local), `  File ${onDisk('main.py')}:2, in <module>`);
    assert.strictEqual(withDiskPaths('  File "/app/main.py", line 2', undefined), '  File "/app/main.py", line 2');
    assert.strictEqual(withDiskPaths('  File "/app/main.py", line 2', { ...PLACES, workDir: '' }), '  File "/app/main.py", line 2');
  });

  it('rewrites live output the same however it is cut into pieces', () => {
    for (let size = 1; size <= TRACEBACK.length; size += 7) {
      const stream = new DiskPathStream(PLACES);
      let written = '';
      for (let at = 0; at < TRACEBACK.length; at += size) written += stream.push(TRACEBACK.slice(at, at + size));
      written += stream.end();
      assert.strictEqual(written, withDiskPaths(TRACEBACK, PLACES), `pieces of ${size}`);
    }
  });

  it('writes an unfinished line at once unless it may become a frame, and never rewrites a line whose start was written', () => {
    const stream = new DiskPathStream(PLACES);
    assert.strictEqual(stream.push('Your name? '), 'Your name? ');
    assert.strictEqual(stream.push('  File "/app/main.py", line 3\n'), '  File "/app/main.py", line 3\n');
    assert.strictEqual(stream.push('  Fi'), '');
    assert.strictEqual(stream.push('le "/app/main.py", line 3'), '');
    assert.strictEqual(stream.end(), `  File ${onDisk('main.py')}:3`);
  });
});
