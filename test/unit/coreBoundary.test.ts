// Holds the architecture's one import rule: src/core knows nothing of its surroundings.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const CORE = path.resolve(__dirname, '../../../src/core');
const FORBIDDEN = /^(vscode|dockerode|openai)(\/|$)|^\.\.\/(sandbox|vscode|llm|cli|local|webview)\b/;

function importsOf(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push(match[1] ?? match[2] ?? match[3]);
  }
  return found;
}

describe('src/core boundary', () => {
  it('finds the import statements it checks', () => {
    assert.deepStrictEqual(importsOf(`import type { A } from './a';\nconst x = require("dockerode");\nexport { y } from '../sandbox/z';`), [
      './a',
      'dockerode',
      '../sandbox/z',
    ]);
  });

  it('imports neither vscode, dockerode, openai nor any edge folder', () => {
    const files = fs.readdirSync(CORE, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length >= 5, `expected core files, found ${files.length}`);
    const offenders = files.flatMap((file) =>
      importsOf(fs.readFileSync(path.join(CORE, file), 'utf8'))
        .filter((target) => FORBIDDEN.test(target))
        .map((target) => `${file} imports ${target}`),
    );
    assert.deepStrictEqual(offenders, []);
  });
});
