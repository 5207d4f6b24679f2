// A misspelt name, attribute or keyword argument that CPython offered no "Did you mean" for (3.9
// offers none; 3.10+ stop at a cost that `maks` for `mask` already exceeds): the nearest of the names
// it could have meant. Names come from the source (nameScope.ts) and the version's builtins;
// attributes and parameters from the launcher's record (PythonError.candidates), or for a module of
// the standard library from the generated table. The one nearest name is a fix only when no other is
// as near; short names have too many neighbours to guess from.
import { editDistance } from './moduleTypo';

/**
 * Names shorter than this are not guessed at all. A short name is still guessed when one name alone
 * is a single edit away (`nit` for `int`; `sp=` among `split`'s `sep` and `maxsplit`), but never
 * preferred (CONFIDENT_FROM_LENGTH): the re-run and the program's own checks judge it. Among the
 * many names in scope three letters is the least; among one object's attributes, three; among one
 * callee's parameters, a handful at most, two.
 */
const MIN_LENGTH = { scope: 3, own: 3, parameters: 2 };
/** Shorter guesses may be tried, never preferred. */
const CONFIDENT_FROM_LENGTH = 4;
/** From this length on, two slips (a swap and a dropped letter) still read as the same word. */
const TWO_EDITS_FROM_LENGTH = 8;

export interface NameGuess {
  name: string;
  distance: number;
  confident: boolean;
}

/**
 * The one candidate nearest to `typed`: undefined when `typed` is short, none is near enough (one
 * edit, two for long names), or two or more are equally near. Confident when no other is near enough
 * at all and `typed` is not short. `pool`: the names in scope, or an object's own (fewer) names.
 */
export function nearestName(typed: string, candidates: Iterable<string>, pool: keyof typeof MIN_LENGTH = 'scope'): NameGuess | undefined {
  if (typed.length < MIN_LENGTH[pool]) return undefined;
  const limit = typed.length >= TWO_EDITS_FROM_LENGTH ? 2 : 1;
  const distances: Array<{ name: string; distance: number }> = [];
  for (const name of new Set(candidates)) {
    if (name === typed) return undefined;
    // A private name is meant only by a typo that is private too.
    if (name.startsWith('_') !== typed.startsWith('_')) continue;
    const distance = editDistance(typed, name, limit + 1);
    if (distance <= limit + 1) distances.push({ name, distance });
  }
  const best = Math.min(...distances.map((each) => each.distance));
  if (!(best <= limit)) return undefined;
  const nearest = distances.filter((each) => each.distance === best);
  if (nearest.length > 1) return undefined;
  const near = distances.filter((each) => each.distance <= limit).length;
  return { name: nearest[0].name, distance: best, confident: near === 1 && typed.length >= CONFIDENT_FROM_LENGTH };
}
