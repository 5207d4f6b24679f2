// Keywords that reach their callee through **kwargs, attributes a function's name shadows, and the
// name CPython's "Did you mean" passed over: each with CPython 3.11's own message, and the near
// misses that must get no fix (or none preferred).
import * as assert from 'assert';
import { applyEdits } from '../../src/core/fixes/fixTypes';
import { ruleFixesFor } from '../../src/core/fixes/ruleFixers';
import type { ErrorFrame, PythonError } from '../../src/core/errors/pythonError';

function error(overrides: Partial<PythonError>): PythonError {
  return {
    type: 'TypeError', message: '', kind: 'type', file: 'main.py', line: 1, column: null, endLine: null, endColumn: null,
    suggestion: null, notes: [], frames: [], cause: null, context: null, exceptions: [], python: '3.11', ...overrides,
  };
}

const frame = (line: number, external = false): ErrorFrame => ({ file: external ? '/usr/lib/python3.11/lib.py' : 'main.py', line, function: 'f', source: null, external });
/** Each fix's description, the text it makes, and whether it is preferred. */
const fixes = (source: string, e: PythonError) => ruleFixesFor(e, { 'main.py': source }).map((fix) => [fix.description, applyEdits(source, fix.edits), fix.confident]);

describe('keywords passed on through **kwargs', () => {
  const template = 'TEMPLATE = "{name}: {delim} {value}"\nprint(TEMPLATE.format(name="a", elim="=", value=1))\n';
  const keyError = (key: string) => error({ type: 'KeyError', kind: 'key', message: `'${key}'`, line: 2, column: 7, frames: [frame(2)] });

  it('respells the str.format keyword nearest to the field the KeyError names', () => {
    assert.deepStrictEqual(fixes(template, keyError('delim')), [["Change 'elim' to 'delim'", template.replace('elim=', 'delim='), true]]);
  });

  it('leaves a KeyError alone when the key is passed, no keyword is near, or no .format( takes them', () => {
    assert.deepStrictEqual(fixes(template.replace('elim=', 'delim='), keyError('delim')), []);
    assert.deepStrictEqual(fixes(template, keyError('width')), []);
    const lookup = 'table = {"delim": 1}\nprint(table["dlim"], dict(delim=2))\n';
    assert.deepStrictEqual(fixes(lookup, keyError('dlim')), []);
    // Two keywords one edit from the field: which one was meant is not known.
    const twice = 'print("{data}".format(date=1, dat=2))\n';
    assert.deepStrictEqual(fixes(twice, error({ type: 'KeyError', kind: 'key', message: "'data'", line: 1 })), []);
  });

  it('respells a keyword a library passed on to a callee that requires it, never preferred', () => {
    const source = "import argparse\nparser = argparse.ArgumentParser()\nparser.add_argument(deot='filename', nargs='?')\n";
    const e = error({ message: "_ActionsContainer._get_positional_kwargs() missing 1 required positional argument: 'dest'", line: 3, column: 1, frames: [frame(3), frame(1441, true)] });
    assert.deepStrictEqual(fixes(source, e), [["Change 'deot' to 'dest'", source.replace('deot=', 'dest='), false]]);
  });

  it('takes an argument missing from a call the line makes itself for an argument not given', () => {
    // CPython 3.11: TypeError: span() missing 1 required positional argument: 'stop'
    const source = 'def span(start, stop, **options):\n    return stop - start\nprint(span(1, step=3))\n';
    const e = error({ message: "span() missing 1 required positional argument: 'stop'", line: 3, column: 7, frames: [frame(3)] });
    assert.deepStrictEqual(fixes(source, e), []);
    const two = error({ message: "span() missing 2 required positional arguments: 'start' and 'stop'", line: 3, frames: [frame(3), frame(2, true)] });
    assert.deepStrictEqual(fixes(source, two), []);
  });

  const options = "import optparse\nparser = optparse.OptionParser()\nparser.add_option('-d', '--decode', dest='decode', hglp='Decode?', action='store_true')\nparser.add_option('-t', '--text', dest='text', help='Text?', action='store_true')\n";

  it('respells a keyword a callee checks by hand from those the file gives the same callee elsewhere', () => {
    const e = error({ type: 'optparse.OptionError', kind: 'other', message: 'option -d/--decode: invalid keyword arguments: hglp', line: 3, frames: [frame(3), frame(573, true)] });
    assert.deepStrictEqual(fixes(options, e), [["Change 'hglp' to 'help'", options.replace('hglp=', 'help='), false]]);
    // argparse took `action=` out before the action's class refused the rest: its parameters lack it.
    const parsed = "import argparse\np = argparse.ArgumentParser()\np.add_argument('-q', atcion='store_true')\np.add_argument('-e', dest='exact', action='store_true')\n";
    const atcion = error({ message: "_StoreAction.__init__() got an unexpected keyword argument 'atcion'", line: 3, frames: [frame(3), frame(1450, true)], candidates: ['option_strings', 'dest', 'nargs', 'const', 'default', 'type', 'choices', 'required', 'help', 'metavar'] });
    assert.deepStrictEqual(fixes(parsed, atcion), [["Change 'atcion' to 'action'", parsed.replace('atcion=', 'action='), false]]);
  });

  it('finds nothing to respell from when the callee is given no such keyword elsewhere, or the message names none of the line', () => {
    const alone = options.split('\n').slice(0, 3).join('\n') + '\n';
    const e = error({ type: 'optparse.OptionError', kind: 'other', message: 'option -d/--decode: invalid keyword arguments: hglp', line: 3, frames: [frame(3), frame(573, true)] });
    assert.deepStrictEqual(fixes(alone, e), []);
    assert.deepStrictEqual(fixes(options, error({ ...e, message: 'option -d/--decode: must supply a list of choices' })), []);
  });
});

describe('an attribute without self. where a function has its name', () => {
  // CPython 3.11: TypeError: strftime() argument 1 must be str, not function
  const month = "import datetime\ndef format(cols):\n    return str(cols)\nclass Month:\n    def __init__(self, format):\n        self.format = format\n    def name(self, i):\n        return datetime.date(2001, i, 1).strftime(format)\n";
  const strftime = error({ message: 'strftime() argument 1 must be str, not function', line: 8, column: 16, frames: [frame(8)] });

  it('gives the module function\'s name on the line its receiver, where the class holds that attribute', () => {
    assert.deepStrictEqual(fixes(month, strftime), [["Change 'format' to 'self.format'", month.replace('strftime(format)', 'strftime(self.format)'), true]]);
  });

  it('does the same for a builtin of that name', () => {
    const box = 'class Box:\n    def __init__(self):\n        self.len = 3\n    def twice(self):\n        return len * 2\n';
    const e = error({ message: "unsupported operand type(s) for *: 'builtin_function_or_method' and 'int'", line: 5, column: 16, frames: [frame(5)] });
    assert.deepStrictEqual(fixes(box, e), [["Change 'len' to 'self.len'", box.replace('return len', 'return self.len'), true]]);
  });

  it('leaves a TypeError about values, a plain function, and two such names on a line alone', () => {
    assert.deepStrictEqual(fixes(month, { ...strftime, message: 'strftime() argument 1 must be str, not int' }), []);
    const plain = 'import datetime\ndef name(i):\n    return datetime.date(2001, i, 1).strftime(format)\n';
    assert.deepStrictEqual(fixes(plain, { ...strftime, line: 3 }), []);
    const both = month.replace('self.format = format', 'self.format = format\n        self.max = 3').replace('strftime(format)', 'strftime(format) * max');
    assert.deepStrictEqual(fixes(both, { ...strftime, line: 9 }), []);
  });
});

describe('the name CPython\'s "Did you mean" passed over', () => {
  const undefinedName = (name: string, suggestion: string, line: number) => error({ type: 'NameError', kind: 'name', message: `name '${name}' is not defined. Did you mean: '${suggestion}'?`, suggestion, line, frames: [frame(line)] });

  it('tries the one other name as near as the one CPython named, after it and never preferred', () => {
    const source = 'd = {}\nfor c in (65, 97):\n    d[ch(c)] = c\n';
    assert.deepStrictEqual(fixes(source, undefinedName('ch', 'c', 3)), [
      ["Change 'ch' to 'c'", source.replace('ch(c)', 'c(c)'), true],
      ["Change 'ch' to 'chr'", source.replace('ch(c)', 'chr(c)'), false],
    ]);
  });

  it('adds nothing when CPython\'s name is the only one that near, or two others are', () => {
    const alone = 'total = 1\nprint(totl)\n';
    assert.deepStrictEqual(fixes(alone, undefinedName('totl', 'total', 2)).map(([d]) => d), ["Change 'totl' to 'total'"]);
    // `mix`: CPython names min; max and mix's other neighbours leave no one name to try.
    const several = 'nix = 1\nprint(mix([1, 2]))\n';
    assert.deepStrictEqual(fixes(several, undefinedName('mix', 'min', 2)).map(([d]) => d), ["Change 'mix' to 'min'"]);
  });
});
