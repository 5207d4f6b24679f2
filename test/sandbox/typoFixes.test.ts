// Misspellings CPython names no fix for, and imports the generated standard-library table knows:
// run, read the launcher's record, take the first rule fix, and prove it by running again, on the
// default 3.11 image and on 3.9 (no "Did you mean", no AttributeError.obj).
import * as assert from 'assert';
import type { DockerSandbox } from '../../src/sandbox/dockerSandbox';
import { ruleFixesFor } from '../../src/core/fixes/ruleFixers';
import { errorsOfRun } from '../../src/core/errors/runErrors';
import { healOnce, limits, newSandbox } from './sandboxHelper';

const PYTHON_39 = 'localhost/self-heal-python:3.9';

const MASK = 'def apply(values, mask):\n    return [v for v, m in zip(values, maks) if m]\n\nprint(apply([1, 2, 3], [True, False, True]))\n';
const COUNTS = 'counts = {}\nfor word in "a b a".split():\n    counts[word] = couts.get(word, 0) + 1\nprint(counts)\n';
const SNI = 'import math\n\nprint(round(math.sni(math.pi / 2), 3))\n';
const JONI = 'print(", ".joni(["a", "b"]))\n';
const KEYWORD = 'def area(width, height):\n    return width * height\n\nprint(area(\n    width=2,\n    hieght=3,\n))\n';
const DOCTEST = 'def double(n):\n    """\n    >>> double(2)\n    4\n    """\n    return 2 * n\n\nif __name__ == "__main__":\n    doctest.testmod()\n    print(mean([double(1), double(2)]))\n';

describe('sandbox: nearest-name and generated-import fixes, verified by running', function () {
  this.timeout(120_000);
  let py39: DockerSandbox | undefined;
  after(async () => py39?.dispose());
  const on39 = () => (py39 ??= newSandbox({ image: PYTHON_39 }));

  it('respells a misspelt name as the parameter or variable in scope', async () => {
    const mask = await healOnce(MASK);
    assert.deepStrictEqual([mask.description, mask.stdout, mask.exitCode, mask.python], ["Change 'maks' to 'mask'", '[1, 3]\n', 0, '3.11']);
    const counts = await healOnce(COUNTS);
    assert.deepStrictEqual([counts.description, counts.stdout, counts.exitCode], ["Change 'couts' to 'counts'", "{'a': 2, 'b': 1}\n", 0]);
  });

  it('respells an attribute as one the object has, from the launcher\'s record', async () => {
    const joni = await healOnce(JONI);
    assert.deepStrictEqual([joni.description, joni.healed, joni.stdout, joni.exitCode], ["Change 'joni' to 'join'", 'print(", ".join(["a", "b"]))\n', 'a, b\n', 0]);
    const sni = await healOnce(SNI);
    assert.deepStrictEqual([sni.description, sni.stdout, sni.exitCode], ["Change 'sni' to 'sin'", '1.0\n', 0]);
  });

  it('respells a keyword argument as a parameter of the callee', async () => {
    const keyword = await healOnce(KEYWORD);
    assert.deepStrictEqual([keyword.description, keyword.healed, keyword.stdout, keyword.exitCode], ["Change 'hieght' to 'height'", KEYWORD.replace('hieght=3', 'height=3'), '6\n', 0]);
  });

  it('respells a keyword of a builtin method, a builtin without a signature, and a callee reached through its module', async () => {
    const sorting = await healOnce('words = ["bb", "a"]\nwords.sort(kye=len)\nprint(words)\n');
    assert.deepStrictEqual([sorting.description, sorting.stdout], ["Change 'kye' to 'key'", "['a', 'bb']\n"]);
    const printing = await healOnce('print("a", "b", sepp="-")\n');
    assert.deepStrictEqual([printing.description, printing.stdout], ["Change 'sepp' to 'sep'", 'a-b\n']);
    const cached = await healOnce('import functools\n\n@functools.lru_cache(maxsiz=4)\ndef square(n):\n    return n * n\n\nprint(square(3))\n');
    assert.deepStrictEqual([cached.description, cached.stdout], ["Change 'maxsiz' to 'maxsize'", '9\n']);
  });

  it('imports doctest and statistics.mean, one error at a time', async () => {
    const first = await healOnce(DOCTEST);
    assert.strictEqual(first.description, "Add 'import doctest'");
    const second = await healOnce(first.healed);
    assert.deepStrictEqual([second.description, second.stdout, second.exitCode], ["Add 'from statistics import mean'", '3\n', 0]);
  });

  it('on 3.9: a module\'s attribute from the 3.9 table, a keyword from the record, a name from the source', async () => {
    const sandbox = on39();
    const sni = await healOnce(SNI, sandbox);
    assert.deepStrictEqual([sni.description, sni.stdout, sni.exitCode, sni.python], ["Change 'sni' to 'sin'", '1.0\n', 0, '3.9']);
    const keyword = await healOnce(KEYWORD, sandbox);
    assert.deepStrictEqual([keyword.description, keyword.stdout, keyword.exitCode], ["Change 'hieght' to 'height'", '6\n', 0]);
    const mask = await healOnce(MASK, sandbox);
    assert.deepStrictEqual([mask.description, mask.stdout, mask.exitCode], ["Change 'maks' to 'mask'", '[1, 3]\n', 0]);
  });

  it('on 3.9: imports nothing 3.9 does not have', async () => {
    const files = { 'main.py': 'print(tomllib.loads("a = 1"))\n' };
    const broken = await on39().run({ files, entry: 'main.py', limits: limits() });
    const [error] = errorsOfRun(broken, { files, entry: 'main.py' }, limits());
    assert.deepStrictEqual([error.type, error.python, ruleFixesFor(error, files)], ['NameError', '3.9', []]);
  });
});
