// How much of a line's code a reading keeps as code, judged on its tokens (lineTokens.ts): the
// readings of one slip are ordered by the names they leave unknown to the rest of the file (a word
// of prose turned into code), then by the code tokens they keep (code swallowed into a string).
import { tokensOf, type Token } from './lineTokens';
import { layoutOf } from './statementLayout';

const KEYWORDS = new Set(
  ('False None True and as assert async await break class continue def del elif else except finally for from global if ' +
    'import in is lambda nonlocal not or pass raise return try while with yield match case print self cls').split(' '),
);

// The builtins a line most often names; a name also counts as known when the file uses it elsewhere.
const BUILTINS = new Set(
  ('abs all any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex delattr dict dir divmod ' +
    'enumerate eval exec filter float format frozenset getattr globals hasattr hash help hex id input int isinstance ' +
    'issubclass iter len list locals map max memoryview min next object oct open ord pow property range repr reversed ' +
    'round set setattr slice sorted staticmethod str sum super tuple type vars zip __name__ __file__ __doc__ ' +
    'Exception BaseException ValueError TypeError KeyError IndexError RuntimeError StopIteration AttributeError ' +
    'NotImplementedError ZeroDivisionError AssertionError OSError IOError NotImplemented Ellipsis').split(' '),
);

/** The names the file's other lines use as code (not in strings or comments). */
export function namesUsedElsewhere(lines: readonly string[], except: number): Set<string> {
  const names = new Set<string>();
  // A docstring's prose is no use of a name.
  const { inString } = layoutOf(lines.join('\n'));
  lines.forEach((line, i) => {
    if (i === except || inString[i]) return;
    for (const token of tokensOf(line)) if (token.kind === 'name') names.add(line.slice(token.start, token.end));
  });
  return names;
}

export interface ReadingScore {
  /** Names standing as code that neither Python nor the rest of the file knows. */
  unknownNames: number;
  /** Strings that begin or end at a comma between words (`', B'`): quotes paired across an item boundary. */
  splitItems: number;
  /** Blanks where PEP 8 puts none, or none where it puts one, around the strings the reading made. */
  oddSpaces: number;
  /** Tokens outside strings. */
  codeTokens: number;
}

/**
 * The score of one line as a reading would leave it. `inserted`: where the reading's quotes stand
 * in the line; spacing is judged only around the strings they make (the rest is as the author wrote it).
 * `tightCommas`: the author writes `"a","b"`, so a comma without a blank after it is their style.
 */
export function scoreOf(line: string, fileNames: ReadonlySet<string>, inserted: readonly number[] = [], tightCommas = false): ReadingScore {
  const tokens = tokensOf(line);
  const known = new Set([...fileNames, ...boundOnLine(line, tokens)]);
  let unknownNames = 0;
  tokens.forEach((token, i) => {
    if (token.kind !== 'name') return;
    const name = line.slice(token.start, token.end);
    const before = i > 0 ? line.slice(tokens[i - 1].start, tokens[i - 1].end) : '';
    const after = tokens[i + 1] ? line.slice(tokens[i + 1].start, tokens[i + 1].end) : '';
    // An attribute, or a keyword argument's name, is not looked up in the file's scope.
    if (before === '.' || (after === '=' && line[tokens[i + 1].start + 1] !== '=')) return;
    if (!KEYWORDS.has(name) && !BUILTINS.has(name) && !known.has(name)) unknownNames++;
  });
  const made = (token: Token): boolean => token.kind === 'string' && inserted.some((at) => at >= token.start && at < token.end);
  const near = (i: number): boolean => inserted.length === 0 || [i - 1, i, i + 1].some((k) => tokens[k] !== undefined && made(tokens[k]));
  // A made string that ends in a blank right before code (`'- '* n`) took the code's own space.
  // Only beside an arithmetic operator: a blank before a comma or after a bracket is the string's own (`"x: ", x`).
  const operator = (k: number): boolean => tokens[k]?.kind === 'op' && /[-+*/%@&|^<>]/.test(line[tokens[k].start]);
  const tookSpace = (token: Token, i: number): boolean => made(token) && ((/\s["']$/.test(line.slice(token.start, token.end)) && tokens[i + 1]?.start === token.end && operator(i + 1))
    || (/^[A-Za-z]*["']\s/.test(line.slice(token.start, token.end)) && i > 0 && tokens[i - 1].end === token.start && operator(i - 1)));
  const oddSpaces = tokens.filter((token, i) => (near(i) && oddlySpaced(line, tokens, i, tightCommas)) || tookSpace(token, i)).length;
  const splitItems = tokens.filter((token) => {
    const body = line.slice(token.start, token.end).replace(/^[A-Za-z]*(["'])/, '').replace(/["']$/, '');
    return made(token) && (/^\s*,\s*\w/.test(body) || /\w\s*,\s*$/.test(body));
  }).length;
  return { unknownNames, splitItems, oddSpaces, codeTokens: tokens.filter((token) => token.kind !== 'string').length };
}

/**
 * PEP 8's spacing at token i: none inside brackets, before a comma or a dot (`' '.join`, not
 * `'' .join`); one after a comma; never two between tokens.
 */
function oddlySpaced(line: string, tokens: readonly Token[], i: number, tightCommas: boolean): boolean {
  const token = tokens[i];
  const next = tokens[i + 1];
  const ch = token.kind === 'op' ? line[token.start] : '';
  const gapBefore = i > 0 ? token.start - tokens[i - 1].end : 0;
  const gapAfter = next ? next.start - token.end : 0;
  const spaceBefore = gapBefore > 0 && /[,.)\]}]/.test(ch);
  const spaceAfter = /[([{]/.test(ch) && gapAfter > 0 && !/[)\]}]/.test(line[next.start]);
  const tightComma = !tightCommas && ch === ',' && next !== undefined && gapAfter === 0 && !/[)\]}]/.test(line[next.start]);
  return spaceBefore || spaceAfter || tightComma || (i > 0 && gapBefore > 1);
}

/** Names the line binds for itself: a comprehension's or a loop's targets, a lambda's parameters. */
function boundOnLine(line: string, tokens: readonly Token[]): string[] {
  const names: string[] = [];
  let binding: string | undefined;
  for (const token of tokens) {
    const text = line.slice(token.start, token.end);
    if (token.kind === 'name' && (text === 'for' || text === 'lambda')) binding = text === 'for' ? 'in' : ':';
    else if (binding !== undefined && text === binding) binding = undefined;
    else if (binding !== undefined && token.kind === 'name') names.push(text);
  }
  return names;
}

/** Orders best first: fewer unknown names, then fewer items split, fewer odd blanks, then more code kept. */
export function compareScores(a: ReadingScore, b: ReadingScore): number {
  return a.unknownNames - b.unknownNames || a.splitItems - b.splitItems || a.oddSpaces - b.oddSpaces || b.codeTokens - a.codeTokens;
}

/**
 * Whether a string on the line holds code: two or more names the file knows, each called, indexed
 * or followed by an attribute (`'.join(sorted([x for x in numbers.split('`). Quotes paired the wrong
 * way leave such a string; a reading that keeps one has not found the slip. f-strings hold code by design.
 */
export function swallowsCode(line: string, known: ReadonlySet<string>): boolean {
  return tokensOf(line).some((token) => {
    const text = line.slice(token.start, token.end);
    if (token.kind !== 'string' || /^[A-Za-z]*[fF]/.test(text)) return false;
    const body = text.replace(/^[A-Za-z]*(?:"""|'''|"|')/, '');
    const uses = [...body.matchAll(/(?<![\w.])([A-Za-z_]\w*)\s*[(.[]/g)].filter((m) => known.has(m[1]) || BUILTINS.has(m[1]));
    return uses.length >= 2;
  });
}
