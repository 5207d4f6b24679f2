// The SARIF log: exact values of what code scanning reads, the fix's replacements, and the whole log
// validated against the official SARIF 2.1.0 schema (test/support/sarifSchema.ts).
import * as assert from 'assert';
import { sarifLog } from '../../src/cli/reports/sarifLog';
import { lineReplacement } from '../../src/cli/reports/sarifReplacements';
import type { ReportInput } from '../../src/cli/reports/reportTypes';
import { sarifSchemaErrors } from '../support/sarifSchema';

export const HEALED_INPUT: ReportInput = {
  command: 'heal',
  toolVersion: '0.1.0',
  rootUri: 'file:///repo/',
  checked: 2,
  passed: 1,
  failed: 1,
  findings: [
    {
      ruleId: 'NameError', level: 'error', message: "name 'sqrt' is not defined", file: 'app/calc.py', line: 4, column: 12, endLine: 4, endColumn: 16,
      subject: 'app/calc.py', frames: [{ file: 'app/main.py', line: 9, function: '<module>' }, { file: 'app/calc.py', line: 4, function: 'root' }],
      fix: { description: 'rule:missing-import: import sqrt from math', diff: '--- a/app/calc.py\n+++ b/app/calc.py\n@@ -1 +1,2 @@\n+from math import sqrt\n', changes: [{ file: 'app/calc.py', before: 'def root(x):\n', after: 'from math import sqrt\ndef root(x):\n' }] },
      fixState: 'verified',
    },
    { ruleId: 'TimeoutError', level: 'warning', message: 'stopped after 3 s', subject: 'app/loop.py', frames: [], fixState: 'not-fixed' },
  ],
};

describe('sarifLog', () => {
  it('names the tool and its rules, places each result under SRCROOT, and carries the traceback and the verified fix', () => {
    const log = sarifLog(HEALED_INPUT);
    assert.deepStrictEqual(log, {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{
        tool: { driver: { name: 'Self-Heal', semanticVersion: '0.1.0', version: '0.1.0', rules: [
          { id: 'NameError', name: 'NameError', shortDescription: { text: 'The program raised NameError.' }, defaultConfiguration: { level: 'error' } },
          { id: 'TimeoutError', name: 'TimeoutError', shortDescription: { text: 'The program raised TimeoutError.' }, defaultConfiguration: { level: 'error' } },
        ] } },
        originalUriBaseIds: { SRCROOT: { uri: 'file:///repo/' } },
        results: [
          {
            ruleId: 'NameError', ruleIndex: 0, level: 'error', message: { text: "NameError: name 'sqrt' is not defined" },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'app/calc.py', uriBaseId: 'SRCROOT' }, region: { startLine: 4, startColumn: 12, endLine: 4, endColumn: 16 } } }],
            codeFlows: [{ threadFlows: [{ locations: [
              { location: { physicalLocation: { artifactLocation: { uri: 'app/main.py', uriBaseId: 'SRCROOT' }, region: { startLine: 9 } }, message: { text: 'in <module>' } } },
              { location: { physicalLocation: { artifactLocation: { uri: 'app/calc.py', uriBaseId: 'SRCROOT' }, region: { startLine: 4 } }, message: { text: 'in root' } } },
            ] }] }],
            fixes: [{
              description: { text: 'rule:missing-import: import sqrt from math (verified by a sandboxed re-run)' },
              artifactChanges: [{ artifactLocation: { uri: 'app/calc.py', uriBaseId: 'SRCROOT' }, replacements: [{ deletedRegion: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }, insertedContent: { text: 'from math import sqrt\n' } }] }],
            }],
            properties: { subject: 'app/calc.py', fixState: 'verified' },
          },
          { ruleId: 'TimeoutError', ruleIndex: 1, level: 'warning', message: { text: 'TimeoutError: stopped after 3 s' }, properties: { subject: 'app/loop.py', fixState: 'not-fixed' } },
        ],
        properties: { command: 'heal', checked: 2, passed: 1, failed: 1 },
      }],
    });
  });

  it('is valid against the SARIF 2.1.0 schema, and the schema catches a broken log', function () {
    // Compiling the 136 kB schema takes a few seconds.
    this.timeout(30_000);
    const log = sarifLog(HEALED_INPUT);
    assert.deepStrictEqual(sarifSchemaErrors(log), []);
    assert.deepStrictEqual(sarifSchemaErrors(sarifLog({ ...HEALED_INPUT, findings: [] })), []);
    // A level SARIF does not know must fail, or this test could not tell a valid log from any JSON.
    const broken = JSON.parse(JSON.stringify(log)) as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    broken.runs[0].results[0].level = 'fatal';
    assert.deepStrictEqual(sarifSchemaErrors(broken), ['/runs/0/results/0/level must be equal to one of the allowed values']);
  });
});

describe('lineReplacement', () => {
  it('replaces the changed lines only, terminators included', () => {
    assert.deepStrictEqual(lineReplacement('a\nb\nc\n', 'a\nB\nc\n'), { deletedRegion: { startLine: 2, startColumn: 1, endLine: 3, endColumn: 1 }, insertedContent: { text: 'B\n' } });
  });
  it('deletes lines without inserting anything', () => {
    assert.deepStrictEqual(lineReplacement('a\nb\nc\n', 'a\nc\n'), { deletedRegion: { startLine: 2, startColumn: 1, endLine: 3, endColumn: 1 } });
  });
  it('ends at the last character of an unterminated last line', () => {
    assert.deepStrictEqual(lineReplacement('a\nprint(x)', 'a\nprint(x)\n'), { deletedRegion: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 9 }, insertedContent: { text: 'print(x)\n' } });
  });
  it('appends after the last terminated line, and gives nothing for the same text', () => {
    assert.deepStrictEqual(lineReplacement('a\r\n', 'a\r\nb\r\n'), { deletedRegion: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 1 }, insertedContent: { text: 'b\r\n' } });
    assert.strictEqual(lineReplacement('same\n', 'same\n'), undefined);
  });
});
