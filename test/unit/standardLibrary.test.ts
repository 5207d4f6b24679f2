import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { inflateRawSync } from 'zlib';
import { tableText, type InterpreterMembers } from '../../scripts/stdlibTableText';
import { nearestVersion, standardLibrary } from '../../src/core/fixes/standardLibrary';
import { STDLIB_PACKED, STDLIB_VERSIONS } from '../../src/core/fixes/stdlibTable';

const STORED = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'stdlib');

describe('the standard library table', () => {
  it('is what the generator makes of the stored interpreter reports', () => {
    const interpreters = fs.readdirSync(STORED).map((name) => JSON.parse(fs.readFileSync(path.join(STORED, name), 'utf8')) as InterpreterMembers);
    const { versions, text } = tableText(interpreters);
    assert.deepStrictEqual(versions, ['3.9', '3.11']);
    assert.deepStrictEqual(STDLIB_VERSIONS, versions);
    assert.strictEqual(inflateRawSync(Buffer.from(STDLIB_PACKED, 'base64')).toString('utf8'), text);
  });

  it('lists modules and names sorted, marking only what differs between versions', () => {
    const text = inflateRawSync(Buffer.from(STDLIB_PACKED, 'base64')).toString('utf8');
    const lines = text.split('\n');
    const modules = lines.map((line) => line.split(' ')[0].split('@')[0]);
    assert.deepStrictEqual(modules, [...modules].sort((a, b) => (a < b ? -1 : 1)));
    for (const line of lines) {
      const names = line.split(' ').slice(1).map((entry) => entry.split('@')[0]);
      assert.deepStrictEqual(names, [...names].sort((a, b) => (a < b ? -1 : 1)), line.slice(0, 40));
      assert.ok(names.every((name) => /^[A-Za-z]\w*$/.test(name)), line.slice(0, 40));
    }
    assert.ok(lines.includes(lines.find((line) => line.startsWith('tomllib@3.11 ')) as string));
  });

  it('knows the modules and members programs use, per version', () => {
    const py311 = standardLibrary('3.11');
    const py39 = standardLibrary('3.9');
    for (const [module, name] of [['statistics', 'mean'], ['string', 'ascii_uppercase'], ['math', 'sqrt'], ['collections', 'Counter'], ['itertools', 'accumulate'], ['doctest', 'testmod']]) {
      assert.ok(py311.members.get(module)?.has(name), `${module}.${name} in 3.11`);
      assert.ok(py39.members.get(module)?.has(name), `${module}.${name} in 3.9`);
    }
    assert.strictEqual(py311.members.has('tomllib'), true);
    assert.strictEqual(py39.members.has('tomllib'), false);
    assert.strictEqual(py311.members.get('itertools')?.has('pairwise'), true);
    assert.strictEqual(py39.members.get('itertools')?.has('pairwise'), false);
    assert.deepStrictEqual(py311.exporters.get('sqrt'), ['cmath', 'math']);
    assert.deepStrictEqual(py311.exporters.get('mean'), ['statistics']);
  });

  it('reads a version without an interpreter here from the nearest one, the older on a tie', () => {
    assert.deepStrictEqual(['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', 'x'].map(nearestVersion), ['3.9', '3.9', '3.9', '3.11', '3.11', '3.11', '3.11']);
  });
});
