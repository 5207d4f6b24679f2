// A keyword argument misspelt where the callee takes `**kwargs` and the name it lacks is all the
// error says: `str.format` ("KeyError: 'delim'" for `.format(elim=...)`, the template often a
// constant defined elsewhere) and a callee that passes its keywords on to one that requires them
// ("missing 1 required positional argument: 'dest'" for `add_argument(deot=...)`). The keyword of
// the failing statement nearest to the missing name is respelt as that name.
import { fileText } from '../files/fileTexts';
import type { RuleFixer } from './fixTypes';
import { blankStringsAndComments } from './nameScope';
import { nearestName } from './nearestName';
import { keywordAt, KEYWORD_ARGUMENT, respell, statementEnd } from './typoFixers';

const MISSING_KEY = /^'([A-Za-z_]\w*)'$/;
/** The names a call lacks: "missing 1 required positional argument: 'dest'", or "...: 'a' and 'b'". */
const MISSING_ARGUMENTS = /missing \d+ required (?:positional|keyword-only) arguments?: (.*)$/;
/** `.format(` or `.format_map(dict(`: the calls whose keywords become a template's fields. */
const FORMAT_CALL = /\.format\s*\(|\.format_map\s*\(\s*dict\s*\(/g;

export const missingKeyword: RuleFixer = {
  id: 'missing-keyword',
  kinds: ['key', 'type'],
  propose(error, files) {
    const source = error.file !== null ? fileText(files, error.file) : undefined;
    if (source === undefined || !error.line) return [];
    const key = MISSING_KEY.exec(error.message)?.[1];
    const missing = key ? [key] : [...(MISSING_ARGUMENTS.exec(error.message)?.[1] ?? '').matchAll(/'([A-Za-z_]\w*)'/g)].map((m) => m[1]);
    // Several names missing: more than one slip, or simply arguments not given.
    if (missing.length !== 1 || (key !== undefined) !== (error.type === 'KeyError')) return [];
    // A required argument missing from a call the user's line makes directly is an argument not
    // given (`range(step=2)`); only one that library code passed on (`**kwargs`) can be the keyword.
    if (key === undefined && !error.frames[error.frames.length - 1]?.external) return [];
    const code = blankStringsAndComments(source);
    const keywords = statementKeywords(code.split('\n'), error.line, error.endLine, key !== undefined);
    // The name passed already: the error comes from something else (a dict, a nested field).
    if (keywords.length === 0 || keywords.includes(missing[0])) return [];
    const guess = nearestName(missing[0], keywords, 'parameters');
    return guess ? respell(error, code, guess.name, missing[0], guess.confident && key !== undefined, keywordAt) : [];
  },
};

/** The keyword names passed on the statement at `line` (code only); for a KeyError, only to `.format(`. */
function statementKeywords(lines: readonly string[], line: number, endLine: number | null, formatOnly: boolean): string[] {
  const last = Math.max(line, endLine ?? statementEnd(lines, line));
  const statement = lines.slice(line - 1, last).join('\n');
  const starts = formatOnly ? [...statement.matchAll(FORMAT_CALL)].map((call) => (call.index as number) + call[0].length) : [0];
  return starts.flatMap((start) => [...statement.slice(start).matchAll(KEYWORD_ARGUMENT)].map((keyword) => keyword[1]));
}
