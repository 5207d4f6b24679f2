// `self-heal heal --write` keeps what a file is made of: its encoding (a PEP 263 coding line, a
// UTF-8 BOM) and its line endings, byte for byte outside the fix; and one file that cannot be written
// is reported while the others are still written.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { makeTree, removeTree } from '../support/tempDir';
import { cli } from './cliProcess';
import { TEST_IMAGE } from './sandboxHelper';

const common = ['--no-llm', '--write', '--json', '--image', TEST_IMAGE, '--timeout', '10'];
const noModel = { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' };
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const IMPORT = 'settings = {"debug": False}\nprint(json.dumps(settings))\n';

describe('CLI: heal --write keeps the file\'s encoding and line endings', function () {
  this.timeout(180_000);
  let dir: string;
  afterEach(() => removeTree(dir));

  async function heal(name: string, bytes: Buffer): Promise<{ report: any; after: Buffer }> {
    dir = makeTree({ [name]: bytes });
    const run = await cli(['heal', name, ...common], { cwd: dir, env: noModel });
    assert.strictEqual(run.status, 0, run.stderr + run.stdout);
    return { report: JSON.parse(run.stdout).files[0], after: fs.readFileSync(path.join(dir, name)) };
  }

  it('a Latin-1 file with a coding line heals, runs with its own characters, and stays Latin-1', async () => {
    const source = '# -*- coding: latin-1 -*-\nname = "café"\nprint(json.dumps([name, len(name)]))\n';
    const { report, after } = await heal('latin.py', Buffer.from(source, 'latin1'));
    assert.deepStrictEqual([report.outcome, report.written, report.notWritten], ['healed', ['latin.py'], {}]);
    assert.strictEqual(report.lastRun.outputTail, '["caf\\u00e9", 4]\n');
    assert.deepStrictEqual(after, Buffer.from('# -*- coding: latin-1 -*-\nimport json\nname = "café"\nprint(json.dumps([name, len(name)]))\n', 'latin1'));
  });

  it('a CRLF file gets a CRLF import line, and its other bytes stay', async () => {
    const { report, after } = await heal('crlf.py', Buffer.from(IMPORT.replace(/\n/g, '\r\n')));
    assert.deepStrictEqual([report.outcome, report.written], ['healed', ['crlf.py']]);
    assert.strictEqual(after.toString('latin1'), 'import json\r\nsettings = {"debug": False}\r\nprint(json.dumps(settings))\r\n');
  });

  it('a UTF-8 file with a BOM heals, and the BOM stays first', async () => {
    const { report, after } = await heal('bom.py', Buffer.concat([BOM, Buffer.from(`greeting = "héllo"\n${IMPORT}`)]));
    assert.deepStrictEqual([report.outcome, report.stopReason, report.written], ['healed', 'healed in 1 attempt', ['bom.py']]);
    assert.deepStrictEqual(after, Buffer.concat([BOM, Buffer.from(`import json\ngreeting = "héllo"\n${IMPORT}`)]));
  });
});

describe('CLI: heal --write reports a file it cannot write and writes the others', function () {
  this.timeout(180_000);
  let dir: string;
  afterEach(() => {
    execFileSync('chattr', ['-i', path.join(dir, 'locked')]);
    removeTree(dir);
  });

  it('an unwritable folder: that file is named with the error in the report and on stderr, the other is written, exit 1', async () => {
    dir = makeTree({ 'locked/main.py': IMPORT, 'open/main.py': IMPORT });
    // Root ignores permissions; an immutable folder refuses even root a new file in it.
    execFileSync('chattr', ['+i', path.join(dir, 'locked')]);
    const json = await cli(['heal', 'locked/main.py', 'open/main.py', ...common], { cwd: dir, env: noModel });
    assert.strictEqual(json.status, 1, json.stderr + json.stdout);
    const [locked, open] = JSON.parse(json.stdout).files;
    assert.deepStrictEqual([locked.outcome, locked.written, Object.keys(locked.notWritten)], ['healed', [], ['locked/main.py']]);
    assert.match(locked.notWritten['locked/main.py'], /^it could not be written: EPERM: operation not permitted, open '.*\/locked\/\.main\.py\.[0-9a-f]{16}\.self-heal\.tmp'$/);
    assert.deepStrictEqual([open.outcome, open.written, open.notWritten], ['healed', ['open/main.py'], {}]);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'locked/main.py'), 'utf8'), IMPORT);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'open/main.py'), 'utf8'), `import json\n${IMPORT}`);
    assert.deepStrictEqual(fs.readdirSync(path.join(dir, 'open')), ['main.py'], 'no temporary file left');

    fs.writeFileSync(path.join(dir, 'open/main.py'), IMPORT);
    const human = await cli(['heal', 'locked/main.py', 'open/main.py', ...common.filter((flag) => flag !== '--json')], { cwd: dir, env: noModel });
    assert.strictEqual(human.status, 1, human.stderr);
    assert.match(human.stderr, /\nself-heal: locked\/main\.py: not written: it could not be written: EPERM: operation not permitted, open '[^']+'\n/);
    assert.ok(human.stderr.split('\n').includes('self-heal: wrote open/main.py'), human.stderr);
  });
});
