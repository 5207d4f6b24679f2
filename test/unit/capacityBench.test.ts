// The capacity benchmark's pure parts: the same programs for the same seed, each knowing its ending,
// and the arithmetic that turns summary lines into latencies and percentiles.
import * as assert from 'assert';
import { capacityRow, capacityTable, latencies, parallelList, parseSummaryLine, throughput, type Completion } from '../../scripts/capacityFigures';
import { capacityPrograms, COMPUTE_STEPS } from '../../scripts/capacityPrograms';

const done = (file: string, atMs: number, runMs = 100, warm = false): Completion => ({ file, atMs, ok: true, exitCode: 0, runMs, warm });

describe('capacity benchmark programs', () => {
  it('are the same for the same seed and differ for another', () => {
    assert.deepStrictEqual(capacityPrograms(30, 'a'), capacityPrograms(30, 'a'));
    assert.notDeepStrictEqual(capacityPrograms(30, 'a').map((p) => p.text), capacityPrograms(30, 'b').map((p) => p.text));
  });

  it('mix printing, computing and raising programs, with names of their own', () => {
    const programs = capacityPrograms(500, 'capacity');
    const count = (kind: string) => programs.filter((p) => p.kind === kind).length;
    assert.deepStrictEqual([count('print'), count('compute'), count('raise')], [214, 182, 104]);
    assert.strictEqual(new Set(programs.map((p) => p.file)).size, 500);
    assert.strictEqual(programs[6].file, `p0007_${programs[6].kind}.py`);
    assert.strictEqual(new Set(programs.flatMap((p) => p.expectedError ?? [])).size, 6);
  });

  it('say how each ends: raising ones exit 1 with their error, the others exit 0', () => {
    for (const program of capacityPrograms(200, 'capacity')) {
      assert.strictEqual(program.expectedExit, program.kind === 'raise' ? 1 : 0, program.file);
      assert.strictEqual(program.expectedError !== undefined, program.kind === 'raise', program.file);
    }
  });

  it('compute within the step range that takes about 50-200 ms', () => {
    const steps = capacityPrograms(300, 'capacity').flatMap((p) => (p.kind === 'compute' ? [Number(/range\((\d+)\)/.exec(p.text)?.[1])] : []));
    assert.ok(steps.length > 50);
    assert.ok(steps.every((n) => n >= COMPUTE_STEPS.min && n < COMPUTE_STEPS.max), String(steps));
  });
});

describe('capacity benchmark figures', () => {
  const files = new Set(['p0001_print.py', 'p0002_raise.py']);

  it('read a summary line: mark, exit, run time and a warm start', () => {
    assert.deepStrictEqual(parseSummaryLine('✗ p0002_raise.py: exited 1 in 0.04 s (Podman Engine 4.3.1, warm)', 812.5, files), {
      file: 'p0002_raise.py', atMs: 812.5, ok: false, exitCode: 1, runMs: 40, warm: true,
    });
    assert.deepStrictEqual(parseSummaryLine('✓ p0001_print.py: exited 0 in 1.25 s (Podman Engine 4.3.1)', 3, files), {
      file: 'p0001_print.py', atMs: 3, ok: true, exitCode: 0, runMs: 1250, warm: false,
    });
  });

  it('pass over the programs own stderr and unknown files', () => {
    assert.strictEqual(parseSummaryLine('ZeroDivisionError: division by zero', 1, files), undefined);
    assert.strictEqual(parseSummaryLine('✓ other.py: exited 0 in 0.04 s (Podman Engine 4.3.1)', 1, files), undefined);
  });

  it('start each program when a slot frees, in the order named, leaving out the first slots', () => {
    // Two slots: a and b start at once; a ends at 100 and c takes its slot; b ends at 150 and d starts.
    const order = ['a', 'b', 'c', 'd'];
    const completions = [done('a', 100), done('b', 150), done('c', 400), done('d', 250)];
    assert.deepStrictEqual(latencies(order, completions, 2), [300, 100]);
    // One slot: each program starts when the one before it ends.
    assert.deepStrictEqual(latencies(order, [done('a', 100), done('b', 150), done('c', 400), done('d', 450)], 1), [50, 250, 50]);
    assert.throws(() => latencies(order, completions.slice(0, 3), 2), /no summary line for d/);
  });

  it('take nearest-rank percentiles and count warm runs', () => {
    const latency = Array.from({ length: 20 }, (_, i) => (i + 1) * 10);
    const completions = [done('a', 1, 40, true), done('b', 2, 60, false), done('c', 3, 50, true)];
    const fields = { parallel: 2, programs: 20, wallMs: 8000, peakRssKb: 75_776, cliCpuMs: 1500, machineBusy: 0.874, load: { start: 1.5, end: 2.25, max: 3 } };
    const row = capacityRow(fields, completions, latency);
    assert.deepStrictEqual([row.p50, row.p95, row.runP50, row.warmRuns], [100, 190, 50, 2]);
    assert.strictEqual(throughput(row), 2.5);
    assert.strictEqual(capacityTable([row])[2], '| 2 | 20 | 8.0 | 2.50 | 100 | 190 | 50 | 2 | 74.0 | 1.5 | 87% | 1.50 / 3.00 / 2.25 |');
  });

  it('read --parallel as a list of whole numbers', () => {
    assert.deepStrictEqual(parallelList('1, 2,8'), [1, 2, 8]);
    assert.throws(() => parallelList('1,0'), /whole numbers of at least 1/);
    assert.throws(() => parallelList('2,x'), /not "2,x"/);
  });
});
