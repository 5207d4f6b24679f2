// The findings as Markdown for a CI job's page (GitHub's $GITHUB_STEP_SUMMARY, a merge request note):
// the counts, a table of what broke where and whether a verified fix exists, and each fix's diff in
// a collapsed section. Everything that came from the program goes through markdownText.ts.
import { codeBlock, inlineText } from './markdownText';
import type { ReportFinding, ReportInput } from './reportTypes';

const UNITS: Record<ReportInput['command'], [string, string]> = { run: ['file', 'files'], heal: ['file', 'files'], test: ['test', 'tests'] };

export function markdownSummary(input: ReportInput): string {
  const [one, many] = UNITS[input.command];
  const verified = input.findings.filter((finding) => finding.fix).length;
  const lines = [
    `## Self-Heal ${input.command}`,
    '',
    `${input.checked} ${input.checked === 1 ? one : many}: ${input.passed} passed, ${input.failed} failed; ${input.findings.length} ${input.findings.length === 1 ? 'error' : 'errors'}, ${verified} with a verified fix`,
  ];
  if (input.findings.length > 0) {
    lines.push('', '| Where | Error | Fix |', '| --- | --- | --- |', ...input.findings.map(tableRow));
  }
  for (const finding of input.findings) {
    if (!finding.fix) continue;
    lines.push('', '<details>', `<summary>Fix for ${inlineText(where(finding))}: ${inlineText(finding.fix.description)}</summary>`, '', codeBlock(finding.fix.diff, 'diff'), '', '</details>');
  }
  lines.push('');
  return lines.join('\n');
}

function where(finding: ReportFinding): string {
  if (finding.file === undefined) return finding.subject;
  return finding.line === undefined ? finding.file : `${finding.file}:${finding.line}`;
}

function tableRow(finding: ReportFinding): string {
  const fixed = finding.fix ? `fixed, verified (${inlineText(finding.fix.description)})` : 'not fixed';
  return `| ${inlineText(where(finding))} | ${inlineText(`${finding.ruleId}: ${finding.message}`)} | ${fixed} |`;
}
