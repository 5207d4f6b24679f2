// Several readings of a syntax or indentation slip, healed through the real engine: the compile
// check drops readings that cannot compile, and the first reading left is the one the program meant.
import * as assert from 'assert';
import { healFile } from '../../src/core/heal/healFile';
import { compiles } from '../../src/core/heal/compileCheck';
import { compilingCandidates } from '../../src/core/heal/fixesToTry';
import { startSession } from '../../src/core/heal/healSession';
import type { FixCandidate } from '../../src/core/fixes/fixTypes';
import { limits, shared } from './sandboxHelper';

async function heal(source: string): Promise<{ outcome: string; healed: string | undefined; fixes: string[]; stdout: string }> {
  const record = await healFile({ files: { 'main.py': source }, entry: 'main.py' }, { runner: shared, limits: limits() });
  const healed = record.changedFiles['main.py'];
  // What the healed program prints, from a run of its own.
  const stdout = healed === undefined ? '' : (await shared.run({ files: { 'main.py': healed }, entry: 'main.py', limits: limits() })).stdout;
  return { outcome: record.outcome, healed, fixes: record.attempts.map((a) => a.fix?.description ?? ''), stdout };
}

describe('sandbox: readings of a syntax slip, best first', function () {
  this.timeout(120_000);

  it('tells which texts compile, without running any of them', async () => {
    const answers = await compiles([
      { file: 'a.py', text: 'x = 1\n' },
      { file: 'b.py', text: 'x = (\n' },
      { file: 'c.py', text: 'import sys\nprint("compiled-0 1")\nsys.exit(3)\n' },
      { file: 'd.py', text: 'def f():\n\treturn 1\n        pass\n' },
    ], { runner: shared, limits: limits() });
    assert.deepStrictEqual(answers, [true, false, true, false]);
  });

  it('keeps, in order, the candidates whose edited files compile', async () => {
    const source = 'def area(w, h:\n    return w * h\n';
    const insert = (description: string, line: number, column: number, text: string): FixCandidate => ({
      source: 'rule:unclosed-bracket', description, confident: false, edits: [{ file: 'main.py', startLine: line, startColumn: column, endLine: line, endColumn: column, newText: text }],
    });
    const session = startSession({ files: { 'main.py': source }, entry: 'main.py' }, { runner: shared, limits: limits() }, 3);
    const candidates = [insert('after the colon', 1, 15, ')'), insert('before the colon', 1, 14, ')'), insert('after h', 1, 13, '):')];
    const kept = await compilingCandidates(session, candidates);
    assert.deepStrictEqual(kept.map((c) => c.description), ['before the colon']);
  });

  it('closes a string before the comma, keeping the name after it as code', async () => {
    const result = await heal('optimal_value, optimal_solution = 7, [1, 2]\nprint("optimal_value = , optimal_solution)\n');
    assert.deepStrictEqual(result, {
      outcome: 'healed', healed: 'optimal_value, optimal_solution = 7, [1, 2]\nprint("optimal_value = ", optimal_solution)\n',
      fixes: ["Close the string before ','"], stdout: 'optimal_value =  [1, 2]\n',
    });
  });

  it('closes `"__main__` before the header colon', async () => {
    const result = await heal('def main():\n    print("main")\n\nif __name__ == "__main__:\n    main()\n');
    assert.deepStrictEqual([result.outcome, result.fixes, result.stdout], ['healed', ["Close the string before ':'"], 'main\n']);
  });

  it('closes the string and the call it was in, where closing the string alone would leave the call open', async () => {
    const result = await heal('def foo(text):\n    return text.upper()\n\nprint(foo("hello, world)\n');
    assert.deepStrictEqual([result.outcome, result.healed, result.fixes], ['healed', 'def foo(text):\n    return text.upper()\n\nprint(foo("hello, world"))\n', ['Close the string and its brackets']]);
  });

  it("puts a ')' lost in a multi-line signature back before '->'", async () => {
    const result = await heal('def add(a,\n        b -> int:\n    return a + b\n\nprint(add(2, 3))\n');
    assert.deepStrictEqual([result.outcome, result.healed, result.stdout], ['healed', 'def add(a,\n        b) -> int:\n    return a + b\n\nprint(add(2, 3))\n', '5\n']);
  });

  it('moves an over-indented loop header back alone, its whole body staying under it', async () => {
    const result = await heal('def total(xs):\n    s = 0\n        for x in xs:\n        s += x\n        s += 1\n    return s\n\nprint(total([1, 2]))\n');
    assert.deepStrictEqual([result.outcome, result.fixes, result.stdout], ['healed', ['Remove the unexpected indent of the header on line 3'], '5\n']);
  });

  it('reads a tab as 8 columns where the neighbouring lines say 8', async () => {
    const result = await heal('def f(x):\n    if x:\n        a = 1\n\ta += 1\n    return a\n\nprint(f(True))\n');
    assert.deepStrictEqual([result.outcome, result.fixes, result.stdout], ['healed', ['Replace tabs with spaces (a tab as 8 columns)'], '2\n']);
  });
});
