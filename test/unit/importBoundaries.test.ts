// Holds every folder of src/ to the import rules of importRules.ts, so the boundaries cannot rot:
// core knows nothing of its surroundings and its subjects form layers, the editor and the panel meet
// only in the shared contract, and browser code and activation load nothing they must not.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { foldersWithoutRule, importsOf, ruleCycle, violationsOf } from './importGraph';
import { CORE_SUBJECTS, RULES, type AreaRule } from './importRules';

const SRC = path.resolve(__dirname, '../../../src');

/** Every TypeScript file of src/, as a POSIX path relative to src/. */
function sourceFiles(): string[] {
  return fs
    .readdirSync(SRC, { recursive: true })
    .map((file) => String(file).split(path.sep).join('/'))
    .filter((file) => file.endsWith('.ts'))
    .sort();
}

describe('import boundaries of src/', function () {
  this.timeout(20_000); // parses every file of src/; the machine may be shared
  it('reads each kind of import, and how it is used', () => {
    const source = [
      `// import * as vscode from 'vscode' in a comment is not an import`,
      `import type { A } from './a';`,
      `import { type B, type C } from './b';`,
      `import { D, type E } from './d';`,
      `import * as F from 'dockerode';`,
      `import './sideEffect';`,
      `export type { G } from '../g';`,
      `export { H } from '../h';`,
      `export * from '../star';`,
      `const x = require("openai");`,
      `const y = () => import('../edge');`,
      `let z: import('fs').Stats;`,
      `const text = "import { W } from 'vscode'";`,
    ].join('\n');
    assert.deepStrictEqual(importsOf('x.ts', source), [
      { target: './a', use: 'type' },
      { target: './b', use: 'type' },
      { target: './d', use: 'value' },
      { target: 'dockerode', use: 'value' },
      { target: './sideEffect', use: 'value' },
      { target: '../g', use: 'type' },
      { target: '../h', use: 'value' },
      { target: '../star', use: 'value' },
      { target: 'openai', use: 'value' },
      { target: '../edge', use: 'lazy' },
      { target: 'fs', use: 'type' },
    ]);
  });

  it('reports each import a rule forbids, with the file and the target', () => {
    const offenders = [
      violationsOf('core/heal/healFile.ts', `import * as vscode from 'vscode';\nimport { DockerSandbox } from '../../sandbox/dockerSandbox';\nimport type { Fix } from '../fixes/fixTypes';\nimport * as fs from 'fs';`, RULES),
      violationsOf('core/run/runTypes.ts', `import type { PythonError } from '../errors/pythonError';`, RULES),
      violationsOf('webview/attemptsPanel.ts', `import { COMMANDS } from '../vscode/commandIds';\nimport { COMMANDS as C } from '../contract/editorPanelContract';`, RULES),
      violationsOf('vscode/panelSink.ts', `import type { AttemptsPanel } from '../webview/attemptsPanel';`, RULES),
      violationsOf('vscode/runnerProvider.ts', `import { DockerSandbox } from '../sandbox/dockerSandbox';\nimport { OpenAIFixer } from '../edge';\nconst edge = import('../edge');`, RULES),
      violationsOf('webview-ui/render.ts', `import { errorsOfRun } from '../core/errors/runErrors';\nimport { isHostMessage } from '../webview/protocol';\nimport * as path from 'path';`, RULES),
      violationsOf('contract/editorPanelContract.ts', `import { ledgerOf } from '../core/heal/ledger';`, RULES),
      violationsOf('cli/runCommand.ts', `import { panelSink } from '../vscode/panelSink';\nimport { x } from '../../test/support/tempDir';`, RULES),
    ].flat();
    assert.deepStrictEqual(offenders, [
      'src/core/heal/healFile.ts imports vscode: core/heal may not import the package vscode',
      'src/core/heal/healFile.ts imports ../../sandbox/dockerSandbox: core/heal may not import sandbox',
      'src/core/run/runTypes.ts imports ../errors/pythonError: core/run may not import core/errors',
      'src/webview/attemptsPanel.ts imports ../vscode/commandIds: webview may not import vscode',
      'src/vscode/panelSink.ts imports ../webview/attemptsPanel: vscode may not import webview',
      'src/vscode/runnerProvider.ts imports ../sandbox/dockerSandbox: vscode may import sandbox only as type',
      'src/vscode/runnerProvider.ts imports ../edge: vscode may import edge.ts only as type or import()',
      'src/webview-ui/render.ts imports ../core/errors/runErrors: webview-ui may import core/errors only as type',
      'src/webview-ui/render.ts imports path: webview-ui may not import the package path',
      'src/contract/editorPanelContract.ts imports ../core/heal/ledger: contract may import core/heal only as type',
      'src/cli/runCommand.ts imports ../vscode/panelSink: cli may not import vscode',
      'src/cli/runCommand.ts imports ../../test/support/tempDir: no rule covers ../test/support/tempDir',
    ]);
  });

  it('src/ keeps every rule', () => {
    const files = sourceFiles();
    assert.ok(files.length >= 150, `expected the files of src/, found ${files.length}`);
    const offenders = files.flatMap((file) => violationsOf(file, fs.readFileSync(path.join(SRC, file), 'utf8'), RULES));
    assert.deepStrictEqual(offenders, []);
  });

  it('every folder of src/ has a rule, and every rule a folder or file', () => {
    assert.deepStrictEqual(foldersWithoutRule(['core/run/runTypes.ts', 'core/cache/store.ts', 'tools.ts', 'extension.ts'], RULES), ['core/cache', 'tools.ts']);
    const files = sourceFiles();
    assert.deepStrictEqual(foldersWithoutRule(files, RULES), []);
    const named = new Set([...Object.keys(RULES), ...Object.values(RULES).flatMap((rule) => Object.keys(rule.areas))]);
    const stale = [...named].filter((area) => !files.some((file) => file === area || path.posix.dirname(file) === area));
    assert.deepStrictEqual(stale, []);
    assert.deepStrictEqual(
      Object.keys(RULES).filter((area) => area.startsWith('core/')),
      CORE_SUBJECTS.map((subject) => `core/${subject}`),
    );
  });

  it('no two areas may import each other, even through others', () => {
    const looped: Record<string, AreaRule> = { ...RULES, 'core/run': { areas: { 'core/heal': 'type' }, packages: [] } };
    assert.deepStrictEqual(ruleCycle(looped), ['core/run', 'core/heal', 'core/environment', 'core/files', 'core/run']);
    assert.strictEqual(ruleCycle(RULES), undefined);
  });
});
