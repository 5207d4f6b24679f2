import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { unifiedDiff, unifiedDiffOfFiles } from '../../src/core/heal/unifiedDiff';

/** Applies a diff with the system's `patch`, the way a reviewer would. */
function patched(before: string, diff: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'self-heal-diff-'));
  try {
    fs.writeFileSync(path.join(dir, 'main.py'), before);
    execFileSync('patch', ['-s', '-p1', '-d', dir], { input: diff });
    return fs.readFileSync(path.join(dir, 'main.py'), 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('unified diff', () => {
  it('shows an added import with three lines of context', () => {
    const before = '"""Doc."""\nimport os\n\nprint(json.dumps(1))\n';
    const after = '"""Doc."""\nimport os\nimport json\n\nprint(json.dumps(1))\n';
    assert.strictEqual(
      unifiedDiff('main.py', before, after),
      '--- a/main.py\n+++ b/main.py\n@@ -1,4 +1,5 @@\n """Doc."""\n import os\n+import json\n \n print(json.dumps(1))\n',
    );
  });

  it('is empty for equal texts', () => {
    assert.strictEqual(unifiedDiff('main.py', 'x = 1\n', 'x = 1\n'), '');
  });

  it('splits far-apart changes into separate hunks', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line${i + 1}`).join('\n') + '\n';
    const after = before.replace('line2\n', 'LINE2\n').replace('line18\n', 'LINE18\n');
    const diff = unifiedDiff('main.py', before, after);
    assert.deepStrictEqual(diff.split('\n').filter((l) => l.startsWith('@@')), ['@@ -1,5 +1,5 @@', '@@ -15,6 +15,6 @@']);
    assert.strictEqual(patched(before, diff), after);
  });

  it('creates a file from nothing', () => {
    assert.strictEqual(unifiedDiff('requirements.txt', '', 'requests\n'), '--- a/requirements.txt\n+++ b/requirements.txt\n@@ -0,0 +1 @@\n+requests\n');
  });

  it('marks a change to the final newline', () => {
    const diff = unifiedDiff('main.py', 'print(1)', 'print(1)\n');
    assert.ok(diff.endsWith('\\ No newline at end of file\n'), diff);
  });

  it('round-trips through patch for scattered edits', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const after = 'a\nB\nc\nd\nnew\ne\ng\nh\ni\n';
    assert.strictEqual(patched(before, unifiedDiff('main.py', before, after)), after);
  });

  it('diffs every changed file in path order', () => {
    const diff = unifiedDiffOfFiles({ 'b.py': 'x\n', 'a.py': 'y\n' }, { 'b.py': 'x2\n', 'a.py': 'y\n', 'requirements.txt': 'rich\n' });
    assert.deepStrictEqual(diff.split('\n').filter((l) => l.startsWith('+++')), ['+++ b/b.py', '+++ b/requirements.txt']);
  });
});

describe('unified diff: order', () => {
  it('prints a changed line as its removal, then its addition', () => {
    assert.strictEqual(unifiedDiff('main.py', 'a\nold\nz\n', 'a\nnew\nz\n'), '--- a/main.py\n+++ b/main.py\n@@ -1,3 +1,3 @@\n a\n-old\n+new\n z\n');
  });
});
