// Misspellings CPython named no fix for: a name (NameError), an attribute (AttributeError) or a
// keyword argument (TypeError), respelt as the nearest name that exists there (nearestName.ts).
// Each fix replaces the one occurrence the error points at.
import { fileText } from '../files/fileTexts';
import type { PythonError } from '../errors/pythonError';
import type { FixCandidate, RuleFixer } from './fixTypes';
import { importsForUse } from './importByUse';
import { editDistance } from './moduleTypo';
import { blankStringsAndComments, namesInScope } from './nameScope';
import { nearestName } from './nearestName';
import { builtinNames, standardLibrary } from './standardLibrary';

const UNDEFINED_NAME = /^name '([A-Za-z_]\w*)' is not defined/;
const MISSING_ATTRIBUTE = /has no attribute '([A-Za-z_]\w*)'/;
const MODULE_WITHOUT = /^module '([A-Za-z_][\w.]*)' has no attribute/;
/** A Python function's words, then a builtin's ("'kye' is an invalid keyword argument for sort()"). */
/** A keyword argument as written in a call (`name=`, not `==`), for matchAll. */
export const KEYWORD_ARGUMENT = /(?<![\w.])([A-Za-z_]\w*)\s*=(?!=)/g;
const UNEXPECTED_KEYWORD = /got an unexpected keyword argument '([A-Za-z_]\w*)'|^'([A-Za-z_]\w*)' is an invalid keyword argument for /;

/**
 * A name not defined: the nearest name in scope at its line, or builtin. Where the standard library
 * (or a known alias) confidently defines the name, its import comes first and the respelling after
 * it (`islice` used once is itertools', not a slip for `slice`): `nameTypo` goes before the import
 * rule and `nameTypoAfterImport` after it, each proposing only in its own case.
 */
export const nameTypo: RuleFixer = nameTypoRule('name-typo', false);
export const nameTypoAfterImport: RuleFixer = nameTypoRule('name-typo-after-import', true);

function nameTypoRule(id: string, afterImport: boolean): RuleFixer {
  return {
    id,
    kinds: ['name'],
    propose(error, files) {
      const typed = UNDEFINED_NAME.exec(error.message)?.[1];
      const source = error.file !== null ? fileText(files, error.file) : undefined;
      if (!typed || error.suggestion || source === undefined || !error.line) return [];
      const imports = importsForUse(typed, source, error.python);
      if (imports.some((guess) => guess.confident) !== afterImport) return [];
      const code = blankStringsAndComments(source);
      const uses = [...code.matchAll(new RegExp(`(?<![\\w.])${typed}(?!\\w)`, 'g'))].length;
      // Used in several places and importable: a missing import, not a slip of the keyboard.
      if (uses > 1 && imports.length > 0) return [];
      const guess = nearestName(typed, [...namesInScope(source, error.line), ...builtinNames(error.python)]);
      return guess ? respell(error, code, typed, guess.name, guess.confident && uses === 1 && !afterImport, wordAt) : [];
    },
  };
}

/**
 * CPython's "Did you mean" names the first of the equally near names it finds (locals, globals,
 * then builtins): `ch` gets `c` where `chr` is as near. When one other name is as near as the one it
 * named, that name is a fix to try after CPython's (never preferred), for the re-run to judge.
 */
export const nameTypoBesideSuggestion: RuleFixer = {
  id: 'name-typo-beside-suggestion',
  kinds: ['name'],
  propose(error, files) {
    const typed = UNDEFINED_NAME.exec(error.message)?.[1];
    const source = error.file !== null ? fileText(files, error.file) : undefined;
    if (!typed || !error.suggestion || source === undefined || !error.line || /forget to import/.test(error.message)) return [];
    const named = editDistance(typed, error.suggestion, 3);
    const names = new Set([...namesInScope(source, error.line), ...builtinNames(error.python)]);
    names.delete(error.suggestion);
    const ties = [...names].filter((name) => name !== typed && editDistance(typed, name, named + 1) <= named);
    return ties.length === 1 ? respell(error, blankStringsAndComments(source), typed, ties[0], false, wordAt) : [];
  },
};

/** An attribute the object lacks: the nearest of the attributes it has. */
export const attributeTypo: RuleFixer = {
  id: 'attribute-typo',
  kinds: ['attribute'],
  propose(error, files) {
    const typed = MISSING_ATTRIBUTE.exec(error.message)?.[1];
    const source = error.file !== null ? fileText(files, error.file) : undefined;
    if (!typed || error.suggestion || source === undefined) return [];
    const module = MODULE_WITHOUT.exec(error.message)?.[1];
    const candidates = error.candidates ?? (module ? [...(standardLibrary(error.python).members.get(module) ?? [])] : []);
    const guess = nearestName(typed, candidates, 'own');
    return guess ? respell(error, blankStringsAndComments(source), typed, guess.name, guess.confident, attributeAt) : [];
  },
};

/** A keyword the callee does not take: the nearest of its parameters. */
export const keywordTypo: RuleFixer = {
  id: 'keyword-typo',
  kinds: ['type'],
  propose(error, files) {
    const found = UNEXPECTED_KEYWORD.exec(error.message);
    const typed = found?.[1] ?? found?.[2];
    const source = error.file !== null ? fileText(files, error.file) : undefined;
    if (!typed || !error.candidates || source === undefined) return [];
    const guess = nearestName(typed, error.candidates, 'parameters');
    return guess ? respell(error, blankStringsAndComments(source), typed, guess.name, guess.confident, keywordAt) : [];
  },
};

/** The last line of the statement that starts at `line` (3.8-3.10 name only a call's first line). */
export function statementEnd(lines: readonly string[], line: number): number {
  let depth = 0;
  for (let number = line; number <= lines.length; number++) {
    for (const ch of lines[number - 1]) depth += '([{'.includes(ch) ? 1 : ')]}'.includes(ch) ? -1 : 0;
    if (depth <= 0) return number;
  }
  return line;
}

export type Finder = (line: string, typed: string) => number[];

const wordAt: Finder = (line, typed) => columnsOf(line, new RegExp(`(?<![\\w.])${typed}(?!\\w)`, 'g'));
const attributeAt: Finder = (line, typed) => columnsOf(line, new RegExp(`(?<=\\.\\s*)${typed}(?!\\w)`, 'g'));
export const keywordAt: Finder = (line, typed) => columnsOf(line, new RegExp(`(?<![\\w.])${typed}(?=\\s*=(?!=))`, 'g'));

function columnsOf(line: string, pattern: RegExp): number[] {
  return [...line.matchAll(pattern)].map((m) => (m.index as number) + 1);
}

/**
 * Replaces the occurrence of `typed` the error points at: on the error's line (or, for a call over
 * several lines, the first of its lines that has one), the first at or after the error's column.
 */
export function respell(error: PythonError, code: string, typed: string, name: string, confident: boolean, find: Finder): FixCandidate[] {
  if (!error.file || !error.line) return [];
  const lines = code.split('\n');
  const last = Math.max(error.line, error.endLine ?? statementEnd(lines, error.line));
  for (let number = error.line; number <= last && number <= lines.length; number++) {
    const columns = find(lines[number - 1], typed);
    if (columns.length === 0) continue;
    const from = number === error.line ? (error.column ?? 1) : 1;
    const column = columns.find((c) => c >= from) ?? columns[0];
    const edit = { file: error.file, startLine: number, startColumn: column, endLine: number, endColumn: column + typed.length, newText: name };
    return [{ source: 'rule:nearest-name', description: `Change '${typed}' to '${name}'`, edits: [edit], confident }];
  }
  return [];
}
