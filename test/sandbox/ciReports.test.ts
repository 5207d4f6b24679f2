// The CI flags as a CI job uses them: the bundled CLI on a small repository, the real engine, and the
// SARIF, Markdown and JUnit files it writes read back (SARIF checked against the official schema).
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { makeTree, removeTree } from '../support/tempDir';
import { sarifSchemaErrors } from '../support/sarifSchema';
import { cli } from './cliProcess';
import { TEST_IMAGE } from './sandboxHelper';
import { CALC_WITH_BUG, PYTEST_IMAGE } from './testSuiteProjects';

const SETTINGS = '"""Prints the settings as JSON."""\nsettings = {"debug": False}\nprint(json.dumps(settings))\n';
const HOSTILE = 'import sys\nprint("</details><img src=x onerror=alert(1)>", file=sys.stderr)\nraise ValueError("</details><img src=x>")\n';
const common = ['--image', TEST_IMAGE, '--timeout', '10'];
const noModel = { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' };

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations?: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number } } }>;
  fixes?: Array<{ description: { text: string }; artifactChanges: Array<{ artifactLocation: { uri: string }; replacements: unknown[] }> }>;
}
interface SarifRead {
  runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string }> } }; originalUriBaseIds: { SRCROOT: { uri: string } }; results: SarifResult[] }>;
}

function git(root: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: root, stdio: 'ignore' });
}

describe('CI reports: --sarif, --summary, --junit, --changed-since', function () {
  this.timeout(180_000);
  let repo: string;
  const read = (name: string): string => fs.readFileSync(path.join(repo, name), 'utf8');
  const sarif = (name: string): SarifRead => JSON.parse(read(name)) as SarifRead;

  beforeEach(() => {
    repo = makeTree({ 'app/settings.py': SETTINGS, 'app/hostile.py': HOSTILE, 'app/ok.py': 'print("ok")\n', ...Object.fromEntries(Object.entries(CALC_WITH_BUG).map(([k, v]) => [`calc/${k}`, v])) });
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
  });
  afterEach(() => removeTree(repo));

  it('heal DIR writes valid SARIF with the verified fix and an escaped Markdown summary', async () => {
    const run = await cli(['heal', 'app', '--no-llm', '--sarif', 'out/heal.sarif', '--summary', 'summary.md', ...common], { cwd: repo, env: noModel, onStart: () => fs.mkdirSync(path.join(repo, 'out')) });
    assert.strictEqual(run.status, 1, run.stderr);
    const log = sarif('out/heal.sarif');
    assert.deepStrictEqual(sarifSchemaErrors(log), []);
    const [only] = log.runs;
    assert.strictEqual(only.tool.driver.name, 'Self-Heal');
    assert.strictEqual(only.originalUriBaseIds.SRCROOT.uri, `file://${fs.realpathSync(repo)}/`);
    assert.deepStrictEqual(only.tool.driver.rules.map((rule) => rule.id), ['NameError', 'ValueError']);
    const byRule = new Map(only.results.map((result) => [result.ruleId, result]));
    const named = byRule.get('NameError');
    assert.deepStrictEqual(named?.locations, [{ physicalLocation: { artifactLocation: { uri: 'app/settings.py', uriBaseId: 'SRCROOT' }, region: { startLine: 3, startColumn: 7, endLine: 3, endColumn: 11 } } }]);
    assert.deepStrictEqual(named?.fixes?.[0].artifactChanges, [{
      artifactLocation: { uri: 'app/settings.py', uriBaseId: 'SRCROOT' },
      replacements: [{ deletedRegion: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 1 }, insertedContent: { text: 'import json\n' } }],
    }]);
    const value = byRule.get('ValueError');
    assert.strictEqual(value?.message.text, 'ValueError: </details><img src=x>');
    assert.strictEqual(value?.fixes, undefined);
    assert.strictEqual(value?.locations?.[0].physicalLocation.region?.startLine, 3);
    const summary = read('summary.md');
    assert.ok(!summary.includes('<img'), summary);
    assert.ok(summary.includes('| app/hostile.py:3 | ValueError: &#60;/details&#62;&#60;img src=x&#62; | not fixed |'), summary);
    assert.ok(summary.startsWith('## Self-Heal heal\n\n3 files: 2 passed, 1 failed; 2 errors, 1 with a verified fix\n'), summary);
    assert.ok(summary.includes('\n+import json\n'), summary);
  });

  it('test writes JUnit, SARIF with the failing test where it failed, and the summary', async () => {
    const run = await cli(['test', '--image', PYTEST_IMAGE, '--junit', '../junit.xml', '--sarif', '../test.sarif', '--summary', '../summary.md'], { cwd: path.join(repo, 'calc') });
    assert.strictEqual(run.status, 1, run.stderr);
    const log = sarif('test.sarif');
    assert.deepStrictEqual(sarifSchemaErrors(log), []);
    assert.deepStrictEqual(log.runs[0].results.map((result) => [result.ruleId, result.message.text, result.locations?.[0].physicalLocation.artifactLocation.uri, result.locations?.[0].physicalLocation.region?.startLine]), [
      ['AssertionError', 'AssertionError: assert 5 == 4\n +  where 5 = add(2, 2)', 'calc/tests/test_calc.py', 6],
    ]);
    assert.match(read('junit.xml'), /<testsuite name="self-heal" tests="3" failures="1" errors="0" skipped="0" time="[\d.]+">/);
    assert.ok(read('summary.md').startsWith('## Self-Heal test\n\n3 tests: 2 passed, 1 failed; 1 error, 0 with a verified fix\n'), read('summary.md'));
  });

  it('--changed-since runs only the changed files and their importers, and a bad ref is a usage error', async () => {
    fs.writeFileSync(path.join(repo, 'app/ok.py'), 'print("still ok")\n');
    const run = await cli(['run', 'app', '--changed-since', 'main', '--sarif', 'run.sarif', ...common], { cwd: repo });
    assert.strictEqual(run.status, 0, run.stderr);
    assert.ok(run.stderr.includes('self-heal: changed since main: 1 of 3 files changed or import a changed file\n'), run.stderr);
    assert.strictEqual(run.stdout, 'still ok\n');
    assert.deepStrictEqual(sarif('run.sarif').runs[0].results, []);
    const bad = await cli(['run', 'app', '--changed-since', 'nope', ...common], { cwd: repo });
    assert.strictEqual(bad.status, 2);
    assert.strictEqual(bad.stderr, 'self-heal: --changed-since nope: no such commit, branch or tag in this repository (a shallow clone needs fetch-depth: 0) (see "self-heal run --help")\n');
  });
});
