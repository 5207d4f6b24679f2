// The capacity benchmark's programs (scripts/benchCapacity.ts): small, varied and the same for the
// same seed on every machine, so two runs of the benchmark compare like with like. Some print, some
// compute for about 50-200 ms (1 s of work is about 12 million loop steps on CPython 3.11 here),
// some raise an error; each knows how its run must end, so a wrong ending is a failed benchmark.
import { pick, seededRandom, type Random } from './mutants/seededRandom';

export type ProgramKind = 'print' | 'compute' | 'raise';

export interface CapacityProgram {
  /** A file name of its own, e.g. `p0007_compute.py`. */
  file: string;
  kind: ProgramKind;
  text: string;
  /** 0 for print and compute, 1 for an uncaught exception. */
  expectedExit: 0 | 1;
  /** The exception a `raise` program ends with. */
  expectedError?: string;
}

/** Loop steps of a compute program: about 50 to 200 ms of CPU in the sandbox's interpreter. */
export const COMPUTE_STEPS = { min: 600_000, max: 2_400_000 } as const;

const WORDS = ['alpha', 'bravo', 'cedar', 'delta', 'ember', 'fjord', 'gamma', 'harbor'];

/** Each error is one everyday mistake; none is an ending the CLI reads as expected (input, limits). */
const ERRORS: ReadonlyArray<{ type: string; code: (r: Random) => string }> = [
  { type: 'ZeroDivisionError', code: (r) => `count = ${Math.floor(r() * 5)} * 0\nprint(100 / count)\n` },
  { type: 'KeyError', code: (r) => `prices = {"${pick(r, WORDS)}": 3}\nprint(prices["missing"])\n` },
  { type: 'IndexError', code: (r) => `items = list(range(${1 + Math.floor(r() * 5)}))\nprint(items[10])\n` },
  { type: 'ValueError', code: (r) => `print(int("${pick(r, WORDS)}"))\n` },
  { type: 'TypeError', code: (r) => `total = ${Math.floor(r() * 90)} + "${pick(r, WORDS)}"\n` },
  { type: 'AttributeError', code: () => `values = [3, 1, 2]\nvalues.push(4)\n` },
];

function printProgram(random: Random): string {
  const lines = 1 + Math.floor(random() * 20);
  const word = pick(random, WORDS);
  return `for i in range(${lines}):\n    print(f"${word} {i}: {i * i}")\n`;
}

function computeProgram(random: Random): string {
  const steps = COMPUTE_STEPS.min + Math.floor(random() * (COMPUTE_STEPS.max - COMPUTE_STEPS.min));
  const factor = 3 + Math.floor(random() * 11);
  return `total = 0\nfor i in range(${steps}):\n    total += (i * ${factor}) % 13\nprint(total)\n`;
}

/** `count` programs from `seed`: about 40% print, 40% compute, 20% raise, in a seeded order. */
export function capacityPrograms(count: number, seed: string): CapacityProgram[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const roll = random();
    const kind: ProgramKind = roll < 0.4 ? 'print' : roll < 0.8 ? 'compute' : 'raise';
    const file = `p${String(index + 1).padStart(4, '0')}_${kind}.py`;
    if (kind === 'print') return { file, kind, text: printProgram(random), expectedExit: 0 };
    if (kind === 'compute') return { file, kind, text: computeProgram(random), expectedExit: 0 };
    const error = pick(random, ERRORS);
    return { file, kind, text: error.code(random), expectedExit: 1, expectedError: error.type };
  });
}
