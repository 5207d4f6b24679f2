import * as assert from 'assert';
import { LauncherFrames } from '../../src/sandbox/launcher/launcherFrames';
import { placeInStack } from '../../src/sandbox/stoppedPlace';

/** faulthandler's text for a program in a library call made from app/poll.py line 6, as CPython 3.11 writes it. */
const STACK =
  'Stack (most recent call first):\n' +
  '  File "/usr/local/lib/python3.11/selectors.py", line 415 in select\n' +
  '  File "/app/app/poll.py", line 6 in forever\n' +
  '  File "/app/main.py", line 3 in <module>\n' +
  '  File "<string>", line 146 in run_main\n' +
  '  File "<string>", line 162 in run_program\n' +
  '  File "<string>", line 305 in <module>\n';

function frame(kind: string, body: string): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  const header = Buffer.from([0x1e, kind.charCodeAt(0), 0, 0, 0, 0]);
  header.writeUInt32BE(bytes.length, 2);
  return Buffer.concat([header, bytes]);
}

describe('placeInStack: the line a stopped program was on', () => {
  it('is the innermost frame of the run\'s files, past library frames', () => {
    assert.deepStrictEqual(placeInStack(STACK), { place: { file: '/app/app/poll.py', line: 6 }, complete: true });
  });

  it('waits for the frame\'s line to arrive whole', () => {
    const cut = STACK.indexOf('line 6') + 'line 6'.length;
    assert.deepStrictEqual(placeInStack(STACK.slice(0, cut)), { complete: false });
    assert.deepStrictEqual(placeInStack(STACK.slice(0, cut + ' in forever\n'.length)), { place: { file: '/app/app/poll.py', line: 6 }, complete: true });
  });

  it('skips the generated drivers and reads escaped file names', () => {
    const text = 'Stack (most recent call first):\n  File "/app/caf\\xe9/\\u540d.py", line 2 in <module>\n  File "/app/__self_heal_run_settings__.py", line 17 in <module>\n';
    assert.deepStrictEqual(placeInStack(text).place, { file: '/app/café/名.py', line: 2 });
    assert.deepStrictEqual(placeInStack('Stack (most recent call first):\n  File "/app/__self_heal_import_check__.py", line 9 in <module>\n  File "<string>", line 305 in <module>\n'), { complete: true });
  });

  it('ends with no place when the program had not reached its files, or the stack was cut short', () => {
    assert.deepStrictEqual(placeInStack('Stack (most recent call first):\n  File "<string>", line 146 in run_main\n  File "<string>", line 162 in run_program\n  File "<string>", line 305 in <module>\n'), { complete: true });
    assert.deepStrictEqual(placeInStack('Stack (most recent call first):\n  File "/usr/lib/python3.11/re.py", line 9 in f\n  ...\n'), { complete: true });
    assert.deepStrictEqual(placeInStack(''), { complete: false });
  });
});

describe('LauncherFrames: the where frames', () => {
  it('gathers the stack from \'w\' frames, apart from the program\'s output and before the report', () => {
    const frames = new LauncherFrames();
    let heard = 0;
    frames.onWhere = () => heard++;
    const half = STACK.length >> 1;
    const program = Buffer.concat([frame('o', 'err\n'), frame('w', STACK.slice(0, half)), frame('w', STACK.slice(half)), frame('x', '0\n')].map((b) => frames.take(b)));
    assert.deepStrictEqual([program.toString(), frames.where, heard, frames.exitCode, frames.done], ['err\n', STACK, 2, 0, true]);
  });
});
