// The instant, model-free fixers. Each declares the error kinds it handles and proposes edits.
import { fileText } from '../files/fileTexts';
import type { PythonError } from '../errors/pythonError';
import { mismatchedBracket, unclosedBracket } from './bracketFixers';
import type { FixCandidate, RuleFixer, TextEdit } from './fixTypes';
import { importForUse } from './importByUse';
import { importInsertionLine } from './importPlacement';
import { indentationFixer } from './indentationFixer';
import { moduleTypo } from './moduleTypo';
import { requirementsFixer } from './requirementsFixer';
import { unterminatedString } from './stringFixer';
import { missingColon } from './syntaxFixers';

const NAME_IN_MESSAGE = /^name '([A-Za-z_]\w*)' is not defined/;

/** NameError for a module or a well-known member (decided by its use where it could be either): add its import where imports belong. */
export const missingImport: RuleFixer = {
  id: 'missing-import',
  kinds: ['name'],
  propose(error, files) {
    const name = NAME_IN_MESSAGE.exec(error.message)?.[1];
    const source = error.file !== null ? fileText(files, error.file) : undefined;
    const statement = name && source !== undefined ? importForUse(name, source) : undefined;
    if (!statement || source === undefined || !error.file) return [];
    const line = importInsertionLine(source);
    // Never before a BOM: Python takes one anywhere but first for a stray character.
    const column = line === 1 && source.startsWith('\uFEFF') ? 2 : 1;
    const edit: TextEdit = { file: error.file, startLine: line, startColumn: column, endLine: line, endColumn: column, newText: `${statement}\n` };
    return [{ source: 'rule:missing-import', description: `Add '${statement}'`, edits: [edit], confident: true }];
  },
};

/** "Did you mean 'x'?": replace that one occurrence at the reported position. */
export const didYouMean: RuleFixer = {
  id: 'did-you-mean',
  kinds: ['name', 'attribute', 'import-name'],
  propose(error, files) {
    const wrong = wrongName(error);
    const source = error.file !== null ? fileText(files, error.file) : undefined;
    if (!error.suggestion || !wrong || source === undefined || !error.file || !error.line || /forget to import/.test(error.message)) return [];
    const text = source.split('\n')[error.line - 1] ?? '';
    const column = occurrence(text, wrong, error.column ?? 1);
    if (column === undefined) return [];
    const edit: TextEdit = { file: error.file, startLine: error.line, startColumn: column, endLine: error.line, endColumn: column + wrong.length, newText: error.suggestion };
    return [{ source: 'rule:did-you-mean', description: `Change '${wrong}' to '${error.suggestion}'`, edits: [edit], confident: true }];
  },
};

function wrongName(error: PythonError): string | undefined {
  const patterns = [NAME_IN_MESSAGE, /has no attribute '([A-Za-z_]\w*)'/, /^cannot import name '([A-Za-z_]\w*)'/];
  for (const pattern of patterns) {
    const match = pattern.exec(error.message);
    if (match) return match[1];
  }
  return undefined;
}

/** 1-based column of `name` as a whole word at or after `from`, else the first on the line. */
function occurrence(line: string, name: string, from: number): number | undefined {
  const word = new RegExp(`(?<![\\w])${name}(?![\\w])`, 'g');
  const found = [...line.matchAll(word)].map((m) => (m.index as number) + 1);
  return found.find((c) => c >= from) ?? found[0];
}

export const RULE_FIXERS: readonly RuleFixer[] = [
  missingImport, didYouMean, unclosedBracket, mismatchedBracket, missingColon, unterminatedString, indentationFixer, moduleTypo, requirementsFixer,
];

/** Every rule fix for an error, in the order the rules are listed. */
export function ruleFixesFor(error: PythonError, files: Readonly<Record<string, string>>): FixCandidate[] {
  return RULE_FIXERS.filter((rule) => rule.kinds.includes(error.kind)).flatMap((rule) => rule.propose(error, files));
}
