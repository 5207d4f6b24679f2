// A keyword the callee refuses where its parameter list does not say what it takes: the keywords
// reach it through `**kwargs` and are checked by hand (optparse's "option -d: invalid keyword
// arguments: hglp"), or the parameters found are those of a deeper callee (argparse's
// `_StoreAction.__init__`, where `action=` was already taken out). What the same callee is given
// elsewhere in the file is then the list to respell from: `add_option(..., help=...)` on the next line.
import { fileText } from '../files/fileTexts';
import type { RuleFixer } from './fixTypes';
import { blankStringsAndComments } from './nameScope';
import { nearestName } from './nearestName';
import { keywordAt, KEYWORD_ARGUMENT, respell, statementEnd } from './typoFixers';


export const siblingKeyword: RuleFixer = {
  id: 'sibling-keyword',
  kinds: ['type', 'other'],
  propose(error, files) {
    const source = error.file !== null ? fileText(files, error.file) : undefined;
    if (source === undefined || !error.line) return [];
    const code = blankStringsAndComments(source);
    const lines = code.split('\n');
    const start = lines.slice(0, error.line - 1).join('\n').length + (error.line > 1 ? 1 : 0);
    const statement = lines.slice(error.line - 1, Math.max(error.line, error.endLine ?? statementEnd(lines, error.line))).join('\n');
    // The keyword the message names (quoted or not), passed on the failing statement.
    const named = [...statement.matchAll(KEYWORD_ARGUMENT)].filter((m) => new RegExp(`(?<![\\w'])'?${m[1]}'?(?![\\w'])`).test(error.message.replace(/^.*?\(\)/, '')));
    if (named.length !== 1) return [];
    const typed = named[0][1];
    // The callee's own parameters settle it where they can (keywordTypo).
    if (error.candidates && nearestName(typed, error.candidates, 'parameters')) return [];
    const callee = calleeAt(code, start + (named[0].index as number));
    if (!callee) return [];
    const given = keywordsGivenTo(code, callee).filter((name) => name !== typed);
    const guess = nearestName(typed, [...given, ...(error.candidates ?? [])], 'parameters');
    return guess ? respell(error, code, typed, guess.name, false, keywordAt) : [];
  },
};

/** The name called by the innermost open `(` before `at`: `add_option` in `p.add_option('-d', hglp=`. */
function calleeAt(code: string, at: number): string | undefined {
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const ch = code[i];
    if (')]}'.includes(ch)) depth++;
    else if ('[{'.includes(ch)) depth--;
    else if (ch === '(' && depth-- === 0) return /([A-Za-z_]\w*)\s*$/.exec(code.slice(Math.max(0, i - 100), i))?.[1];
    if (depth < 0) return undefined;
  }
  return undefined;
}

/** Every keyword passed directly (not to a nested call) to a call of `callee` in the file. */
function keywordsGivenTo(code: string, callee: string): string[] {
  const names: string[] = [];
  for (const call of code.matchAll(new RegExp(`(?<![\\w])${callee}\\s*\\(`, 'g'))) {
    let depth = 0;
    let arguments_ = '';
    for (const ch of code.slice((call.index as number) + call[0].length)) {
      if (depth === 0 && ch === ')') break;
      depth += '([{'.includes(ch) ? 1 : ')]}'.includes(ch) ? -1 : 0;
      arguments_ += depth === 0 ? ch : ' ';
    }
    names.push(...[...arguments_.matchAll(KEYWORD_ARGUMENT)].map((m) => m[1]));
  }
  return names;
}
