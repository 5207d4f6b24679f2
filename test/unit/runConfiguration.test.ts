// What people type for a program's arguments, input, variables and folder, read and written back.
import * as assert from 'assert';
import {
  configurationFrom, describeConfiguration, EMPTY_RUN_CONFIGURATION, formatEnvironment, formatStdinText, isEmptyConfiguration, joinArguments, parseEnvironment,
  parseStdinText, parseWorkingFolder, splitArguments,
} from '../../src/core/program/runConfiguration';

describe('run configuration: what a program is given', () => {
  it('splits arguments as a shell would, without expanding anything', () => {
    assert.deepStrictEqual(splitArguments(`--name "Ada Lovelace" -v 'it''s' a\\ b "say \\"hi\\"" '$HOME' ""`), {
      value: ['--name', 'Ada Lovelace', '-v', 'its', 'a b', 'say "hi"', '$HOME', ''],
    });
    assert.deepStrictEqual(splitArguments('   '), { value: [] });
    assert.deepStrictEqual(splitArguments('--name "Ada'), { problem: 'a double quote is not closed' });
    assert.deepStrictEqual(splitArguments("it's"), { problem: 'a single quote is not closed' });
  });

  it('writes arguments back so that they split into the same words', () => {
    const words = ['--name', 'Ada Lovelace', "it's", '', 'a\\b', 'plain-word_1.txt', '$HOME'];
    const joined = joinArguments(words);
    assert.strictEqual(joined, `--name 'Ada Lovelace' 'it'\\''s' '' 'a\\b' plain-word_1.txt '$HOME'`);
    assert.deepStrictEqual(splitArguments(joined), { value: words });
  });

  it('reads NAME=value pairs and refuses anything else', () => {
    assert.deepStrictEqual(parseEnvironment(`DEBUG=1 GREETING="good day" EMPTY=`), { value: { DEBUG: '1', GREETING: 'good day', EMPTY: '' } });
    assert.deepStrictEqual(parseEnvironment('1BAD=x'), { problem: '"1BAD=x" is not NAME=value' });
    assert.deepStrictEqual(parseEnvironment('DEBUG'), { problem: '"DEBUG" is not NAME=value' });
    assert.strictEqual(formatEnvironment({ DEBUG: '1', GREETING: 'good day' }), "DEBUG=1 'GREETING=good day'");
    assert.deepStrictEqual(parseEnvironment(formatEnvironment({ DEBUG: '1', GREETING: 'good day' })), { value: { DEBUG: '1', GREETING: 'good day' } });
  });

  it('reads typed input with \\n for a new line, ending in a line break as a terminal sends it', () => {
    assert.strictEqual(parseStdinText('Ada\\n42'), 'Ada\n42\n');
    assert.strictEqual(parseStdinText('C:\\\\temp'), 'C:\\temp\n');
    assert.strictEqual(parseStdinText(''), '\n');
    assert.strictEqual(formatStdinText('Ada\n42\n'), 'Ada\\n42');
    assert.strictEqual(parseStdinText(formatStdinText('a\\b\nc\n')), 'a\\b\nc\n');
  });

  it('keeps the working folder inside the run\'s root', () => {
    assert.deepStrictEqual(parseWorkingFolder(' data/in/ '), { value: 'data/in' });
    assert.deepStrictEqual(parseWorkingFolder('./data\\in'), { value: 'data/in' });
    assert.deepStrictEqual(parseWorkingFolder(''), { value: '' });
    assert.deepStrictEqual(parseWorkingFolder('../elsewhere'), { problem: 'the working folder must be inside the workspace folder' });
    assert.deepStrictEqual(parseWorkingFolder('/etc'), { problem: 'give a folder relative to the workspace folder' });
    assert.deepStrictEqual(parseWorkingFolder('C:\\Windows'), { problem: 'give a folder relative to the workspace folder' });
  });

  it('names what is set for the log, never a variable\'s value', () => {
    const config = { args: ['--name', 'Ada Lovelace'], stdin: { kind: 'file' as const, path: 'data/in.txt' }, env: { TOKEN: 'secret-value' }, cwd: 'data' };
    assert.strictEqual(describeConfiguration(config), "arguments --name 'Ada Lovelace'; input from data/in.txt; variables TOKEN; in data/");
    assert.strictEqual(describeConfiguration(EMPTY_RUN_CONFIGURATION), 'no arguments, no input');
    assert.ok(isEmptyConfiguration(EMPTY_RUN_CONFIGURATION));
    assert.ok(!isEmptyConfiguration({ ...EMPTY_RUN_CONFIGURATION, cwd: 'data' }));
  });

  it('takes a stored configuration back only in its own shape', () => {
    const config = { args: ['a'], stdin: { kind: 'text', text: 'Ada\n' }, env: { A: '1' }, cwd: '' };
    assert.deepStrictEqual(configurationFrom(JSON.parse(JSON.stringify(config))), config);
    for (const bad of [null, 'args', { ...config, args: [1] }, { ...config, stdin: { kind: 'file' } }, { ...config, env: { A: 1 } }, { ...config, cwd: undefined }]) {
      assert.strictEqual(configurationFrom(bad), undefined, JSON.stringify(bad));
    }
  });
});
