// The defect classes the benchmark makes, and the one entry point that lists a program's mutants of
// a class. Every list is deterministic for a given seed.
import { attributeTypos, keywordTypos, missingImports, missingSelves, nameTypos } from './nameMutations';
import { viewOf, type ProgramView } from './programView';
import { seededRandom, type Random } from './seededRandom';
import { brokenIndentation, equalsSwaps, missingColons, unclosedBrackets, unterminatedStrings } from './syntaxMutations';

export const MUTATION_CLASSES = [
  'missing-import',
  'name-typo',
  'attribute-typo',
  'unclosed-bracket',
  'missing-colon',
  'indentation',
  'unterminated-string',
  'keyword-typo',
  'missing-self',
  'eq-swap',
] as const;

export type MutationClass = (typeof MUTATION_CLASSES)[number];

export interface Mutant {
  mutation: MutationClass;
  /** 1-based line of the edit in the original text. */
  line: number;
  description: string;
  text: string;
}

const GENERATORS: Record<MutationClass, (view: ProgramView, random: Random) => Mutant[]> = {
  'missing-import': missingImports,
  'name-typo': nameTypos,
  'attribute-typo': attributeTypos,
  'unclosed-bracket': unclosedBrackets,
  'missing-colon': missingColons,
  indentation: brokenIndentation,
  'unterminated-string': unterminatedStrings,
  'keyword-typo': keywordTypos,
  'missing-self': missingSelves,
  'eq-swap': equalsSwaps,
};

/** Every mutant of one class, in source order; [] when the class has no place in the program. */
export function mutantsOf(mutation: MutationClass, text: string, seed: string, editableEnd = text.length): Mutant[] {
  return GENERATORS[mutation](viewOf(text, editableEnd), seededRandom(`${seed}:${mutation}`)).filter((mutant) => mutant.text !== text);
}
