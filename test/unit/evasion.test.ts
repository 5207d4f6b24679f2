import * as assert from 'assert';
import { evasionIn } from '../../src/core/model/evasion';

const BROKEN = 'def total(xs):\n    return sum(xs) / len(xs)\n\nprint(total([]))\n';

describe('evasionIn: a fix that hides the failure instead of fixing it', () => {
  for (const [name, fixed, what] of [
    ['os._exit before the failing call', `import os\nos._exit(0)\n${BROKEN}`, 'ends the process'],
    ['sys.exit(0)', BROKEN.replace('print(total([]))', 'import sys\nsys.exit(0)\nprint(total([]))'), 'exits the program'],
    ['a bare exit()', BROKEN.replace('print(total([]))', 'exit()'), 'exits the program'],
    ['raise SystemExit', BROKEN.replace('print(total([]))', 'raise SystemExit'), 'exits the program'],
    ['a catch-all around the call', BROKEN.replace('print(total([]))', 'try:\n    print(total([]))\nexcept:\n    pass'), 'catches every error'],
    ['except Exception', BROKEN.replace('print(total([]))', 'try:\n    print(total([]))\nexcept Exception as error:\n    print(0)'), 'catches every error'],
    ['a replaced excepthook', `import sys\nsys.excepthook = lambda *a: None\n${BROKEN}`, 'replaces how errors'],
    ['an input() before the failing call', BROKEN.replace('print(total([]))', 'input()\nprint(total([]))'), 'waits for input or arguments'],
    ['arguments parsed before the failing call', `import argparse\nargparse.ArgumentParser().parse_args()\n${BROKEN}`, 'waits for input or arguments'],
  ] as const) {
    it(`refuses ${name}`, () => {
      assert.match(evasionIn({ 'main.py': BROKEN }, { 'main.py': fixed }) ?? '', new RegExp(`^the fix ${what}.* in main\\.py instead of fixing the error`));
    });
  }

  it('lets real fixes through, and what the file had already', () => {
    const fixes = [
      BROKEN.replace('return sum(xs) / len(xs)', 'return sum(xs) / len(xs) if xs else 0'),
      BROKEN.replace('print(total([]))', 'try:\n    print(total([]))\nexcept ZeroDivisionError:\n    print(0)'),
      BROKEN.replace('print(total([]))', 'print("exit(0) is only text")  # sys.exit(1) in a comment'),
    ];
    for (const fixed of fixes) assert.strictEqual(evasionIn({ 'main.py': BROKEN }, { 'main.py': fixed }), undefined, fixed);
    const asks = 'name = input()\nprint(1 / 0)\n';
    assert.strictEqual(evasionIn({ 'main.py': asks }, { 'main.py': asks.replace('1 / 0', '1 / 1') }), undefined);
    assert.strictEqual(evasionIn({ 'main.py': BROKEN }, { 'main.py': BROKEN.replace('print(total([]))', 'print(total([]), "input(x) is text", user_input(3))') }), undefined);
    const exits = 'import sys\nif not sys.argv:\n    sys.exit(2)\nprint(1 / 0)\n';
    assert.strictEqual(evasionIn({ 'main.py': exits }, { 'main.py': exits.replace('1 / 0', '1 / 1') }), undefined);
    assert.strictEqual(evasionIn({ 'requirements.txt': '' }, { 'requirements.txt': 'exit()\n' }), undefined);
  });
});
