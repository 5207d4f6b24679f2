// docs/architecture.md is the map of the code: a file it names must exist, and every folder of src/
// must be on it. A rename that forgets the map fails here instead of leaving a stale line.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');
const MAP = fs.readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
const SEARCHED = ['src', 'test', 'scripts', 'media', 'examples', 'docs'];

function filesUnder(folder: string): string[] {
  return fs.readdirSync(path.join(ROOT, folder), { recursive: true }).map((f) => path.join(folder, String(f)).split(path.sep).join('/'));
}

/** Source, script and doc names the map mentions (`name.ts` or `folder/name.ts`); build output and users' file names (`main.py`) are not ours to check. */
export function namedFiles(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/(?<![\w/.-])((?:[\w.-]+\/)*[\w-]+\.(?:ts|sh|css|md))\b/g)) found.add(match[1]);
  return [...found];
}

/** True when `named` is a path suffix of one of `files` (a bare name matches that name in any folder). */
export function exists(named: string, files: readonly string[]): boolean {
  return files.some((file) => file === named || file.endsWith(`/${named}`));
}

describe('docs/architecture.md', () => {
  const files = [...SEARCHED.flatMap(filesUnder), ...fs.readdirSync(ROOT)];

  it('finds the names it checks, and tells a missing one', () => {
    assert.deepStrictEqual(namedFiles('see `core/run/runTypes.ts` and launcher.ts, not www.example.com'), ['core/run/runTypes.ts', 'launcher.ts']);
    assert.strictEqual(exists('core/run/runTypes.ts', ['src/core/run/runTypes.ts']), true);
    assert.strictEqual(exists('core/runTypes.ts', ['src/core/run/runTypes.ts']), false);
  });

  it('names only files that exist', () => {
    const missing = namedFiles(MAP).filter((named) => !exists(named, files));
    assert.deepStrictEqual(missing, []);
  });

  it('has every folder of src/ on its layout', () => {
    const folders = filesUnder('src').filter((f) => fs.statSync(path.join(ROOT, f)).isDirectory());
    const unnamed = folders.filter((folder) => {
      const inCore = folder.startsWith('src/core/');
      return !MAP.includes(inCore ? `  ${path.basename(folder)}/` : `${folder}/`) && !MAP.includes(`${path.basename(folder)}/ (`);
    });
    assert.deepStrictEqual(unnamed, []);
  });
});
