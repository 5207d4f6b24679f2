import * as assert from 'assert';
import { applyEdits } from '../../src/core/fixes/fixTypes';
import { namesInScope } from '../../src/core/fixes/nameScope';
import { nearestName } from '../../src/core/fixes/nearestName';
import { missingImport, ruleFixesFor } from '../../src/core/fixes/ruleFixers';
import type { PythonError } from '../../src/core/errors/pythonError';

function error(overrides: Partial<PythonError>): PythonError {
  return {
    type: 'NameError', message: '', kind: 'name', file: 'main.py', line: 1, column: null, endLine: null, endColumn: null,
    suggestion: null, notes: [], frames: [], cause: null, context: null, exceptions: [], ...overrides,
  };
}

/** Each fix's description, the text it makes, and whether it is confident. */
const fixes = (source: string, e: PythonError) => ruleFixesFor(e, { 'main.py': source }).map((fix) => [fix.description, applyEdits(source, fix.edits), fix.confident]);
const undefinedName = (name: string, line = 1, python?: string) => error({ message: `name '${name}' is not defined`, line, ...(python ? { python } : {}) });

describe('imports from the generated standard library', () => {
  it('imports a module used by its attributes, and a member from the one module that exports it', () => {
    assert.deepStrictEqual(fixes('doctest.testmod()\n', undefinedName('doctest')), [["Add 'import doctest'", 'import doctest\ndoctest.testmod()\n', true]]);
    assert.deepStrictEqual(fixes('print(string.ascii_uppercase)\n', undefinedName('string')), [["Add 'import string'", 'import string\nprint(string.ascii_uppercase)\n', true]]);
    const importedElsewhere = 'def area(r):\n    import math\n    return math.pi * r\n\ndef root(x):\n    return math.sqrt(x)\n';
    assert.deepStrictEqual(missingImport.propose(undefinedName('math', 6), { 'main.py': importedElsewhere }).map((fix) => fix.description), ["Add 'import math'"]);
    const imported = (name: string) => fixes(`print(${name}([3, 1]))\n`, undefinedName(name)).map(([description, , confident]) => [description, confident]);
    assert.deepStrictEqual(['mean', 'Counter', 'deque', 'reduce', 'sqrt', 'isqrt'].map(imported), [
      [["Add 'from statistics import mean'", true]],
      [["Add 'from collections import Counter'", true]],
      [["Add 'from collections import deque'", true]],
      [["Add 'from functools import reduce'", true]],
      [["Add 'from math import sqrt'", true]],
      [["Add 'from math import isqrt'", true]],
    ]);
  });

  it('offers each module that exports a name the table does not settle, the usual one first, none confident', () => {
    assert.deepStrictEqual(fixes('print(exp(1))\n', undefinedName('exp')).map(([description, , confident]) => [description, confident]), [
      ["Add 'from math import exp'", false],
      ["Add 'from cmath import exp'", false],
    ]);
  });

  it('guesses nothing for a module used other than by its attributes, a common word, or a short name', () => {
    const none = (source: string, name: string) => missingImport.propose(undefinedName(name), { 'main.py': source });
    assert.deepStrictEqual(none('checker = doctest\n', 'doctest'), []);
    assert.deepStrictEqual(none('doctest.not_a_member()\n', 'doctest'), []);
    assert.deepStrictEqual(none('print(error)\n', 'error'), []);
    assert.deepStrictEqual(none('print(ln(2))\n', 'ln'), []);
    assert.deepStrictEqual(['toString', '__proto__', 'hasOwnProperty'].map((name) => none(`print(${name}())\n`, name)), [[], [], []]);
  });

  it('reads the version of the run: tomllib and pairwise are 3.11\'s, not 3.9\'s', () => {
    const source = 'print(tomllib.loads("a = 1"), list(pairwise([1, 2, 3])))\n';
    const descriptions = (name: string, python: string) => missingImport.propose(undefinedName(name, 1, python), { 'main.py': source }).map((fix) => fix.description);
    // Both are missing on the one line, so either's fix brings the other's import too.
    assert.deepStrictEqual([descriptions('tomllib', '3.11'), descriptions('pairwise', '3.11')], [
      ["Add 'import tomllib' and 'from itertools import pairwise'"],
      ["Add 'from itertools import pairwise' and 'import tomllib'"],
    ]);
    assert.deepStrictEqual([descriptions('tomllib', '3.9'), descriptions('pairwise', '3.9')], [[], []]);
  });
});

describe('nearest-name fixes', () => {
  it('respells a name as the nearest in scope: a parameter, a variable of the module', () => {
    const masked = 'def apply(values, mask):\n    return [v for v, m in zip(values, maks) if m]\n';
    assert.deepStrictEqual(fixes(masked, undefinedName('maks', 2)), [["Change 'maks' to 'mask'", masked.replace('zip(values, maks)', 'zip(values, mask)'), true]]);
    const counted = 'counts = {}\nfor word in "a b a".split():\n    counts[word] = couts.get(word, 0) + 1\n';
    assert.deepStrictEqual(fixes(counted, undefinedName('couts', 3)), [["Change 'couts' to 'counts'", counted.replace('couts.get', 'counts.get'), true]]);
  });

  it('respells a builtin, and not into another function\'s local', () => {
    assert.deepStrictEqual(fixes('print(lenn([1]))\n', undefinedName('lenn')).map(([d]) => d), ["Change 'lenn' to 'len'"]);
    const elsewhere = 'def a():\n    total = 1\n    return total\n\ndef b():\n    return totl + 1\n';
    assert.deepStrictEqual(fixes(elsewhere, undefinedName('totl', 6)), []);
  });

  it('respells an attribute as the nearest the object has, or the module the table knows', () => {
    const sni = error({ type: 'AttributeError', kind: 'attribute', message: "module 'math' has no attribute 'sni'", column: 7 });
    // Three letters: among one module's names, a fix to try, never the preferred one.
    assert.deepStrictEqual(fixes('print(math.sni(0))\n', sni), [["Change 'sni' to 'sin'", 'print(math.sin(0))\n', false]]);
    const sqtr = error({ type: 'AttributeError', kind: 'attribute', message: "module 'math' has no attribute 'sqtr'", column: 7 });
    assert.deepStrictEqual(fixes('print(math.sqtr(4))\n', sqtr), [["Change 'sqtr' to 'sqrt'", 'print(math.sqrt(4))\n', true]]);
    const joni = error({ type: 'AttributeError', kind: 'attribute', message: "'str' object has no attribute 'joni'", column: 7, candidates: ['capitalize', 'join', 'ljust', 'lower', 'split'] });
    assert.deepStrictEqual(fixes('print(", ".joni(["a", "b"]))  # joni\n', joni), [["Change 'joni' to 'join'", 'print(", ".join(["a", "b"]))  # joni\n', true]]);
  });

  it('respells a keyword argument as the nearest of the callee\'s parameters, on the call\'s line that has it', () => {
    const source = 'def area(width, height):\n    return width * height\n\nprint(area(\n    width=2,\n    hieght=3,\n))\n';
    const e = error({ type: 'TypeError', kind: 'type', message: "area() got an unexpected keyword argument 'hieght'", line: 4, endLine: 7, column: 7, candidates: ['width', 'height'] });
    assert.deepStrictEqual(fixes(source, e), [["Change 'hieght' to 'height'", source.replace('hieght=3', 'height=3'), true]]);
    // 3.8-3.10 name the call's first line only: the statement's lines are searched to its end.
    const printed39 = error({ ...e, endLine: null, column: null });
    assert.deepStrictEqual(fixes(source, printed39), [["Change 'hieght' to 'height'", source.replace('hieght=3', 'height=3'), true]]);
  });

  it('reads a builtin\'s own words for a keyword it does not take (a short name: a fix to try, not preferred)', () => {
    const source = 'words = ["bb", "a"]\nwords.sort(kye=len)\n';
    const e = error({ type: 'TypeError', kind: 'type', message: "'kye' is an invalid keyword argument for sort()", line: 2, column: 1, candidates: ['key', 'reverse'] });
    assert.deepStrictEqual(fixes(source, e), [["Change 'kye' to 'key'", source.replace('kye=', 'key='), false]]);
  });

  it('tries a two-letter keyword among the callee\'s few parameters, and a three-letter name in scope, neither preferred', () => {
    // CPython 3.11: TypeError: 'sp' is an invalid keyword argument for split()
    const split = 'words = "a.b"\nprint(words.split(sp="."))\n';
    const sp = error({ type: 'TypeError', kind: 'type', message: "'sp' is an invalid keyword argument for split()", line: 2, column: 7, endLine: 2, endColumn: 26, candidates: ['sep', 'maxsplit'] });
    assert.deepStrictEqual(fixes(split, sp), [["Change 'sp' to 'sep'", split.replace('sp=', 'sep='), false]]);
    const sorted = error({ ...sp, message: "'ke' is an invalid keyword argument for sort()", candidates: ['key', 'reverse'] });
    assert.deepStrictEqual(fixes('words = ["b", "a"]\nwords.sort(ke=len)\n', sorted).map(([d, , c]) => [d, c]), [["Change 'ke' to 'key'", false]]);
    // CPython 3.11: NameError: name 'nit' is not defined, in the comprehension of line 2, column 48.
    const typed = 'def f(values):\n    return [x for x in values if isinstance(x, nit)]\nprint(f([1]))\n';
    assert.deepStrictEqual(fixes(typed, undefinedName('nit', 2)), [["Change 'nit' to 'int'", typed.replace('x, nit)', 'x, int)'), false]]);
  });

  it('guesses no short name that two names are as near to, nor a one-letter keyword', () => {
    // `mix`: min and max are both one edit away.
    assert.deepStrictEqual(fixes('print(mix([1, 2]))\n', undefinedName('mix')), []);
    const one = error({ type: 'TypeError', kind: 'type', message: "'k' is an invalid keyword argument for sort()", line: 1, column: 1, candidates: ['key', 'reverse'] });
    assert.deepStrictEqual(fixes('[2, 1].sort(k=len)\n', one), []);
    const two = error({ type: 'TypeError', kind: 'type', message: "f() got an unexpected keyword argument 'ab'", line: 1, column: 1, candidates: ['a', 'b'] });
    assert.deepStrictEqual(fixes('f(ab=1)\n', two), []);
  });

  it('gives no fix for two equally near names, a short name, or a name too far off', () => {
    const both = 'def apply(values, mask, masks):\n    return maks\n';
    assert.deepStrictEqual(fixes(both, undefinedName('maks', 2)), []);
    assert.deepStrictEqual(fixes('nums = [1]\nprint(nm)\n', undefinedName('nm', 2)), []);
    assert.deepStrictEqual(fixes('values = [1]\nprint(vlaeus)\n', undefinedName('vlaeus', 2)), []);
  });

  it('decides by distance, length and the number of near names', () => {
    assert.deepStrictEqual(nearestName('accumlate_total', ['accumulate_total', 'accumulate_totals']), { name: 'accumulate_total', distance: 1, confident: false });
    assert.deepStrictEqual(nearestName('maks', ['mask', 'max']), { name: 'mask', distance: 1, confident: true });
    assert.deepStrictEqual(nearestName('accumlate_total', ['accumulate_total']), { name: 'accumulate_total', distance: 1, confident: true });
    assert.deepStrictEqual(nearestName('acumlate_total', ['accumulate_total']), { name: 'accumulate_total', distance: 2, confident: true });
    assert.strictEqual(nearestName('mkas', ['mask']), undefined);
    assert.strictEqual(nearestName('_pirvate', ['private']), undefined);
  });

  it('reads the names in scope at a line', () => {
    const source = [
      'import os.path as p, sys',
      'from math import (sqrt,', '    pi as PI)',
      'LIMIT: int = 3',
      'a, (b, *c) = 1, (2, 3)',
      'class Shape:',
      '    sides = 0',
      '    def area(self, scale=1, *args, factor: float = 2, **extra):',
      '        with open("f") as handle:',
      '            total = [x for x in range(3) if (y := x)]',
      '        return total',
      'def other():',
      '    hidden = 1',
      'for i, item in enumerate([]):',
      '    print(i)',
    ].join('\n');
    const at = (line: number) => [...namesInScope(source, line)].sort();
    assert.deepStrictEqual(at(11), ['LIMIT', 'PI', 'Shape', 'a', 'args', 'b', 'c', 'extra', 'factor', 'handle', 'i', 'item', 'other', 'p', 'scale', 'self', 'sqrt', 'sys', 'total', 'x', 'y']);
    assert.deepStrictEqual(at(15), ['LIMIT', 'PI', 'Shape', 'a', 'b', 'c', 'i', 'item', 'other', 'p', 'sqrt', 'sys']);
  });
});
