// '=' written for '==' in a condition, and a method missing 'self.': run, read the error, take the
// first rule fix, and prove it by running again, on the default 3.11 image and on 3.9 (where the
// syntax error says only "invalid syntax" and a NameError names no column).
import * as assert from 'assert';
import type { DockerSandbox } from '../../src/sandbox/dockerSandbox';
import { healOnce, newSandbox, shared, type HealedOnce } from './sandboxHelper';

const PYTHON_39 = 'localhost/self-heal-python:3.9';

const WHILE = 'n = 3\nwhile n = 3:\n    n -= 1\nprint(n)\n';
const ASSERT = 'def double(x):\n    return 2 * x\n\nassert double(2) = 4, "double"\nprint("ok")\n';
const COMPREHENSION = 'words = ["a", "bb", "c"]\nprint([w for w in words if len(w) = 1])\n';
const ELIF = 'class P:\n    kind = "b"\n\np = P()\nif p.kind == "a":\n    print("A")\nelif p.kind = "b":\n    print("B")\n';
const COUNTER = [
  'class Counter:',
  '    step = 2',
  '',
  '    def __init__(self):',
  '        self.total = 0',
  '',
  '    def add(self, times):',
  '        for _ in range(times):',
  '            self.total += step',
  '        return total',
  '',
  '    @classmethod',
  '    def twice(cls):',
  '        counter = cls()',
  '        counter.add(2)',
  '        return counter',
  '',
  '    @classmethod',
  '    def fresh(cls):',
  '        return twice()',
  '',
  'print(Counter.fresh().total)',
  '',
].join('\n');

const EXPECTED_EQUALS: [string, string, string][] = [
  [WHILE, WHILE.replace('n = 3:', 'n == 3:'), '2\n'],
  [ASSERT, ASSERT.replace('= 4', '== 4'), 'ok\n'],
  [COMPREHENSION, COMPREHENSION.replace('= 1]', '== 1]'), "['a', 'c']\n"],
  [ELIF, ELIF.replace('elif p.kind = "b"', 'elif p.kind == "b"'), 'B\n'],
];

/** The fix's description, whether it is confident, the fixed text, and the fixed run's output and exit. */
function shown(heal: HealedOnce): [string, boolean, string, string, number | null] {
  return [heal.description, heal.confident, heal.healed, heal.stdout, heal.exitCode];
}

async function healsEquals(sandbox: DockerSandbox): Promise<void> {
  for (const [source, healed, stdout] of EXPECTED_EQUALS) {
    assert.deepStrictEqual(shown(await healOnce(source, sandbox)), ["Change '=' to '=='", true, healed, stdout, 0]);
  }
}

/** Three NameErrors, one heal each: `twice` (cls.), then `step`, then `total` (self.). */
async function healsSelf(sandbox: DockerSandbox): Promise<void> {
  const first = await healOnce(COUNTER, sandbox);
  assert.deepStrictEqual(shown(first).slice(0, 2), ["Change 'twice' to 'cls.twice'", true]);
  const second = await healOnce(first.healed, sandbox);
  assert.deepStrictEqual(shown(second).slice(0, 2), ["Change 'step' to 'self.step'", true]);
  const third = await healOnce(second.healed, sandbox);
  const healed = COUNTER.replace('return twice()', 'return cls.twice()').replace('+= step', '+= self.step').replace('return total', 'return self.total');
  assert.deepStrictEqual(shown(third), ["Change 'total' to 'self.total'", true, healed, '4\n', 0]);
}

describe("sandbox: '=' for '==' in a condition and a missing 'self.', verified by running", function () {
  this.timeout(180_000);
  let py39: DockerSandbox | undefined;
  after(async () => py39?.dispose());
  const on39 = () => (py39 ??= newSandbox({ image: PYTHON_39 }));

  it("makes the condition's '=' a '==' in while, assert, a comprehension and elif on 3.11", async () => healsEquals(shared));
  it("makes the condition's '=' a '==' on 3.9, from \"invalid syntax\" alone", async () => healsEquals(on39()));
  it("prefixes 'self.' and 'cls.' in methods on 3.11", async () => healsSelf(shared));
  it("prefixes 'self.' and 'cls.' in methods on 3.9", async () => healsSelf(on39()));
});
