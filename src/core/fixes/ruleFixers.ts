// The instant, model-free fixers. Each declares the error kinds it handles and proposes edits.
import { fileText } from '../files/fileTexts';
import type { PythonError } from '../errors/pythonError';
import { mismatchedBracket, unclosedBracket } from './bracketFixers';
import type { FixCandidate, RuleFixer, TextEdit } from './fixTypes';
import { equalsForCompare } from './equalsForCompare';
import { missingKeyword } from './missingKeyword';
import { siblingKeyword } from './siblingKeywords';
import { shadowedMember } from './shadowedMember';
import { importsForUse } from './importByUse';
import { importInsertionLine } from './importPlacement';
import { indentationFixer } from './indentationFixer';
import { missingSelf, missingSelfAfterImport } from './missingSelf';
import { moduleTypo } from './moduleTypo';
import { requirementsFixer } from './requirementsFixer';
import { withSameLineImports } from './sameLineImports';
import { unterminatedString } from './stringFixer';
import { attributeTypo, keywordTypo, nameTypo, nameTypoAfterImport, nameTypoBesideSuggestion } from './typoFixers';
import { missingColon } from './syntaxFixers';

const NAME_IN_MESSAGE = /^name '([A-Za-z_]\w*)' is not defined/;

/** NameError for a module or a member the standard library (or a known alias) vouches for: add its import where imports belong. */
export const missingImport: RuleFixer = {
  id: 'missing-import',
  kinds: ['name'],
  propose: (error, files) => {
    const imports = importFixes(error, files);
    return waitsForSuggestion(error, imports) ? [] : imports;
  },
};

/**
 * The same imports after CPython's own "Did you mean": when only guesses stand against a name it
 * names (`sin` where `min` was meant: math has a `sin`), the slip it saw is tried first.
 */
export const missingImportAfterSuggestion: RuleFixer = {
  id: 'missing-import-after-suggestion',
  kinds: ['name'],
  propose: (error, files) => {
    const imports = importFixes(error, files);
    return waitsForSuggestion(error, imports) ? imports : [];
  },
};

function waitsForSuggestion(error: PythonError, imports: readonly FixCandidate[]): boolean {
  return Boolean(error.suggestion) && !/forget to import/.test(error.message) && imports.length > 0 && !imports.some((fix) => fix.confident);
}

/** The imports the standard library vouches for, with the other names the line lacks. */
function importFixes(error: PythonError, files: Readonly<Record<string, string>>): FixCandidate[] {
  const name = NAME_IN_MESSAGE.exec(error.message)?.[1];
  const source = error.file !== null ? fileText(files, error.file) : undefined;
  if (!name || source === undefined || !error.file) return [];
  const line = importInsertionLine(source);
  // Never before a BOM: Python takes one anywhere but first for a stray character.
  const column = line === 1 && source.startsWith('\uFEFF') ? 2 : 1;
  const file = error.file;
  return importsForUse(name, source, error.python).map(({ statement, confident }): FixCandidate => {
    const statements = error.line ? withSameLineImports(statement, name, source, error.line, error.python) : [statement];
    return {
      source: 'rule:missing-import',
      description: `Add ${statements.map((each) => `'${each}'`).join(' and ')}`,
      edits: [{ file, startLine: line, startColumn: column, endLine: line, endColumn: column, newText: statements.map((each) => `${each}\n`).join('') }],
      confident,
    };
  });
}

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
  // A slip of the keyboard before a guessed import, after a sure one (typoFixers.ts); an exact
  // attribute of the method's object before any respelling (missingSelf.ts).
  missingSelf, nameTypo, missingImport, missingSelfAfterImport, nameTypoAfterImport, didYouMean, missingImportAfterSuggestion, nameTypoBesideSuggestion, attributeTypo, keywordTypo, missingKeyword, siblingKeyword, shadowedMember, equalsForCompare, unclosedBracket, mismatchedBracket, missingColon, unterminatedString, indentationFixer, moduleTypo, requirementsFixer,
];

/** Every rule fix for an error, in the order the rules are listed. */
export function ruleFixesFor(error: PythonError, files: Readonly<Record<string, string>>): FixCandidate[] {
  return RULE_FIXERS.filter((rule) => rule.kinds.includes(error.kind)).flatMap((rule) => rule.propose(error, files));
}
