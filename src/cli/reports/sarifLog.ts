// The findings as a SARIF 2.1.0 log (OASIS SARIF 2.1.0; GitHub code scanning reads it): one run,
// Self-Heal as tool.driver with a rule per ruleId, a result per finding with its place relative to
// the repository root (uriBaseId SRCROOT, declared in originalUriBaseIds), the traceback as a code
// flow, and only sandbox-verified fixes as `fixes`.
import type { ReportFinding, ReportFix, ReportFrame, ReportInput } from './reportTypes';
import { lineReplacement } from './sarifReplacements';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const ROOT_ID = 'SRCROOT';

type Json = Record<string, unknown>;

export function sarifLog(input: ReportInput): Json {
  const ruleIds = [...new Set(input.findings.map((finding) => finding.ruleId))].sort();
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Self-Heal', semanticVersion: input.toolVersion, version: input.toolVersion, rules: ruleIds.map(rule) } },
        originalUriBaseIds: { [ROOT_ID]: { uri: input.rootUri } },
        results: input.findings.map((finding) => result(finding, ruleIds.indexOf(finding.ruleId))),
        properties: { command: input.command, checked: input.checked, passed: input.passed, failed: input.failed },
      },
    ],
  };
}

function rule(id: string): Json {
  const text = id === 'test-failure' ? 'A test failed without an exception type.' : `The program raised ${id}.`;
  return { id, name: id.replace(/[^A-Za-z0-9]/g, ''), shortDescription: { text }, defaultConfiguration: { level: 'error' } };
}

function result(finding: ReportFinding, ruleIndex: number): Json {
  const entry: Json = { ruleId: finding.ruleId, ruleIndex, level: finding.level, message: { text: `${finding.ruleId}: ${finding.message}` } };
  if (finding.file !== undefined) entry.locations = [{ physicalLocation: physical(finding.file, region(finding)) }];
  const flow = finding.frames.map(frameLocation);
  if (flow.length > 0) entry.codeFlows = [{ threadFlows: [{ locations: flow }] }];
  const verifiedFix = finding.fix && fix(finding.fix);
  if (verifiedFix) entry.fixes = [verifiedFix];
  entry.properties = { subject: finding.subject, fixState: finding.fixState };
  return entry;
}

function region(finding: ReportFinding): Json | undefined {
  if (finding.line === undefined) return undefined;
  const place: Json = { startLine: finding.line };
  if (finding.column) place.startColumn = finding.column;
  if (finding.endLine && finding.endLine >= finding.line) place.endLine = finding.endLine;
  const endLine = finding.endLine ?? finding.line;
  if (finding.endColumn && finding.column && (endLine > finding.line || finding.endColumn > finding.column)) place.endColumn = finding.endColumn;
  return place;
}

function physical(file: string, place: Json | undefined): Json {
  const location: Json = { artifactLocation: { uri: encodeURI(file), uriBaseId: ROOT_ID } };
  if (place) location.region = place;
  return location;
}

function frameLocation(frame: ReportFrame): Json {
  return { location: { physicalLocation: physical(frame.file, { startLine: frame.line }), message: { text: `in ${frame.function}` } } };
}

/** Undefined when the edit changes no text (SARIF asks for at least one artifact change). */
function fix(verified: ReportFix): Json | undefined {
  const artifactChanges = verified.changes.flatMap((change) => {
    const replacement = lineReplacement(change.before, change.after);
    return replacement ? [{ artifactLocation: { uri: encodeURI(change.file), uriBaseId: ROOT_ID }, replacements: [replacement] }] : [];
  });
  if (artifactChanges.length === 0) return undefined;
  return { description: { text: `${verified.description} (verified by a sandboxed re-run)` }, artifactChanges };
}
