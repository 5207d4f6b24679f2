// Benchmark (not a test): a 200-file `self-heal run` with one engine and with two, side by side in
// one process, interleaved round by round so machine noise falls on both alike. The first engine is
// DOCKER_HOST's; the second is a Podman service of its own started here (the same image store) and
// stopped by its PID. Prints wall time, throughput, how the files were spread and the ratio.
// On one machine both engines share its CPUs: the figure shows what spreading costs or gains there;
// on two machines the second engine brings its own CPUs (docs/scaling.md).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startPodmanService } from '../test/sandbox/engineFixtures';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const IMAGE = process.env.SELF_HEAL_TEST_IMAGE ?? 'python:3.11-slim';
const FILES = Number(process.env.SELF_HEAL_BENCH_FILES ?? 200);
const ROUNDS = Number(process.env.SELF_HEAL_BENCH_ROUNDS ?? 3);

/** Small programs of three kinds: a print, some arithmetic for a few tens of ms, an error. */
function writePrograms(folder: string): void {
  for (let i = 0; i < FILES; i++) {
    const kind = i % 3;
    const code =
      kind === 0 ? `print("program ${i}")\n` : kind === 1 ? `total = sum(n * n for n in range(${200_000 + i * 100}))\nprint(total % 1000)\n` : `values = [1, 2, 3]\nprint(values[${3 + (i % 5)}])\n`;
    fs.writeFileSync(path.join(folder, `p${String(i).padStart(3, '0')}.py`), code);
  }
}

interface Round {
  seconds: number;
  byEngine: Map<string, number>;
}

function runAll(folder: string, hosts: string[], parallel: number): Round {
  const files = fs.readdirSync(folder).filter((name) => name.endsWith('.py')).sort();
  const args = [CLI, 'run', ...files, '--json', '--image', IMAGE, '--parallel', String(parallel), ...hosts.flatMap((host) => ['--docker-host', host])];
  const started = process.hrtime.bigint();
  const done = spawnSync(process.execPath, args, { cwd: folder, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!done.stdout.startsWith('{')) throw new Error(`no report: ${done.stderr}`);
  const report = JSON.parse(done.stdout) as { files: Array<{ engine: { host?: string }; engineError: unknown }> };
  const failed = report.files.filter((file) => file.engineError);
  if (report.files.length !== FILES || failed.length > 0) throw new Error(`${failed.length} engine errors of ${report.files.length}: ${JSON.stringify(failed[0])}`);
  const byEngine = new Map<string, number>();
  for (const file of report.files) byEngine.set(file.engine.host ?? '?', (byEngine.get(file.engine.host ?? '?') ?? 0) + 1);
  return { seconds, byEngine };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const first = process.env.DOCKER_HOST;
  if (!first) throw new Error('DOCKER_HOST must name the first engine (npm run bench:engines starts one)');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'self-heal-bench-engines-'));
  const second = await startPodmanService();
  try {
    writePrograms(folder);
    const one: Round[] = [];
    const oneAtFour: Round[] = [];
    const two: Round[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      one.push(runAll(folder, [first], 2));
      // The same four at once on one engine: what the second engine adds apart from the parallelism.
      oneAtFour.push(runAll(folder, [first], 4));
      two.push(runAll(folder, [first, second.host], 4));
      console.log(`round ${round}: one engine ${one[round - 1].seconds.toFixed(1)} s, one engine at 4 ${oneAtFour[round - 1].seconds.toFixed(1)} s, two engines ${two[round - 1].seconds.toFixed(1)} s`);
    }
    const oneSeconds = median(one.map((r) => r.seconds));
    const oneAtFourSeconds = median(oneAtFour.map((r) => r.seconds));
    const twoSeconds = median(two.map((r) => r.seconds));
    const spread = [...two[two.length - 1].byEngine.values()].join(' + ');
    console.log(`\n${FILES} files, ${ROUNDS} rounds interleaved, image ${IMAGE}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
    console.log('| engines | --parallel | median wall time | files/s | files per engine (last round) |');
    console.log('|---|---|---|---|---|');
    console.log(`| 1 | 2 | ${oneSeconds.toFixed(1)} s | ${(FILES / oneSeconds).toFixed(1)} | ${FILES} |`);
    console.log(`| 1 | 4 | ${oneAtFourSeconds.toFixed(1)} s | ${(FILES / oneAtFourSeconds).toFixed(1)} | ${FILES} |`);
    console.log(`| 2 | 4 | ${twoSeconds.toFixed(1)} s | ${(FILES / twoSeconds).toFixed(1)} | ${spread} |`);
    console.log(`\ntwo engines / one engine, wall time: ${(twoSeconds / oneSeconds).toFixed(2)}x at the default --parallel, ${(twoSeconds / oneAtFourSeconds).toFixed(2)}x at --parallel 4 on both`);
  } finally {
    await second.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
