import * as assert from 'assert';
import { applyEdits } from '../../src/core/fixes/fixTypes';
import { methodContextAt } from '../../src/core/fixes/methodContext';
import { ruleFixesFor } from '../../src/core/fixes/ruleFixers';
import type { PythonError } from '../../src/core/errors/pythonError';

function undefinedName(name: string, line: number, column: number | null = null): PythonError {
  return {
    type: 'NameError', message: `name '${name}' is not defined`, kind: 'name', file: 'main.py', line, column, endLine: null, endColumn: null,
    suggestion: null, notes: [], frames: [], cause: null, context: null, exceptions: [],
  };
}

const fixes = (source: string, e: PythonError) => ruleFixesFor(e, { 'main.py': source }).map((fix) => [fix.description, applyEdits(source, fix.edits), fix.confident]);

const STACK = [
  'class Stack:',
  '    limit = 10',
  '',
  '    def __init__(self):',
  '        self.items = []',
  '        self.size: int = 0',
  '',
  '    def push(self, item):',
  '        if len(items) >= limit:',
  '            raise OverflowError(f"full at {limit}")',
  '        self.items.append(item)',
  '        size += 1',
  '        return peek()',
  '',
  '    def peek(self):',
  '        return self.items[-1]',
  '',
  '    @classmethod',
  '    def empty(cls):',
  '        return make(limit)',
  '',
  '    @classmethod',
  '    def make(cls, limit):',
  '        return cls()',
  '',
  '    @staticmethod',
  '    def describe():',
  '        return items',
  '',
  'def outside(self):',
  '    return items',
  '',
].join('\n');

describe("a missing 'self.' in a method", () => {
  it("prefixes the one occurrence with 'self.': an attribute set in another method, a class attribute, a method", () => {
    // The exact attribute first, confidently; the nearest name in scope after it, as a guess.
    assert.deepStrictEqual(fixes(STACK, undefinedName('items', 9, 16)), [
      ["Change 'items' to 'self.items'", STACK.replace('len(items)', 'len(self.items)'), true],
      ["Change 'items' to 'item'", STACK.replace('len(items)', 'len(item)'), false],
    ]);
    assert.deepStrictEqual(fixes(STACK, undefinedName('limit', 9, 29)), [["Change 'limit' to 'self.limit'", STACK.replace('>= limit', '>= self.limit'), true]]);
    assert.deepStrictEqual(fixes(STACK, undefinedName('peek', 13)), [["Change 'peek' to 'self.peek'", STACK.replace('return peek()', 'return self.peek()'), true]]);
    // An annotated attribute assignment counts; the raising line of an augmented assignment is found too.
    assert.deepStrictEqual(fixes(STACK, undefinedName('size', 12, 9)), [["Change 'size' to 'self.size'", STACK.replace('        size += 1', '        self.size += 1'), true]]);
  });

  it('finds the method through the blocks that hold the line', () => {
    assert.deepStrictEqual(fixes(STACK, undefinedName('limit', 10)), [["Change 'limit' to 'self.limit'", STACK.replace('{limit}', '{self.limit}'), true]]);
  });

  it('finds an attribute a base class of the same file assigns', () => {
    const source = 'class Base:\n    def __init__(self):\n        self.name = "b"\n\nclass Child(Base):\n    def show(self):\n        return name\n';
    assert.deepStrictEqual(fixes(source, undefinedName('name', 7, 16))[0], ["Change 'name' to 'self.name'", source.replace('return name', 'return self.name'), true]);
  });

  it("prefixes 'cls.' in a classmethod", () => {
    assert.deepStrictEqual(fixes(STACK, undefinedName('make', 20, 16)), [["Change 'make' to 'cls.make'", STACK.replace('return make(limit)', 'return cls.make(limit)'), true]]);
  });

  it('gives no self fix in a static method, a plain function, or for a name the class does not hold', () => {
    assert.deepStrictEqual([methodContextAt(STACK, 28), methodContextAt(STACK, 31)], [undefined, undefined]);
    assert.deepStrictEqual(fixes(STACK, undefinedName('items', 28, 16)).filter(([description]) => String(description).includes('self.')), []);
    const local = 'class A:\n    def one(self):\n        total = 1\n        return total\n\n    def two(self):\n        return total\n';
    assert.deepStrictEqual(methodContextAt(local, 7)?.members, new Set(['one', 'two']));
    assert.deepStrictEqual(fixes(local, undefinedName('total', 7, 16)).filter(([description]) => String(description).includes('self.')), []);
  });

  it('prefers the exact attribute to a respelling, and a sure standard-library import to the attribute', () => {
    const near = 'class A:\n    def __init__(self):\n        self.count = 0\n\n    def bump(self, counts):\n        return count + 1\n';
    assert.deepStrictEqual(fixes(near, undefinedName('count', 6, 16))[0], ["Change 'count' to 'self.count'", near.replace('return count', 'return self.count'), true]);
    const module = 'class Clock:\n    def __init__(self):\n        self.time = 0\n\n    def now(self):\n        return time.time()\n';
    assert.deepStrictEqual(fixes(module, undefinedName('time', 6, 16)).map(([description, , confident]) => [description, confident]), [
      ["Add 'import time'", true],
      ["Change 'time' to 'self.time'", false],
    ]);
  });

  it('skips a keyword argument of the same name and an attribute of another object on the line', () => {
    const source = 'class A:\n    def __init__(self):\n        self.key = 1\n\n    def get(self, other):\n        return f(key=other.key, value=key)\n';
    assert.deepStrictEqual(fixes(source, undefinedName('key', 6))[0], ["Change 'key' to 'self.key'", source.replace('value=key', 'value=self.key'), true]);
  });
});
