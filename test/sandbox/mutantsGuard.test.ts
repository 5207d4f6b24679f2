// A fixed, seeded sample of the mutants benchmark (npm run bench:mutants) on HumanEvalFix's canonical
// solutions: whatever the rules heal, no heal may change what the program does (a wrong heal), and no
// file may come back changed when it was not healed. The heal rate itself is the benchmark's business.
import * as assert from 'assert';
import * as path from 'path';
import type { MutantResult } from '../../scripts/mutants/judgeMutant';
import { humanEvalPrograms } from '../../scripts/mutants/programSources';
import { figuresOf } from '../../scripts/mutants/report';
import { runSource } from '../../scripts/mutants/runSource';
import { limits, shared } from './sandboxHelper';

const DATASET = path.resolve(__dirname, '../../../../shared/data/humanevalfix/humanevalpack_python.jsonl');

describe('rule heals on mutants of real code (a fixed sample)', function () {
  // About 20 heals: well under a minute on a quiet machine; a loaded one can take several.
  this.timeout(10 * 60_000);

  it('makes no wrong heal and changes no file it does not heal', async () => {
    const results: MutantResult[] = await runSource(shared, limits({ timeoutMs: 10_000 }), humanEvalPrograms(DATASET), { seed: 'guard-1', perClass: 2, perProgram: 1, triesPerProgram: 2 });
    const figures = figuresOf(results);
    const bad = results.filter((r) => r.verdict === 'wrong' || r.verdict === 'changed-without-heal' || r.verdict === 'engine-error');
    assert.deepStrictEqual(bad.map((r) => `${r.verdict}: ${r.program.name}:${r.mutant.line} ${r.mutant.description}: ${r.difference ?? r.record.stopReason}`), []);
    assert.strictEqual(figures.wrong + figures.changedWithoutHeal, 0);
    // Nine classes have places in HumanEvalFix (no method uses self.): two failing mutants each.
    assert.strictEqual(figures.mutants, 18);
  });
});
