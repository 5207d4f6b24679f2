import * as assert from 'assert';
import { DISTRIBUTION_BY_IMPORT, STANDARD_LIBRARY_MODULES } from '../../src/core/fixes/distributionTable';
import { applyEdits } from '../../src/core/fixes/fixTypes';
import { isStandardModule } from '../../src/core/fixes/importTable';
import { requirementsFixer } from '../../src/core/fixes/requirementsFixer';
import { ruleFixesFor } from '../../src/core/fixes/ruleFixers';
import type { PythonError } from '../../src/core/errors/pythonError';

function missing(module: string): PythonError {
  return {
    type: 'ModuleNotFoundError', message: `No module named '${module}'`, kind: 'module-not-found', file: 'main.py', line: 1, column: 1,
    endLine: null, endColumn: null, suggestion: null, notes: [], frames: [], cause: null, context: null, exceptions: [],
  };
}

const MAIN = { 'main.py': 'import cv2\n' };
const propose = (module: string, files: Record<string, string> = MAIN) => requirementsFixer.propose(missing(module), files);

describe('requirements fixer', () => {
  it('creates requirements.txt naming the distribution of a known module', () => {
    assert.deepStrictEqual(ruleFixesFor(missing('cv2'), MAIN), [{
      source: 'rule:requirements',
      description: "Add 'opencv-python' to requirements.txt",
      edits: [{ file: 'requirements.txt', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1, newText: 'opencv-python\n' }],
      confident: true,
    }]);
  });

  it('appends to an existing file, after the final newline it may lack', () => {
    const [withNewline] = propose('yaml', { ...MAIN, 'requirements.txt': 'numpy==1.26\n# plotting\nmatplotlib\n' });
    assert.deepStrictEqual(withNewline.edits, [{ file: 'requirements.txt', startLine: 4, startColumn: 1, endLine: 4, endColumn: 1, newText: 'PyYAML\n' }]);
    assert.strictEqual(applyEdits('numpy==1.26\n# plotting\nmatplotlib\n', withNewline.edits), 'numpy==1.26\n# plotting\nmatplotlib\nPyYAML\n');
    const [withoutNewline] = propose('bs4', { ...MAIN, 'requirements.txt': 'requests' });
    assert.deepStrictEqual(withoutNewline.edits, [{ file: 'requirements.txt', startLine: 1, startColumn: 9, endLine: 1, endColumn: 9, newText: '\nbeautifulsoup4\n' }]);
    assert.strictEqual(applyEdits('requests', withoutNewline.edits), 'requests\nbeautifulsoup4\n');
  });

  it('looks a dotted module up whole, then by its top-level package', () => {
    assert.deepStrictEqual(propose('google.protobuf').map((fix) => fix.description), ["Add 'protobuf' to requirements.txt"]);
    assert.deepStrictEqual(propose('sklearn.linear_model').map((fix) => fix.description), ["Add 'scikit_learn' to requirements.txt"]);
  });

  it('writes the module\'s own spelling when the table\'s distribution differs from it only in case or separators', () => {
    assert.deepStrictEqual(propose('faker').map((fix) => [fix.description, fix.confident, fix.edits[0].newText]), [["Add 'faker' to requirements.txt", true, 'faker\n']]);
    assert.deepStrictEqual(DISTRIBUTION_BY_IMPORT.get('faker'), 'Faker');
  });

  it('knows widely used distributions spelt as their module, which the pipreqs mapping leaves out', () => {
    for (const module of ['numpy', 'pandas', 'torch', 'httpx', 'rich', 'docker']) {
      assert.deepStrictEqual(propose(module, { 'main.py': `import ${module}\n` }).map((fix) => fix.description), [`Add '${module}' to requirements.txt`], module);
    }
  });

  it('proposes nothing for a module the table does not know: a guessed name is never installed', () => {
    for (const module of ['richtext_helpers', 'reqeusts', 'evilpkg', 'somepkg.sub']) assert.deepStrictEqual(propose(module, { 'main.py': `import ${module}\n` }), [], module);
    assert.deepStrictEqual(ruleFixesFor(missing('reqeusts'), { 'main.py': 'import reqeusts\n' }).map((fix) => fix.source), ['rule:module-typo']);
  });

  it('proposes nothing when the distribution is declared already, however it is spelt', () => {
    assert.deepStrictEqual(propose('cv2', { ...MAIN, 'requirements.txt': 'Opencv_Python>=4.9  # vision\n' }), []);
    assert.deepStrictEqual(propose('yaml', { ...MAIN, 'requirements.txt': '-r base.txt\n', 'base.txt': 'pyyaml[libyaml] ; python_version >= "3.8"\n' }), []);
    assert.deepStrictEqual(propose('sklearn', { ...MAIN, 'pyproject.toml': '[project]\nname = "x"\ndependencies = ["scikit-learn>=1.4"]\n' }), []);
    assert.deepStrictEqual(propose('rich', { ...MAIN, 'requirements.txt': 'rich @ https://example.org/rich-13.0.tar.gz\n' }), []);
  });

  it('proposes nothing for the standard library, the run\'s own modules, or another message', () => {
    for (const module of ['tomllib', 'asyncio', 'xml.etree.cElementTree', '_tkinter']) assert.deepStrictEqual(propose(module), [], module);
    assert.deepStrictEqual(propose('helpers', { 'app/main.py': 'import helpers\n', 'app/helpers.py': '' }), []);
    assert.deepStrictEqual(propose('utils.text', { 'main.py': 'import utils.text\n', 'utils/__init__.py': '' }), []);
    const notAPackage = { ...missing('cv2.x'), message: "No module named 'cv2.x'; 'cv2' is not a package" };
    assert.deepStrictEqual(requirementsFixer.propose(notAPackage, MAIN), []);
  });

  describe('the generated table', () => {
    it('maps import names to distributions, leaving out the standard library and names several distributions share', () => {
      assert.deepStrictEqual(['cv2', 'PIL', 'yaml', 'bs4', 'google'].map((name) => DISTRIBUTION_BY_IMPORT.get(name)), ['opencv-python', 'Pillow', 'PyYAML', 'beautifulsoup4', 'protobuf']);
      // The source lists old backports of standard modules and namespace packages of many distributions.
      assert.deepStrictEqual(['enum', 'queue', 'abl', 'brisa_media_server/plugins'].map((name) => DISTRIBUTION_BY_IMPORT.has(name)), [false, false, false, false]);
    });

    it('knows the standard library, with the modules the source predates', () => {
      assert.deepStrictEqual(['os', 'asyncio', 'tkinter', 'tomllib', 'cv2'].map((name) => [STANDARD_LIBRARY_MODULES.has(name), isStandardModule(name)]), [
        [true, true], [true, true], [true, true], [false, true], [false, false],
      ]);
    });
  });
});
