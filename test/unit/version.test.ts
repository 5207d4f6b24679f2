// The version the MCP server tells its clients and the SARIF log names its tool by is the package's.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { VERSION } from '../../src/cli/version';

describe('the CLI version', () => {
  it("is package.json's version", () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { version: string };
    assert.strictEqual(VERSION, manifest.version);
  });
});
