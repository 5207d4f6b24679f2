// A method that names one of its object's attributes without `self.` (or a classmethod without
// `cls.`): NameError for a name its class assigns through `self.`/`cls.` or binds in its body.
// The name is what the class holds exactly, so this goes before the nearest-name respelling; where
// the standard library confidently gives a module of that name, its import goes first and this after it.
import { fileText } from '../files/fileTexts';
import type { RuleFixer } from './fixTypes';
import { importsForUse } from './importByUse';
import { methodContextAt } from './methodContext';
import { blankStringsAndComments } from './nameScope';

const UNDEFINED_NAME = /^name '([A-Za-z_]\w*)' is not defined/;

export const missingSelf: RuleFixer = missingSelfRule('missing-self', false);
export const missingSelfAfterImport: RuleFixer = missingSelfRule('missing-self-after-import', true);

function missingSelfRule(id: string, afterImport: boolean): RuleFixer {
  return {
    id,
    kinds: ['name'],
    propose(error, files) {
      const name = UNDEFINED_NAME.exec(error.message)?.[1];
      const source = error.file !== null ? fileText(files, error.file) : undefined;
      if (!name || source === undefined || !error.file || !error.line) return [];
      const context = methodContextAt(source, error.line);
      if (!context || !context.members.has(name)) return [];
      // A module the standard library gives (`time.time()`) is its import; a member (`count`) is the attribute.
      const module = importsForUse(name, source, error.python).some((guess) => guess.confident && /^import /.test(guess.statement));
      if (module !== afterImport) return [];
      const columns = bareUses(source, error.line, name);
      const column = columns.find((c) => c >= (error.column ?? 1)) ?? columns[0];
      if (column === undefined) return [];
      const exact = error.column === null || error.column === column || columns.length === 1;
      const edit = { file: error.file, startLine: error.line, startColumn: column, endLine: error.line, endColumn: column, newText: `${context.receiver}.` };
      return [{ source: 'rule:missing-self', description: `Change '${name}' to '${context.receiver}.${name}'`, edits: [edit], confident: exact && !afterImport }];
    },
  };
}

/**
 * 1-based columns of `name` used bare on a line: not an attribute of something else, not a keyword
 * argument's name; in code, or else in an f-string's replacement field (`f"{limit}"`).
 */
export function bareUses(source: string, line: number, name: string): number[] {
  const bare = new RegExp(`(?<![\\w.])${name}(?!\\w)(?!\\s*=(?!=))`, 'g');
  const code = blankStringsAndComments(source).split('\n')[line - 1] ?? '';
  const inCode = [...code.matchAll(bare)].map((m) => (m.index as number) + 1);
  if (inCode.length > 0) return inCode;
  const text = source.split('\n')[line - 1] ?? '';
  const inField = (at: number) => /[fF][rR]?["']/.test(text.slice(0, at)) && (text.slice(0, at).match(/\{/g) ?? []).length > (text.slice(0, at).match(/\}/g) ?? []).length;
  return [...text.matchAll(bare)].map((m) => m.index as number).filter(inField).map((at) => at + 1);
}
