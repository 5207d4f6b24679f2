// Benchmark (not a test): the production bundle's size, and activation time in the real extension
// host (code-server): loading the bundle + activate(), and activate() alone. Budget: activate()
// under 50 ms, bundle under 1.5 MB minified.
import * as fs from 'fs';
import * as path from 'path';
import { REPO, runTestsModule } from '../test/support/codeServer';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

async function main(): Promise<void> {
  const size = (file: string) => fs.statSync(path.join(REPO, 'dist', file)).size / 1024 / 1024;
  const totals: number[] = [];
  const activates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await runTestsModule(
      path.join(REPO, 'out/test/integration/activationProbe.js'),
      { fixtureWorkspace: path.join(REPO, 'test/fixtures/workspace'), trusted: true },
      (line) => {
        const match = /^activation-probe (\S+) (\S+)/.exec(line);
        if (match) {
          totals.push(Number(match[1]));
          activates.push(Number(match[2]));
        }
      },
      120_000,
    );
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const [extension, sandbox] = [size('extension.js'), size('edge.js')];
  console.log(`bundles: dist/extension.js ${extension.toFixed(3)} MB (loaded at activation), dist/edge.js ${sandbox.toFixed(3)} MB (engine and model clients, loaded on first use); together ${(extension + sandbox).toFixed(2)} MB (budget 1.5 MB)`);
  console.log(`activation, ${totals.length} fresh hosts: load+activate p50 ${median(totals).toFixed(1)} ms (all: ${totals.map((t) => t.toFixed(1)).join(', ')})`);
  console.log(`activate() alone p50 ${median(activates).toFixed(2)} ms (budget 50 ms)`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
