// Benchmark (not a test): parsing cost of a 10,000-frame RecursionError text and of 1 MiB of
// stderr (program output with tracebacks amid it). Goal: well under 100 ms each.
import { parseTracebacks } from '../src/core/errors/tracebackParser';

function recursionText(frames: number): string {
  const frame = '  File "/app/walk.py", line 2, in walk\n    return walk(n + 1)\n           ^^^^^^^^^^^\n';
  return `Traceback (most recent call last):\n  File "/app/walk.py", line 5, in <module>\n    walk(0)\n${frame.repeat(frames)}RecursionError: maximum recursion depth exceeded\n`;
}

function mixedStderr(bytes: number): string {
  const traceback = 'Traceback (most recent call last):\n  File "/app/job.py", line 9, in <module>\n    run()\n  File "/app/job.py", line 4, in run\n    return 1 / 0\n           ~~^~~\nZeroDivisionError: division by zero\n';
  const chunk = `${'progress: step done, all good so far\n'.repeat(40)}${traceback}`;
  return chunk.repeat(Math.ceil(bytes / chunk.length)).slice(0, bytes);
}

function time(label: string, text: string, expect: (count: number) => boolean): void {
  const runs: number[] = [];
  let count = 0;
  for (let i = 0; i < 20; i++) {
    const started = process.hrtime.bigint();
    count = parseTracebacks(text).length;
    runs.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  if (!expect(count)) throw new Error(`${label}: unexpected result (${count} tracebacks)`);
  runs.sort((a, b) => a - b);
  console.log(`${label.padEnd(46)} ${(text.length / 1024).toFixed(0).padStart(6)} KiB  p50 ${runs[10].toFixed(1).padStart(6)} ms  max ${runs[19].toFixed(1).padStart(6)} ms  (${count} tracebacks)`);
}

time('RecursionError, 10,000 frames', recursionText(10_000), (n) => n === 1);
time('1 MiB stderr, tracebacks amid output', mixedStderr(1024 * 1024), (n) => n > 100);
