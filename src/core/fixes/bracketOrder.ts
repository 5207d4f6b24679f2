// Which place of a missing closer (bracketPlaces.ts) real code makes likeliest, judged on the token
// that would follow the closer and on the bracket it closes:
// - a call or subscript is compared, tested or joined far more often than it takes a comparison
//   as its argument (`len(x) == 0`, `f(a) and b`), a comprehension's `for` belongs to the display
//   around the call (`[f(x) for x in xs]`), and parameters end before a return annotation;
// - otherwise the statement's end (or a header's ':'), where the closer most often stands;
// - then before an operator, a comma or a colon of the bracket around it, then anything else;
// - a call or subscript written so elsewhere in the file (`len(l)`) goes first within its tier,
//   then the place that moves the fewest tokens out of the bracket;
// - above all, a reading that leaves the line shaped as another line of the file is (the same
//   check written with other numbers: `abs(f(1.33) - 0.33) < 1e-6`).
import type { ClosingPlace, SpanToken } from './bracketPlaces';
import { tokensOf } from './lineTokens';

export interface PlaceContext {
  /** The line of code before the span's opener, on its line (to tell a call from a display). */
  beforeSpan: string;
  /** A bracket stands open around the span's opener (the span ends at that bracket's closer). */
  enclosed: boolean;
  /** The file's lines, and its whole text for the same call written elsewhere. */
  lines: readonly string[];
  fileText: string;
}

export interface ScoredPlace {
  place: ClosingPlace;
  /** The line as the reading leaves it has the shape of another line of the file. */
  shapedAsAnother: boolean;
  tier: number;
  seenElsewhere: boolean;
  moved: number;
}

const TESTS = new Set(['and', 'or', 'if', 'else', 'is', 'in', 'not']);
const NOT_CALLEES = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'elif', 'else', 'for', 'while', 'return', 'yield', 'assert', 'del', 'lambda', 'await', 'print', 'with', 'from', 'import', 'raise']);

/** The score of each place, best first. */
export function orderedPlaces(places: readonly ClosingPlace[], context: PlaceContext): ScoredPlace[] {
  const shapes = new Set(context.lines.map(shapeOf));
  const scored = places.map((place) => scoreOf(place, context, shapes));
  return scored.sort((a, b) => Number(b.shapedAsAnother) - Number(a.shapedAsAnother) || a.tier - b.tier || Number(b.seenElsewhere) - Number(a.seenElsewhere) || a.moved - b.moved);
}

/** A line's tokens with every number and string alike: the shape two checks of one function share. */
function shapeOf(line: string): string {
  return tokensOf(line).map((token) => (token.kind === 'number' ? '0' : token.kind === 'string' ? '""' : line.slice(token.start, token.end))).join(' ');
}

function scoreOf(place: ClosingPlace, context: PlaceContext, shapes: ReadonlySet<string>): ScoredPlace {
  const { tokens, at, opener } = place;
  const after = tokens[at];
  const next = tokens[at + 1];
  const callee = calleeOf(place, context);
  const enclosed = opener > 0 || context.enclosed;
  const tier = tierOf(after, next, callee !== undefined, enclosed, statementCall(place, context));
  const written = callee !== undefined && place.line === tokens[opener].line ? `${callee}${lineOf(place, context).slice(tokens[opener].start, place.index)}${place.closer}` : '';
  const line = lineOf(place, context);
  const shapedAsAnother = shapes.has(shapeOf(line.slice(0, place.index) + place.closer + line.slice(place.index)));
  return { place, shapedAsAnother, tier, seenElsewhere: written.length >= 4 && context.fileText.includes(written), moved: tokens.length - at };
}

function tierOf(after: SpanToken | undefined, next: SpanToken | undefined, call: boolean, enclosed: boolean, statementCall: boolean): number {
  if (!after) return 1;
  const text = after.text;
  const twoChar = text + (next && next.start === after.end && next.line === after.line ? next.text : '');
  // A call standing alone as a statement is not compared or computed with: its result would be lost.
  if (statementCall) return text === '.' ? 2 : 3;
  if (twoChar === '->') return 0;
  if (call && (TESTS.has(text) || /^(?:==|!=|<=|>=|[<>])/.test(twoChar) || (text === 'as' && after.kind === 'name'))) return 0;
  if (enclosed && text === 'for') return 0;
  if (call && /^[-+*/%@&|^]$/.test(text)) return 2;
  if (enclosed && (text === ',' || text === ':')) return 2;
  return 3;
}

/** The code before the closed bracket when it is a call or a subscript (`len`, `xs`, `f(a)`), else undefined. */
function calleeOf(place: ClosingPlace, context: PlaceContext): string | undefined {
  const { tokens, opener } = place;
  const before = opener > 0 ? tokens[opener - 1] : undefined;
  if (before && before.line === tokens[opener].line) {
    if (before.kind === 'op' ? !')]}'.includes(before.text) : before.kind === 'name' && NOT_CALLEES.has(before.text)) return undefined;
    return before.kind === 'name' ? before.text : '';
  }
  if (opener > 0) return undefined;
  const word = /([A-Za-z_]\w*)\s*$/.exec(context.beforeSpan)?.[1];
  if (word !== undefined) return NOT_CALLEES.has(word) ? undefined : word;
  return /[)\]}'"]\s*$/.test(context.beforeSpan) ? '' : undefined;
}

/** Whether the closed bracket is a call that starts an expression statement (`print(x`, `items.append(y`). */
function statementCall(place: ClosingPlace, context: PlaceContext): boolean {
  return place.opener === 0 && /^\s*[A-Za-z_][\w.]*\s*$/.test(context.beforeSpan);
}

function lineOf(place: ClosingPlace, context: PlaceContext): string {
  return context.lines[place.line - 1] ?? '';
}
