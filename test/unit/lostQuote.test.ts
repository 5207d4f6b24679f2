// A dropped quote CPython reports as another error (what the wrongly paired quotes leave outside a
// string): messages and columns as CPython 3.11 gives them for these very lines.
import * as assert from 'assert';
import { applyEdits } from '../../src/core/fixes/fixTypes';
import { ruleFixesFor } from '../../src/core/fixes/ruleFixers';
import type { PythonError } from '../../src/core/errors/pythonError';

function syntax(message: string, column: number): PythonError {
  return { type: 'SyntaxError', message, kind: 'syntax', file: 'main.py', line: 1, column, endLine: null, endColumn: null, suggestion: null, notes: [], frames: [], cause: null, context: null, exceptions: [] };
}

/** The quote readings offered, as [description, healed text, confident]. */
const quoteReadings = (source: string, e: PythonError) =>
  ruleFixesFor(e, { 'main.py': source }).filter((fix) => fix.source === 'rule:unterminated-string').map((fix) => [fix.description, applyEdits(source, fix.edits), fix.confident]);

describe('a dropped quote reported as another error', () => {
  it('leading zeros: the closing quote of the first string', () => {
    const source = "assert string_xor('111000, '101010') == '010010'\n";
    const e = syntax('leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers', 42);
    assert.deepStrictEqual(quoteReadings(source, e)[0], ["Close the string after '111000'", "assert string_xor('111000', '101010') == '010010'\n", false]);
  });

  it('invalid decimal literal: the opening quote of an item', () => {
    const source = 'assert select_words("a b c d e f", 1) == ["b", "c", d", "f"], "2nd edge test error"\n';
    assert.deepStrictEqual(quoteReadings(source, syntax('invalid decimal literal', 64))[0], ["Open the string before 'd'", source.replace(' d"', ' "d"'), false]);
  });

  it('"Perhaps you forgot a comma?": the quote between two arguments, in the author\'s tight style', () => {
    const source = 'assert  cycpattern_check("yello,"ell") == True , "test #1"\n';
    assert.deepStrictEqual(quoteReadings(source, syntax('invalid syntax. Perhaps you forgot a comma?', 26))[0], ["Close the string after 'yello'", source.replace('yello,', 'yello",'), false]);
  });

  it('a closer that meets another opener, where the strings hold brackets of their own', () => {
    const source = "assert match_parens(['), ')']) == 'No'\n";
    const e = syntax("closing parenthesis ')' does not match opening parenthesis '['", 27);
    // `('['), ')'])` is offered too; it does not compile, and the compile check drops it.
    assert.ok(quoteReadings(source, e).map(([, text]) => text).includes("assert match_parens([')', ')']) == 'No'\n"));
  });

  it('a backslash left outside a string: the opening quote of a table entry', () => {
    const source = "b3 = {\n0x1fc2:\\u1f74\\u03b9', 0x1fc3:'\\u03b7\\u03b9',\n}\n";
    const e = { ...syntax('unexpected character after line continuation character', 9), line: 2 };
    assert.deepStrictEqual(quoteReadings(source, e)[0], ["Open the string before '\\u1f74\\u03b9'", source.replace(':\\u1f74', ":'\\u1f74"), false]);
  });

  it('offers nothing when both kinds of quote are unpaired, or none is (near misses)', () => {
    assert.deepStrictEqual(quoteReadings('x = 0123\n', syntax('leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers', 5)), []);
    assert.deepStrictEqual(quoteReadings('x = [1, "a, \'b]\n', syntax('invalid decimal literal', 5)), []);
  });
});
