import * as assert from 'assert';
import { applyEdits } from '../../src/core/fixes/fixTypes';
import { ruleFixesFor } from '../../src/core/fixes/ruleFixers';
import { parseModelAnswer } from '../../src/core/model/modelAnswer';
import { lineEndingOf } from '../../src/core/files/lineEndings';
import type { PythonError } from '../../src/core/errors/pythonError';

const nameError = (line: number): PythonError => ({
  type: 'NameError', message: "name 'json' is not defined", kind: 'name', file: 'main.py', line, column: null, endLine: null, endColumn: null,
  suggestion: null, notes: [], frames: [], cause: null, context: null, exceptions: [],
});

function healedByModel(content: string, source: string): string | undefined {
  const verdict = parseModelAnswer({ content, finishReason: 'stop' }, { files: { 'main.py': source }, model: 'm', errorType: 'NameError' });
  assert.ok('candidate' in verdict, 'rejection' in verdict ? verdict.rejection : '');
  return applyEdits(source, verdict.candidate.edits);
}

describe('line endings of inserted and replaced lines', () => {
  it('takes the ending of the first line as the file\'s', () => {
    assert.strictEqual(lineEndingOf('a\r\nb\nc\n'), '\r\n');
    assert.strictEqual(lineEndingOf('a\nb\r\n'), '\n');
    assert.strictEqual(lineEndingOf('a'), '\n');
  });

  it('a rule fix inserts a CRLF line into a CRLF file', () => {
    const source = 'import os\r\nprint(json.dumps(1))\r\n';
    const [fix] = ruleFixesFor(nameError(2), { 'main.py': source });
    assert.strictEqual(applyEdits(source, fix.edits), 'import os\r\nimport json\r\nprint(json.dumps(1))\r\n');
  });

  it('a model edit block writes its lines in CRLF into a CRLF file', () => {
    const source = 'x = 1\r\nprint(json.dumps(x))\r\ny = 2\r\n';
    const answer = 'main.py\n<<<<<<< SEARCH\nprint(json.dumps(x))\n=======\nimport json\nprint(json.dumps(x))\n>>>>>>> REPLACE\n';
    assert.strictEqual(healedByModel(answer, source), 'x = 1\r\nimport json\r\nprint(json.dumps(x))\r\ny = 2\r\n');
  });

  it('a whole-file answer rewrites only the lines it changes, in the first line\'s ending; a mixed file keeps its other lines', () => {
    const source = 'x = 1\r\nprint(json.dumps(x))\ny = 2\n';
    const answer = 'main.py\n```python\nx = 1\nimport json\nprint(json.dumps(x))\ny = 2\n```\n';
    assert.strictEqual(healedByModel(answer, source), 'x = 1\r\nimport json\r\nprint(json.dumps(x))\ny = 2\n');
  });

  it('a whole-file answer adding after a last line without an ending gives it the file\'s', () => {
    const source = 'x = 1\r\nprint(x)';
    const answer = 'main.py\n```python\nx = 1\nprint(x)\nprint(2)\n```\n';
    assert.strictEqual(healedByModel(answer, source), 'x = 1\r\nprint(x)\r\nprint(2)');
  });

  it('a rule fix inserts its import after a BOM a text still carries, never before it', () => {
    const source = '\uFEFFimport os\nprint(json.dumps(1))\n';
    const [fix] = ruleFixesFor(nameError(2), { 'main.py': source });
    assert.strictEqual(applyEdits(source, fix.edits), '\uFEFFimport os\nimport json\nprint(json.dumps(1))\n');
    const bare = '\uFEFFprint(json.dumps(1))\n';
    const [first] = ruleFixesFor(nameError(1), { 'main.py': bare });
    assert.strictEqual(applyEdits(bare, first.edits), '\uFEFFimport json\nprint(json.dumps(1))\n');
  });
});
