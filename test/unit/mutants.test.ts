// The benchmark's mutation generator: each class makes the one edit it names, at the places it
// names, the same way for the same seed, and nothing where it has no place.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { MUTATION_CLASSES, mutantsOf, type MutationClass } from '../../scripts/mutants/mutationClasses';
import { humanEvalProgram } from '../../scripts/mutants/programSources';
import { tokenize } from '../../scripts/mutants/pythonTokens';
import { seededRandom } from '../../scripts/mutants/seededRandom';
import { applyTypo, typoOf } from '../../scripts/mutants/typo';

const SAMPLE = fs.readFileSync(path.resolve(__dirname, '../../../test/fixtures/mutants/sample.py'), 'utf8');
const lines = SAMPLE.split('\n');
const at = (mutation: MutationClass, seed = 's') => mutantsOf(mutation, SAMPLE, seed);
const lineOfMutant = (mutation: MutationClass, index: number) => {
  const mutant = at(mutation)[index];
  return mutant.text.split('\n')[mutant.line - 1];
};

describe('mutation generator', () => {
  it('deletes each import statement, the whole line', () => {
    const mutants = at('missing-import');
    assert.deepStrictEqual(mutants.map((m) => [m.line, m.description]), [[1, "deleted 'import math'"], [2, "deleted 'from os import path'"]]);
    assert.strictEqual(mutants[0].text, lines.slice(1).join('\n'));
  });

  it('deletes one closing bracket at a time, never one inside a string or comment', () => {
    const mutants = at('unclosed-bracket');
    assert.deepStrictEqual(mutants.map((m) => m.line), [6, 9, 13, 17, 18, 19, 22, 22]);
    assert.strictEqual(lineOfMutant('unclosed-bracket', 6), 'show([1, 2, 3, scale=3)');
    for (const mutant of mutants) assert.strictEqual(mutant.text.length, SAMPLE.length - 1);
  });

  it("deletes the ':' that ends each block header", () => {
    assert.deepStrictEqual(at('missing-colon').map((m) => m.line), [5, 6, 9, 13, 15, 16]);
    assert.strictEqual(lineOfMutant('missing-colon', 3), 'def show(values, scale=2)');
  });

  it('moves one statement line: deeper than its sibling, half a level out, or its first level as a tab; never a block\'s first line', () => {
    const mutants = at('indentation');
    assert.deepStrictEqual(mutants.map((m) => [m.line, m.description]), [[2, 'line over-indented'], [5, 'line over-indented'], [9, 'line under-indented'], [15, 'line tab-indented'], [18, 'line tab-indented'], [19, 'line under-indented']]);
    assert.deepStrictEqual(mutants.map((m) => m.text.split('\n')[m.line - 1]), ['    from os import path', '    class Box:', '  def area(self):', '\tfor value in values:', '\tprint("total", total)', '  return sorted(values, reverse=True)']);
  });

  it('drops one quote of a one-line string; the quotes in a comment are left alone', () => {
    assert.deepStrictEqual(at('unterminated-string').map((m) => m.text.split('\n')[m.line - 1]), ['    print(total", total)']);
  });

  it("writes '==' as '=' only in an if, elif or while condition", () => {
    assert.deepStrictEqual(at('eq-swap').map((m) => m.text.split('\n')[m.line - 1]), ['        if value = 3:']);
  });

  it('misspells names where they are read, never where they are bound (def, parameters, assignment and loop targets)', () => {
    const mutants = at('name-typo');
    assert.deepStrictEqual([...new Set(mutants.map((m) => m.line))], [7, 10, 15, 16, 17, 18, 19, 22]);
    assert.ok(mutants.every((m) => /^'(\w+)' misspelt '(\w+)'$/.test(m.description)));
    assert.strictEqual(mutants[0].text.split('\n')[6], '        self.size = siz');
  });

  it('misspells attributes that are read, not assigned', () => {
    assert.deepStrictEqual(at('attribute-typo').map((m) => m.line), [10, 10, 17]);
    assert.strictEqual(lineOfMutant('attribute-typo', 2), '            total += math.flogr(value * scale)');
  });

  it("misspells a call's keyword argument, not a def's default", () => {
    assert.deepStrictEqual(at('keyword-typo').map((m) => m.line), [19, 22]);
    assert.strictEqual(lineOfMutant('keyword-typo', 1), 'show([1, 2, 3], sacle=3)');
  });

  it("drops 'self.' from an attribute read, not from an assignment", () => {
    assert.deepStrictEqual(at('missing-self').map((m) => m.text.split('\n')[m.line - 1]), ['        return size * self.size', '        return self.size * size']);
  });

  it('makes the same mutants for the same seed, and only where the code is editable', () => {
    for (const mutation of MUTATION_CLASSES) assert.deepStrictEqual(at(mutation, 'seed-a'), at(mutation, 'seed-a'), mutation);
    const end = SAMPLE.indexOf('class Box');
    for (const mutation of MUTATION_CLASSES) for (const mutant of mutantsOf(mutation, SAMPLE, 's', end)) assert.strictEqual(mutant.text.slice(-30), SAMPLE.slice(-30), mutation);
    assert.deepStrictEqual(mutantsOf('unclosed-bracket', SAMPLE, 's', end), []);
  });

  it('skips a program where a class has no place', () => {
    const plain = 'x = 1\nprint(x + 1)\n';
    for (const mutation of ['missing-import', 'missing-self', 'eq-swap', 'missing-colon', 'keyword-typo', 'unterminated-string', 'attribute-typo'] as const) {
      assert.deepStrictEqual(mutantsOf(mutation, plain, 's'), [], mutation);
    }
    assert.deepStrictEqual(mutantsOf('indentation', 'print(1)\n', 's'), []);
  });
});

describe('one-edit typos', () => {
  it('deletes, swaps or replaces one letter', () => {
    assert.strictEqual(applyTypo('value', 'deletion', () => 0), 'alue');
    assert.strictEqual(applyTypo('value', 'transposition', () => 0.99), 'valeu');
    assert.strictEqual(applyTypo('value', 'substitution', () => 0), 'aalue');
  });

  it('never lands on a name the program uses, a keyword or a builtin', () => {
    const random = seededRandom('typos');
    for (let i = 0; i < 200; i++) {
      const typo = typoOf('lens', new Set(['len', 'lns']), random);
      assert.ok(typo !== undefined && !['len', 'lns', 'lens'].includes(typo), String(typo));
    }
    assert.strictEqual(typoOf('ab', new Set(['a', 'b', 'ba', 'aa', 'bb', ...'abcdefghijklmnopqrstuvwxyz'.split('').flatMap((c) => [`${c}b`, `a${c}`])]), seededRandom('x')), undefined);
  });
});

describe('mutation lexer and programs', () => {
  it('reads a string with escaped quotes and a comment as one token each', () => {
    const { tokens } = tokenize('s = "a \\" b" # c "d"\nt = 1\n');
    assert.deepStrictEqual(tokens.map((t) => [t.kind, t.text]), [['name', 's'], ['op', '='], ['string', '"a \\" b"'], ['comment', '# c "d"'], ['name', 't'], ['op', '='], ['number', '1']]);
  });

  it("lays a HumanEvalFix task out as prompt, solution and tests, with a harness that is never mutated", () => {
    const program = humanEvalProgram({ task_id: 'T/0', prompt: 'def f(x):\n', canonical_solution: '    return x + 1\n', test: '\ndef check(candidate):\n    assert candidate(1) == 2\n\ncheck(f)\n', entry_point: 'f' });
    assert.strictEqual(program.text.slice(0, program.editableEnd), 'def f(x):\n    return x + 1\n\n\n\ndef check(candidate):\n    assert candidate(1) == 2\n');
    assert.ok(program.text.slice(program.editableEnd).includes('check(_shown)\nprint(\'checks passed\')\n'));
  });
});
