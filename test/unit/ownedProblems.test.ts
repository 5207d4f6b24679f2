import * as assert from 'assert';
import { editTouches, OWNERS_REMEMBERED, OwnedProblems, ownerOf, replaces, SNAPSHOTS_PER_OWNER, type OwnedProblem } from '../../src/core/errors/ownedProblems';

const A = ownerOf('/ws', 'a.py');
const B = ownerOf('/ws', 'b.py');
const TEXT_A = 'names = 1\nprint(nmes)\n';
const FIXED_A = 'names = 1\nprint(names)\n';

/** A problem whose payload is its message. */
function problem(owner: string, batch: string, file: string, line: number, message: string, seenText?: string): OwnedProblem<string> {
  return { owner, batch, file, startLine: line, endLine: line, seenText, payload: message };
}

function shown(problems: OwnedProblems<string>, file: string): string[] {
  return problems.shownIn(file).map((p) => p.payload);
}

describe('owned problems', () => {
  it('names a target by its workspace folder and entry', () => {
    assert.notStrictEqual(ownerOf('/one', 'main.py'), ownerOf('/two', 'main.py'));
    assert.strictEqual(ownerOf('/one', 'main.py'), ownerOf('/one', 'main.py'));
  });

  it('a run replaces its own target\'s problems anywhere, and earlier runs\' in the files its error points into', () => {
    const run = { owner: A, batch: 'run-2', files: ['util.py'] };
    assert.strictEqual(replaces(run, { owner: A, batch: 'run-1', file: 'other.py' }), true);
    assert.strictEqual(replaces(run, { owner: B, batch: 'run-1', file: 'util.py' }), true);
    assert.strictEqual(replaces(run, { owner: B, batch: 'run-1', file: 'b.py' }), false);
    // Another target of the same workspace run keeps its problem in the same file.
    assert.strictEqual(replaces(run, { owner: B, batch: 'run-2', file: 'util.py' }), false);
  });

  it('an edit touches a problem when its lines overlap the problem\'s', () => {
    assert.strictEqual(editTouches([{ startLine: 1, endLine: 1 }], { startLine: 1, endLine: 1 }), true);
    assert.strictEqual(editTouches([{ startLine: 0, endLine: 3 }], { startLine: 2, endLine: 2 }), true);
    assert.strictEqual(editTouches([{ startLine: 0, endLine: 0 }], { startLine: 1, endLine: 1 }), false);
    assert.strictEqual(editTouches([{ startLine: 2, endLine: 4 }], { startLine: 1, endLine: 1 }), false);
  });

  it('running B after A keeps A\'s problem; a clean run of A clears A\'s only', () => {
    const problems = new OwnedProblems<string>((x, y) => x === y);
    assert.deepStrictEqual([...problems.record({ owner: A, batch: '1', files: ['a.py'] }, [problem(A, '1', 'a.py', 1, 'NameError')], new Map([['a.py', TEXT_A]]))], ['a.py']);
    assert.deepStrictEqual([...problems.record({ owner: B, batch: '2', files: ['b.py'] }, [problem(B, '2', 'b.py', 0, 'ZeroDivisionError')], new Map())], ['b.py']);
    assert.deepStrictEqual([shown(problems, 'a.py'), shown(problems, 'b.py')], [['NameError'], ['ZeroDivisionError']]);
    assert.deepStrictEqual([...problems.record({ owner: A, batch: '3', files: [] }, [], new Map())], ['a.py']);
    assert.deepStrictEqual([problems.files(), shown(problems, 'b.py')], [['b.py'], ['ZeroDivisionError']]);
  });

  it('the targets of one run keep their problems in a shared file; a later run pointing there replaces them', () => {
    const problems = new OwnedProblems<string>((x, y) => x === y);
    problems.record({ owner: A, batch: '1', files: ['util.py'] }, [problem(A, '1', 'util.py', 1, 'NameError')], new Map());
    problems.record({ owner: B, batch: '1', files: ['util.py'] }, [problem(B, '1', 'util.py', 4, 'KeyError')], new Map());
    assert.deepStrictEqual(shown(problems, 'util.py'), ['NameError', 'KeyError']);
    problems.record({ owner: B, batch: '2', files: ['util.py'] }, [problem(B, '2', 'util.py', 6, 'TypeError')], new Map());
    assert.deepStrictEqual(shown(problems, 'util.py'), ['TypeError']);
  });

  it('one problem shown twice (two targets, one line) is shown once, the newer kept', () => {
    const problems = new OwnedProblems<string>((x, y) => x === y);
    problems.record({ owner: A, batch: '1', files: ['util.py'] }, [problem(A, '1', 'util.py', 1, 'NameError')], new Map());
    problems.record({ owner: B, batch: '1', files: ['util.py'] }, [problem(B, '1', 'util.py', 1, 'NameError')], new Map());
    assert.deepStrictEqual(problems.shownIn('util.py').map((p) => p.owner), [B]);
  });

  it('an edit drops the problems on its lines; undo to the run\'s text brings them back, found in that text', () => {
    const problems = new OwnedProblems<string>((x, y) => x === y);
    const found = problem(A, '1', 'a.py', 1, 'NameError', TEXT_A);
    problems.record({ owner: A, batch: '1', files: ['a.py'] }, [found], new Map([['a.py', TEXT_A]]));
    assert.strictEqual(problems.dropEdited('a.py', [{ startLine: 0, endLine: 0 }]), false);
    assert.strictEqual(problems.dropEdited('a.py', [{ startLine: 1, endLine: 1 }]), true);
    assert.deepStrictEqual(shown(problems, 'a.py'), []);
    assert.deepStrictEqual(problems.textChanged('a.py', 'names = 1\nprint(nmes)  # x\n'), { changed: false, current: [] });
    const back = problems.textChanged('a.py', TEXT_A);
    assert.strictEqual(back.changed, true);
    assert.strictEqual(back.current[0], found);
    assert.deepStrictEqual(shown(problems, 'a.py'), ['NameError']);
    // Once back, the same text again changes nothing but still names it, so its version is renewed.
    assert.deepStrictEqual(problems.textChanged('a.py', TEXT_A), { changed: false, current: [found] });
  });

  it('undo of a quick fix brings the problem back, redo clears it again', () => {
    const problems = new OwnedProblems<string>((x, y) => x === y);
    problems.record({ owner: A, batch: '1', files: ['a.py'] }, [problem(A, '1', 'a.py', 1, 'NameError', TEXT_A)], new Map([['a.py', TEXT_A]]));
    problems.record({ owner: A, batch: 'fix-1', files: [], keepsHistory: true }, [], new Map([['a.py', FIXED_A]]));
    assert.deepStrictEqual(problems.files(), []);
    assert.strictEqual(problems.textChanged('a.py', TEXT_A).changed, true);
    assert.deepStrictEqual(shown(problems, 'a.py'), ['NameError']);
    assert.strictEqual(problems.textChanged('a.py', FIXED_A).changed, true);
    assert.deepStrictEqual(shown(problems, 'a.py'), []);
  });

  it('a later run of the target forgets what undo could have brought back', () => {
    const problems = new OwnedProblems<string>((x, y) => x === y);
    problems.record({ owner: A, batch: '1', files: ['a.py'] }, [problem(A, '1', 'a.py', 1, 'NameError', TEXT_A)], new Map([['a.py', TEXT_A]]));
    problems.dropEdited('a.py', [{ startLine: 1, endLine: 1 }]);
    problems.record({ owner: A, batch: '2', files: [] }, [], new Map());
    assert.strictEqual(problems.watches('a.py'), false);
    assert.deepStrictEqual(problems.textChanged('a.py', TEXT_A), { changed: false, current: [] });
  });

  it('another target\'s return to its text leaves the other targets\' problems in the file alone', () => {
    const problems = new OwnedProblems<string>((x, y) => x === y);
    problems.record({ owner: A, batch: '1', files: ['util.py'] }, [problem(A, '1', 'util.py', 1, 'NameError', 'u1')], new Map([['util.py', 'u1']]));
    problems.dropEdited('util.py', [{ startLine: 1, endLine: 1 }]);
    problems.record({ owner: B, batch: '2', files: ['util.py'] }, [problem(B, '2', 'util.py', 5, 'KeyError', 'u2')], new Map([['util.py', 'u2']]));
    problems.textChanged('util.py', 'u1');
    assert.deepStrictEqual(shown(problems, 'util.py'), ['KeyError', 'NameError']);
  });

  it('keeps a bounded memory: the latest snapshots per target, and the latest targets', () => {
    const problems = new OwnedProblems<string>((x, y) => x === y);
    problems.record({ owner: A, batch: '0', files: ['a.py'] }, [problem(A, '0', 'a.py', 1, 'first', 'text-0')], new Map([['a.py', 'text-0']]));
    for (let i = 1; i <= SNAPSHOTS_PER_OWNER; i++) problems.record({ owner: A, batch: `fix-${i}`, files: [], keepsHistory: true }, [], new Map([['a.py', `text-${i}`]]));
    assert.deepStrictEqual(problems.textChanged('a.py', 'text-0'), { changed: false, current: [] });
    assert.strictEqual(problems.watches('a.py'), true);
    for (let i = 0; i < OWNERS_REMEMBERED; i++) problems.record({ owner: ownerOf('/ws', `m${i}.py`), batch: `m${i}`, files: [] }, [], new Map([[`m${i}.py`, 'x']]));
    assert.deepStrictEqual([problems.watches('a.py'), problems.watches('m0.py'), problems.watches(`m${OWNERS_REMEMBERED - 1}.py`)], [false, true, true]);
  });
});
