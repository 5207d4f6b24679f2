import * as assert from 'assert';
import { applyEdits } from '../../src/core/fixes/fixTypes';
import { closestModule, editDistance, moduleTypo } from '../../src/core/fixes/moduleTypo';
import { ruleFixesFor } from '../../src/core/fixes/ruleFixers';
import type { PythonError } from '../../src/core/errors/pythonError';

function missing(module: string, line = 1, file = 'main.py'): PythonError {
  return {
    type: 'ModuleNotFoundError', message: `No module named '${module}'`, kind: 'module-not-found', file, line, column: 1,
    endLine: null, endColumn: null, suggestion: null, notes: [], frames: [], cause: null, context: null, exceptions: [],
  };
}

const fixesFor = (module: string, files: Record<string, string>, line = 1) => moduleTypo.propose(missing(module, line), files);

describe('module-typo rule', () => {
  it('respells a misspelt third-party import and names its distribution in requirements.txt in the same fix', () => {
    const files = { 'main.py': 'import reqeusts\n\nprint(requests.get("x"))\n' };
    assert.deepStrictEqual(ruleFixesFor(missing('reqeusts'), files), [{
      source: 'rule:module-typo',
      description: "Change 'reqeusts' to 'requests' and add 'requests' to requirements.txt",
      edits: [
        { file: 'main.py', startLine: 1, startColumn: 8, endLine: 1, endColumn: 16, newText: 'requests' },
        { file: 'requirements.txt', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1, newText: 'requests\n' },
      ],
      confident: true,
    }]);
    assert.strictEqual(applyEdits(files['main.py'], [ruleFixesFor(missing('reqeusts'), files)[0].edits[0]]), 'import requests\n\nprint(requests.get("x"))\n');
  });

  it('names the distribution when it differs from the module, and only respells when it is declared already', () => {
    assert.deepStrictEqual(fixesFor('yamll', { 'main.py': 'import yamll\n' }).map((f) => [f.description, f.edits.length]), [["Change 'yamll' to 'yaml' and add 'PyYAML' to requirements.txt", 2]]);
    const declared = { 'main.py': 'import reqeusts as http_client\n', 'requirements.txt': 'requests==2.31\n' };
    assert.deepStrictEqual(fixesFor('reqeusts', declared).map((f) => [f.description, f.edits]), [[
      "Change 'reqeusts' to 'requests'", [{ file: 'main.py', startLine: 1, startColumn: 8, endLine: 1, endColumn: 16, newText: 'requests' }],
    ]]);
  });

  it('respells standard and own modules without touching requirements, in `from` imports and dotted names too', () => {
    const standard = fixesFor('colections', { 'main.py': 'import os\nfrom colections.abc import Mapping\n' }, 2);
    assert.deepStrictEqual(standard.map((f) => [f.description, f.edits, f.confident]), [[
      "Change 'colections' to 'collections'", [{ file: 'main.py', startLine: 2, startColumn: 6, endLine: 2, endColumn: 16, newText: 'collections' }], false,
    ]]);
    // Not preferred: `_collections` is two edits away, within reach for a name this long.
    assert.deepStrictEqual(closestModule('colections', ['collections', '_collections']), { name: 'collections', distance: 1, confident: false });
    assert.deepStrictEqual(closestModule('colections', ['collections']), { name: 'collections', distance: 1, confident: true });
    const own = fixesFor('helpres', { 'app/main.py': 'import helpres\n', 'app/helpers.py': '' });
    assert.deepStrictEqual(own, []); // the error is in main.py, which is not among these files
    const ownHere = moduleTypo.propose(missing('helpres', 1, 'app/main.py'), { 'app/main.py': 'import os, helpres\n', 'app/helpers.py': '' });
    assert.deepStrictEqual(ownHere.map((f) => [f.description, f.edits[0].startColumn, f.edits.length]), [["Change 'helpres' to 'helpers'", 12, 1]]);
  });

  it('is not confident about short names, which may be packages of their own, nor when another module is near too', () => {
    assert.deepStrictEqual(fixesFor('mathh', { 'main.py': 'import mathh\n' }).map((f) => [f.description, f.confident]), [["Change 'mathh' to 'math'", false]]);
    assert.deepStrictEqual(closestModule('jsonn', ['json', 'jsonx1']), { name: 'json', distance: 1, confident: false });
    assert.deepStrictEqual(closestModule('requestss', ['requests', 'requests_x']), { name: 'requests', distance: 1, confident: false });
  });

  it('proposes nothing when two modules are equally near, none is near enough, or the name is short', () => {
    assert.strictEqual(closestModule('abcde', ['abcdx', 'abcdy']), undefined);
    assert.strictEqual(closestModule('numpyyy', ['numpy']), undefined, 'a name shorter than 8 is allowed one edit, not two');
    assert.strictEqual(closestModule('abcdefgh', ['abcdxyzh']), undefined);
    assert.strictEqual(closestModule('sys', ['sis']), undefined);
    for (const module of ['numpy', 'pandas', 'torch', 'evilpkg', 'somepkg']) assert.deepStrictEqual(fixesFor(module, { 'main.py': `import ${module}\n` }), [], module);
  });

  it('leaves known modules, declared requirements and imports it cannot find on the line to other rules', () => {
    assert.deepStrictEqual(fixesFor('requests', { 'main.py': 'import requests\n' }), []);
    assert.deepStrictEqual(fixesFor('tomllib', { 'main.py': 'import tomllib\n' }), []);
    assert.deepStrictEqual(fixesFor('reqeusts', { 'main.py': 'import reqeusts\n', 'requirements.txt': 'reqeusts\n' }), []);
    assert.deepStrictEqual(fixesFor('reqeusts', { 'main.py': 'x = __import__("reqeusts")\n' }), []);
    assert.deepStrictEqual(fixesFor('reqeusts', { 'main.py': 'import os.reqeusts\n' }), []);
  });

  it('counts a swap of neighbours as one edit and stops counting past its limit', () => {
    assert.deepStrictEqual([editDistance('reqeusts', 'requests'), editDistance('colections', 'collections'), editDistance('kitten', 'sitting')], [1, 1, 3]);
    assert.strictEqual(editDistance('kitten', 'sitting', 1), 2);
    assert.strictEqual(editDistance('a', 'abcdef', 2), 3);
  });
});
