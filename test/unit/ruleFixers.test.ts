import * as assert from 'assert';
import { applyEdits } from '../../src/core/fixes/fixTypes';
import { importInsertionLine } from '../../src/core/fixes/importPlacement';
import { didYouMean, missingImport, ruleFixesFor } from '../../src/core/fixes/ruleFixers';
import type { PythonError } from '../../src/core/errors/pythonError';

function error(overrides: Partial<PythonError>): PythonError {
  return {
    type: 'NameError', message: '', kind: 'name', file: 'main.py', line: 1, column: null, endLine: null, endColumn: null,
    suggestion: null, notes: [], frames: [], cause: null, context: null, exceptions: [], ...overrides,
  };
}

const fixed = (source: string, e: PythonError) => {
  const [fix] = ruleFixesFor(e, { 'main.py': source });
  return fix && { description: fix.description, text: applyEdits(source, fix.edits), confident: fix.confident };
};

describe('rule fixers', () => {
  describe('applyEdits', () => {
    it('applies several edits, inserting and replacing, from the end backwards', () => {
      const text = 'ab\ncd\n';
      assert.strictEqual(
        applyEdits(text, [
          { file: 'f', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1, newText: 'X' },
          { file: 'f', startLine: 2, startColumn: 2, endLine: 2, endColumn: 3, newText: 'ZZ' },
        ]),
        'Xab\ncZZ\n',
      );
    });

    it('refuses an edit outside the text', () => {
      assert.strictEqual(applyEdits('ab\n', [{ file: 'f', startLine: 5, startColumn: 1, endLine: 5, endColumn: 1, newText: 'x' }]), undefined);
      assert.strictEqual(applyEdits('ab\n', [{ file: 'f', startLine: 1, startColumn: 9, endLine: 1, endColumn: 9, newText: 'x' }]), undefined);
    });
  });

  describe('where an import goes', () => {
    const cases: Array<[string, string, number]> = [
      ['an empty file', '', 1],
      ['code only', 'print(1)\n', 1],
      ['after a shebang and an encoding line', '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nprint(1)\n', 3],
      ['after a one-line docstring', '"""Tool."""\nprint(1)\n', 2],
      ['after a multi-line docstring', '"""Tool.\n\nMore.\n"""\nprint(1)\n', 5],
      ['after __future__ and other imports', '"""Doc."""\nfrom __future__ import annotations\n\nimport os\nimport sys\n\nprint(1)\n', 6],
      ['after a parenthesised import', 'from os import (\n    path,\n    sep,\n)\nx = 1\n', 5],
      ['after comments at the top', '# Copyright\n# Licence\n\nimport os\nx = 1\n', 5],
    ];
    for (const [name, source, line] of cases) it(name, () => assert.strictEqual(importInsertionLine(source), line));
  });

  describe('missing import', () => {
    it('adds a standard-library module next to the existing imports', () => {
      const source = '"""Prints settings."""\nimport os\n\nprint(json.dumps({"cwd": os.getcwd()}))\n';
      assert.deepStrictEqual(fixed(source, error({ message: "name 'json' is not defined", line: 4 })), {
        description: "Add 'import json'",
        text: '"""Prints settings."""\nimport os\nimport json\n\nprint(json.dumps({"cwd": os.getcwd()}))\n',
        confident: true,
      });
    });

    it('adds a well-known member and a conventional third-party alias', () => {
      assert.strictEqual(fixed('print(Path.cwd())\n', error({ message: "name 'Path' is not defined" }))?.text, 'from pathlib import Path\nprint(Path.cwd())\n');
      assert.strictEqual(fixed('x = np.zeros(3)\n', error({ message: "name 'np' is not defined" }))?.text, 'import numpy as np\nx = np.zeros(3)\n');
      assert.strictEqual(fixed('c = Counter("aab")\n', error({ message: "name 'Counter' is not defined" }))?.description, "Add 'from collections import Counter'");
    });

    it('adds typing\'s generics and other well-known members', () => {
      const source = 'def evens(limit: int) -> Iterator[int]:\n    yield from range(0, limit, 2)\n';
      assert.strictEqual(fixed(source, error({ message: "name 'Iterator' is not defined" }))?.text, `from typing import Iterator\n${source}`);
      const names = ['Generator', 'Sequence', 'TypeVar', 'Protocol', 'Literal', 'islice', 'itemgetter', 'date', 'deepcopy', 'heappush', 'StringIO'];
      assert.deepStrictEqual(names.map((name) => fixed(`${name}\n`, error({ message: `name '${name}' is not defined` }))?.description), [
        "Add 'from typing import Generator'", "Add 'from typing import Sequence'", "Add 'from typing import TypeVar'",
        "Add 'from typing import Protocol'", "Add 'from typing import Literal'", "Add 'from itertools import islice'",
        "Add 'from operator import itemgetter'", "Add 'from datetime import date'", "Add 'from copy import deepcopy'",
        "Add 'from heapq import heappush'", "Add 'from io import StringIO'",
      ]);
    });

    it('decides `datetime` by the attribute used: the module\'s classes or the class\'s constructors', () => {
      const due = 'start = datetime.date(2024, 1, 15)\ndue = start + datetime.timedelta(days=30)\nprint(due)\n';
      assert.deepStrictEqual(fixed(due, error({ message: "name 'datetime' is not defined" })), {
        description: "Add 'import datetime'", text: `import datetime\n${due}`, confident: true,
      });
      const stamp = '# datetime.date is not used here\nprint(datetime.now().isoformat(), "datetime.timedelta")\nparsed = datetime.strptime("2024-01-15", "%Y-%m-%d")\n';
      assert.strictEqual(fixed(stamp, error({ message: "name 'datetime' is not defined", line: 2 }))?.text, stamp.replace('\nprint', '\nfrom datetime import datetime\nprint'));
      assert.strictEqual(fixed('print(datetime(2024, 1, 15))\n', error({ message: "name 'datetime' is not defined" }))?.description, "Add 'from datetime import datetime'");
    });

    it('decides a module named like its member (`glob`, `pprint`) by whether the name is called or has attributes', () => {
      const name = (n: string) => error({ message: `name '${n}' is not defined` });
      assert.deepStrictEqual(
        [fixed('print(glob("*.py"))\n', name('glob')), fixed('print(glob.glob("*.py"))\n', name('glob')), fixed('pprint({"a": 1})\n', name('pprint')), fixed('pprint.pprint({"a": 1})\n', name('pprint'))].map((fix) => fix?.description),
        ["Add 'from glob import glob'", "Add 'import glob'", "Add 'from pprint import pprint'", "Add 'import pprint'"],
      );
    });

    it('does not guess an ambiguous or unknown name, nor when the uses disagree', () => {
      const none = (source: string, name: string) => missingImport.propose(error({ message: `name '${name}' is not defined` }), { 'main.py': source });
      assert.deepStrictEqual(none('print(datetime.min)\n', 'datetime'), []);
      assert.deepStrictEqual(none('when = datetime\n', 'datetime'), []);
      assert.deepStrictEqual(none('print(datetime.now() - datetime.timedelta(days=1))\n', 'datetime'), []);
      assert.deepStrictEqual(none('files = glob("*.py") + glob.glob("*.txt")\n', 'glob'), []);
      assert.deepStrictEqual(none('frobnicate()\n', 'frobnicate'), []);
    });
  });

  describe('did you mean', () => {
    it('replaces the misspelt name at the reported position only', () => {
      const source = 'total = 10\nprint(totl, "totl")\n';
      const e = error({ message: "name 'totl' is not defined. Did you mean: 'total'?", suggestion: 'total', line: 2, column: 7 });
      assert.deepStrictEqual(fixed(source, e), { description: "Change 'totl' to 'total'", text: 'total = 10\nprint(total, "totl")\n', confident: true });
    });

    it('fixes an attribute and an imported name', () => {
      const attribute = error({ type: 'AttributeError', kind: 'attribute', message: "'str' object has no attribute 'uper'. Did you mean: 'upper'?", suggestion: 'upper', column: 7 });
      assert.strictEqual(fixed('print(word.uper())\n', attribute)?.text, 'print(word.upper())\n');
      const imported = error({ type: 'ImportError', kind: 'import-name', message: "cannot import name 'bsin' from 'math'. Did you mean: 'asin'?", suggestion: 'asin', column: 1 });
      assert.strictEqual(fixed('from math import bsin\n', imported)?.text, 'from math import asin\n');
    });

    it("tries CPython's name before a guessed import of a module's member of that spelling", () => {
      // `sin` for `min`: math and cmath have a `sin`, but neither import is sure; CPython names `min`.
      const source = 'values = [3, 1, 2]\nprint(sin(values))\n';
      const e = error({ message: "name 'sin' is not defined. Did you mean: 'min'?", suggestion: 'min', line: 2, column: 7 });
      assert.deepStrictEqual(ruleFixesFor(e, { 'main.py': source }).map((fix) => [fix.description, fix.confident]), [
        ["Change 'sin' to 'min'", true], ["Add 'from math import sin'", false], ["Add 'from cmath import sin'", false],
        // The builtin as near as CPython's name, last and never preferred.
        ["Change 'sin' to 'bin'", false],
      ]);
      // A sure import still goes first: `Counter` is collections' alone.
      const counter = error({ message: "name 'Counter' is not defined. Did you mean: 'counter'?", suggestion: 'counter', line: 2, column: 7 });
      assert.strictEqual(fixed('counter = 1\nprint(Counter("aab"))\n', counter)?.description, "Add 'from collections import Counter'");
    });

    it('leaves "Did you forget to import" to the import fixer', () => {
      const e = error({ message: "name 'json' is not defined. Did you forget to import 'json'?", suggestion: 'json' });
      assert.deepStrictEqual(didYouMean.propose(e, { 'main.py': 'json.dumps(1)\n' }), []);
      assert.strictEqual(fixed('json.dumps(1)\n', e)?.description, "Add 'import json'");
    });
  });
});

describe('syntax rule fixers', () => {
  const syntax = (message: string, line: number, column: number) => error({ type: 'SyntaxError', kind: 'syntax', message, line, column });

  it('closes a parenthesis where the statement ends', () => {
    const source = 'def greet(name):\n    print(f"Hello, {name}"\n\ngreet("Ada")\n';
    assert.deepStrictEqual(fixed(source, syntax("'(' was never closed", 2, 10)), {
      description: "Close '('",
      text: 'def greet(name):\n    print(f"Hello, {name}")\n\ngreet("Ada")\n',
      confident: true,
    });
  });

  it('closes a bracket continued over lines, before a trailing comment, with what was opened inside it', () => {
    assert.strictEqual(fixed('items = [1, 2,\n         3  # three\nprint(items)\n', syntax("'[' was never closed", 1, 9))?.text, 'items = [1, 2,\n         3]  # three\nprint(items)\n');
    assert.strictEqual(fixed('x = {"a": len((1, 2)\n', syntax("'{' was never closed", 1, 5))?.text, 'x = {"a": len((1, 2))}\n');
  });

  it('adds a missing colon to compound statements, also for the older "invalid syntax"', () => {
    assert.strictEqual(fixed('for i in range(3)  # loop\n    print(i)\n', syntax("expected ':'", 1, 18))?.text, 'for i in range(3):  # loop\n    print(i)\n');
    assert.strictEqual(fixed('class A\n    pass\n', syntax("expected ':'", 1, 8))?.text, 'class A:\n    pass\n');
    assert.strictEqual(fixed('if True\n    pass\n', syntax('invalid syntax', 1, 8))?.text, 'if True:\n    pass\n');
    assert.strictEqual(fixed('x = 1 +\n', syntax('invalid syntax', 1, 8)), undefined);
  });

  it('closes an unterminated string on its line, before the brackets it swallowed', () => {
    assert.strictEqual(fixed('print("hello)\n', syntax('unterminated string literal (detected at line 1)', 1, 7))?.text, 'print("hello")\n');
    assert.strictEqual(fixed("alphabet = 'abc\n", syntax('unterminated string literal (detected at line 1)', 1, 12))?.text, "alphabet = 'abc'\n");
  });
});
