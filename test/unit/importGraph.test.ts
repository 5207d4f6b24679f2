import * as assert from 'assert';
import { filesReachedBy, importedFiles } from '../../src/core/program/importGraph';

const FILES: Record<string, string> = {
  'main.py': 'import helpers\nfrom pkg.core import run\nif __name__ == "__main__":\n    run()\n',
  'helpers.py': 'x = "import os"  # import notes\n',
  'pkg/__init__.py': '',
  'pkg/core.py': 'from . import util\nfrom .models import (\n    Model,\n    Other as O,\n)\n',
  'pkg/util.py': 'import json; import pkg.deep.leaf as leaf\n',
  'pkg/models.py': 'from ..outside import nothing\n',
  'pkg/deep/__init__.py': '',
  'pkg/deep/leaf.py': 'try: import yaml\nexcept ImportError: pass\n',
  'tools/script.py': 'import sibling\n',
  'tools/sibling.py': '',
  'lone.py': 'print(1)\n',
};

describe('importGraph', () => {
  it('resolves plain, from, relative, multi-line and aliased imports to the folder\'s files', () => {
    assert.deepStrictEqual(importedFiles(FILES, 'main.py'), ['helpers.py', 'pkg/__init__.py', 'pkg/core.py']);
    assert.deepStrictEqual(importedFiles(FILES, 'pkg/core.py'), ['pkg/models.py', 'pkg/util.py']);
    assert.deepStrictEqual(importedFiles(FILES, 'pkg/util.py'), ['pkg/__init__.py', 'pkg/deep/__init__.py', 'pkg/deep/leaf.py']);
    assert.deepStrictEqual(importedFiles(FILES, 'tools/script.py'), ['tools/sibling.py']);
    assert.deepStrictEqual(importedFiles(FILES, 'helpers.py'), []);
  });

  it('reaches every importer of a changed file, through chains, and nothing else', () => {
    assert.deepStrictEqual([...filesReachedBy(FILES, new Set(['pkg/deep/leaf.py']))].sort(), ['main.py', 'pkg/core.py', 'pkg/deep/leaf.py', 'pkg/util.py']);
    assert.deepStrictEqual([...filesReachedBy(FILES, new Set(['tools/sibling.py']))].sort(), ['tools/script.py', 'tools/sibling.py']);
    assert.deepStrictEqual([...filesReachedBy(FILES, new Set(['lone.py', 'gone.py']))], ['lone.py']);
  });
});
