import * as assert from 'assert';
import { mismatchedBracket, unclosedBracket } from '../../src/core/fixes/bracketFixers';
import { applyEdits } from '../../src/core/fixes/fixTypes';
import { ruleFixesFor } from '../../src/core/fixes/ruleFixers';
import type { PythonError } from '../../src/core/errors/pythonError';

// Messages and positions as CPython 3.11 reports them for these sources.
function syntax(message: string, line: number, column: number): PythonError {
  return {
    type: 'SyntaxError', message, kind: 'syntax', file: 'main.py', line, column, endLine: null, endColumn: null,
    suggestion: null, notes: [], frames: [], cause: null, context: null, exceptions: [],
  };
}

/** Every proposal as [description, healed text, confident], in the order offered. */
const healings = (source: string, e: PythonError) =>
  ruleFixesFor(e, { 'main.py': source }).map((fix) => [fix.description, applyEdits(source, fix.edits), fix.confident]);

const MISMATCH = "closing parenthesis ')' does not match opening parenthesis '['";

describe('bracket fixers', () => {
  describe('a bracket left open in a compound header', () => {
    it('closes it before the header\'s colon when CPython says only "invalid syntax" there', () => {
      const source = 'def discount(total, member):\n    if (total > 100 and member:\n        return total * 0.9\n    return total\n';
      assert.deepStrictEqual(healings(source, syntax('invalid syntax', 2, 31)), [
        ["Close '(' before ':'", 'def discount(total, member):\n    if (total > 100 and member):\n        return total * 0.9\n    return total\n', true],
        // The other places the closer could stand, for the compile check and the re-runs to judge.
        ["Close '(' before 'and'", 'def discount(total, member):\n    if (total > 100) and member:\n        return total * 0.9\n    return total\n', false],
        ["Close '(' before '>'", 'def discount(total, member):\n    if (total) > 100 and member:\n        return total * 0.9\n    return total\n', false],
      ]);
      assert.deepStrictEqual(healings('for i in range(len(items):\n    print(i)\n', syntax('invalid syntax', 1, 26)), [
        ["Close '(' before ':'", 'for i in range(len(items)):\n    print(i)\n', true],
        ["Close '(' before '('", 'for i in range(len)(items):\n    print(i)\n', false],
      ]);
    });

    it('closes it before the colon, not after the body, when CPython says it was never closed', () => {
      assert.deepStrictEqual(healings('def area(width, height:\n    return width * height\n', syntax("'(' was never closed", 1, 9)), [
        ["Close '(' before ':'", 'def area(width, height):\n    return width * height\n', true],
        ["Close '(' before ','", 'def area(width), height:\n    return width * height\n', false],
      ]);
      const continued = 'if (ready and\n        enabled:\n    start()\n';
      assert.deepStrictEqual(healings(continued, syntax("'(' was never closed", 1, 4)), [
        ["Close '(' before ':'", 'if (ready and\n        enabled):\n    start()\n', true],
        ["Close '(' before 'and'", 'if (ready) and\n        enabled:\n    start()\n', false],
      ]);
    });

    it('in `with open(path as f:` offers closing the call before `as` first, without confidence', () => {
      assert.deepStrictEqual(healings('with open("notes.txt" as fh:\n    print(fh.read())\n', syntax('invalid syntax', 1, 23)), [
        ["Close '(' before 'as'", 'with open("notes.txt") as fh:\n    print(fh.read())\n', false],
        ["Close '(' before ':'", 'with open("notes.txt" as fh):\n    print(fh.read())\n', false],
      ]);
    });

    it('leaves "invalid syntax" alone where no bracket is open at the colon, or the line is no header', () => {
      assert.deepStrictEqual(unclosedBracket.propose(syntax('invalid syntax', 1, 6), { 'main.py': 'if a b:\n    pass\n' }), []);
      assert.deepStrictEqual(unclosedBracket.propose(syntax('invalid syntax', 1, 11), { 'main.py': 'x = f(a, b:\n' }), []);
    });
  });

  describe('a closer that does not match its opener', () => {
    it('closes the inner bracket before the closer when the statement then balances (a list in a call)', () => {
      const source = 'print(describe("sandbox", tags=["safe", "fast"))\n';
      assert.deepStrictEqual(healings(source, syntax(MISMATCH, 1, 47)), [
        ["Close '[' before ')'", 'print(describe("sandbox", tags=["safe", "fast"]))\n', true],
        ["Close '[' before ','", 'print(describe("sandbox", tags=["safe"], "fast"))\n', false],
        ["Change ')' to ']'", 'print(describe("sandbox", tags=["safe", "fast"])\n', false],
      ]);
    });

    it('changes the closer when that balances the statement', () => {
      assert.deepStrictEqual(healings('x = [1, 2)\n', syntax(MISMATCH, 1, 10)), [["Change ')' to ']'", 'x = [1, 2]\n', true]]);
      const dict = "closing parenthesis ')' does not match opening parenthesis '{'";
      assert.deepStrictEqual(healings('d = {"a": 1, "b": 2)\n', syntax(dict, 1, 20)), [["Change ')' to '}'", 'd = {"a": 1, "b": 2}\n', true]]);
    });

    it('drops a reading that leaves the brackets mismatched', () => {
      const square = "closing parenthesis ']' does not match opening parenthesis '('";
      assert.deepStrictEqual(healings('print(total(1, 2]\n', syntax(square, 1, 17)), [["Change ']' to ')'", 'print(total(1, 2)\n', true]]);
    });

    it('reads the statement from its first line (the opener "on line N", or a call opened above)', () => {
      assert.deepStrictEqual(healings('values = [1,\n          2)\n', syntax(`${MISMATCH} on line 1`, 2, 12)), [
        ["Change ')' to ']'", 'values = [1,\n          2]\n', true],
      ]);
      assert.deepStrictEqual(healings('best = max(\n    [3, 7)\nprint(best)\n', syntax(MISMATCH, 2, 10)), [
        ["Close '[' before ')'", 'best = max(\n    [3, 7])\nprint(best)\n', true],
        ["Close '[' before ','", 'best = max(\n    [3], 7)\nprint(best)\n', false],
        ["Change ')' to ']'", 'best = max(\n    [3, 7]\nprint(best)\n', false],
      ]);
    });

    it('closes a literal after its trailing comma at the statement\'s end, first, never turning it into a tuple', () => {
      const source = 'inventory = {\n    "apples": 12,\n    "plums": 0,\n\n\ndef in_stock(items):\n    return list(items)\n';
      const [first, second] = healings(source, syntax("'{' was never closed", 1, 13));
      assert.deepStrictEqual(first, ["Close '{'", 'inventory = {\n    "apples": 12,\n    "plums": 0,}\n\n\ndef in_stock(items):\n    return list(items)\n', true]);
      assert.deepStrictEqual(second, ["Close '{' before ','", 'inventory = {\n    "apples": 12,\n    "plums": 0},\n\n\ndef in_stock(items):\n    return list(items)\n', false]);
    });

    it('proposes nothing when the reported column holds no such closer', () => {
      assert.deepStrictEqual(mismatchedBracket.propose(syntax(MISMATCH, 1, 3), { 'main.py': 'x = [1, 2)\n' }), []);
    });
  });
});
