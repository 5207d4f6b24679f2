// `=` written for `==` in a condition: `if x = 1:`, `while n = 0:`, `assert a = b`, and the `if` of a
// comprehension or a conditional expression. CPython 3.10+ says "Maybe you meant '==' ..." (or
// "expected 'else' after 'if' expression"); 3.9 only "invalid syntax", pointing at the `=` itself.
// A keyword argument, an annotation's default and `:=` are never comparison contexts.
import type { RuleFixer } from './fixTypes';
import { blankStringsAndComments } from './nameScope';
import { candidate, lineEdit, spotOf } from './syntaxSpot';

const MESSAGES = /^(invalid syntax|expected 'else' after 'if' expression)$|Maybe you meant '=='|perhaps you meant "=="/;
/** A call's argument `f(a % 2 = 1)`: CPython names the `=` it means, whatever the context. */
const ARGUMENT = /^expression cannot contain assignment, perhaps you meant "=="\?$/;
const KEYWORDS = new Set(['if', 'elif', 'while', 'assert', 'and', 'or', 'not', 'in', 'is', 'else']);
const CONDITION_KEYWORDS = new Set(['if', 'elif', 'while', 'assert']);
/** Words after which an `=` at the same depth is no longer in the condition. */
const CONDITION_ENDS = new Set(['else', 'for', 'lambda']);

/** 0-based indexes of the lone `=` signs of a line (code only) that sit in a condition. */
export function comparisonEquals(code: string): number[] {
  const found: number[] = [];
  // Per bracket depth: whether a condition keyword opened a condition still running there.
  const inCondition: boolean[] = [false];
  const words = /[A-Za-z_]\w*|\S/g;
  let previous = '';
  for (const match of code.matchAll(words)) {
    const [token, at] = [match[0], match.index as number];
    const depth = inCondition.length - 1;
    // A grouping `(` (not a call's) carries the condition in: `if (n = 1):`, `if(len(a) = 0):`.
    const grouping = token === '(' && (!/^[A-Za-z_]\w*$|^[)\]]$/.test(previous) || KEYWORDS.has(previous));
    previous = token;
    if ('([{'.includes(token)) inCondition.push(grouping && inCondition[depth]);
    else if (')]}'.includes(token)) inCondition.length > 1 && inCondition.pop();
    else if (CONDITION_KEYWORDS.has(token) && (token === 'if' || depth === 0 && code.slice(0, at).trim() === '')) inCondition[depth] = true;
    else if (CONDITION_ENDS.has(token) || token === ',' && depth > 0 || token === ':' && code[at + 1] !== '=') inCondition[depth] = false;
    else if (token === '=' && inCondition[depth] && isLoneEquals(code, at)) found.push(at);
  }
  return found;
}

function loneEquals(code: string): number[] {
  return [...code.matchAll(/=/g)].map((m) => m.index as number).filter((at) => isLoneEquals(code, at));
}

/** Not part of `==`, `!=`, `<=`, `>=`, `:=`, or an augmented assignment (`+=`, `//=`, ...). */
function isLoneEquals(code: string, at: number): boolean {
  return code[at + 1] !== '=' && !/[=!<>:+\-*/%&|^@]/.test(code[at - 1] ?? '');
}

/** The syntax error of a condition holding `=`: make that one `=` a `==`. */
export const equalsForCompare: RuleFixer = {
  id: 'equals-for-compare',
  kinds: ['syntax'],
  propose(error, files) {
    const spot = spotOf(error, files);
    if (!spot || !MESSAGES.test(error.message)) return [];
    const code = blankStringsAndComments(spot.lines.join('\n')).split('\n')[spot.line - 1] ?? '';
    const places = ARGUMENT.test(error.message) ? loneEquals(code) : comparisonEquals(code);
    // The error's column is at the `=` (3.9, assert) or at the start of the comparison it ends (3.10+).
    const place = places.find((at) => at + 1 >= spot.column);
    if (place === undefined) return [];
    const named = /Maybe you meant '=='|expected 'else'|perhaps you meant "=="/.test(error.message);
    const confident = places.length === 1 && (named || place + 1 === spot.column);
    return [candidate('equals-for-compare', "Change '=' to '=='", [lineEdit(spot, spot.line, place + 1, place + 2, '==')], confident)];
  },
};
