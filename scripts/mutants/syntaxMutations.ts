// Mutations that break the program's syntax: a deleted closing bracket, a deleted block colon, a
// dropped quote, `==` written `=` in a condition, and broken indentation. Each yields every place it
// applies, in source order; the benchmark picks among them with its seed.
import type { Mutant } from './mutationClasses';
import { edited, editable, lineOf, lineTokens, opensBlock, type ProgramView } from './programView';
import type { Random } from './seededRandom';

const BLOCK_KEYWORDS = new Set(['if', 'elif', 'else', 'for', 'while', 'with', 'try', 'except', 'finally', 'def', 'class', 'async']);

export function unclosedBrackets(view: ProgramView): Mutant[] {
  return view.tokens
    .filter((token) => token.kind === 'op' && ')]}'.includes(token.text) && editable(view, token))
    .map((token) => ({ mutation: 'unclosed-bracket', line: lineOf(view.text, token.start), description: `deleted '${token.text}'`, text: edited(view.text, token.start, token.end, '') }));
}

/** The colon that ends a compound statement's header: the first at the header's own depth (lambdas excluded). */
export function missingColons(view: ProgramView): Mutant[] {
  const mutants: Mutant[] = [];
  view.lines.forEach((_, index) => {
    const code = lineTokens(view, index);
    if (code.length === 0 || !BLOCK_KEYWORDS.has(code[0].text)) return;
    const header = code.filter((token) => token.depth === code[0].depth);
    const colon = header.find((token) => token.text === ':');
    if (!colon || !editable(view, colon) || header.some((token) => token.text === 'lambda' && token.start < colon.start)) return;
    mutants.push({ mutation: 'missing-colon', line: lineOf(view.text, colon.start), description: `deleted the ':' of '${code[0].text}'`, text: edited(view.text, colon.start, colon.end, '') });
  });
  return mutants;
}

/** A single-line string loses its closing or its opening quote. */
export function unterminatedStrings(view: ProgramView, random: Random): Mutant[] {
  const mutants: Mutant[] = [];
  for (const token of view.tokens) {
    if (token.kind !== 'string' || !editable(view, token) || token.text.includes('\n')) continue;
    const opening = /^[rRbBuUfF]{0,2}('''|"""|'|")/.exec(token.text)!;
    if (opening[1].length === 3 || !token.text.endsWith(opening[1]) || token.text.length < opening[0].length + 1) continue;
    const closing = random() < 0.5;
    const at = closing ? token.end - 1 : token.start + opening[0].length - 1;
    mutants.push({ mutation: 'unterminated-string', line: lineOf(view.text, token.start), description: `dropped the ${closing ? 'closing' : 'opening'} quote of ${token.text.slice(0, 20)}`, text: edited(view.text, at, at + 1, '') });
  }
  return mutants;
}

export function equalsSwaps(view: ProgramView): Mutant[] {
  const mutants: Mutant[] = [];
  view.lines.forEach((_, index) => {
    const code = lineTokens(view, index);
    if (code.length === 0 || !['if', 'elif', 'while'].includes(code[0].text)) return;
    for (const token of code) {
      if (token.text !== '==' || !editable(view, token)) continue;
      mutants.push({ mutation: 'eq-swap', line: lineOf(view.text, token.start), description: `'==' written '=' in '${code[0].text}'`, text: edited(view.text, token.start, token.end, '=') });
    }
  });
  return mutants;
}

/**
 * One statement line moved so that Python must refuse it: indented one level deeper than a line that
 * opens no block (unexpected indent), dedented half a level (matches no outer level), or its first
 * level written as a tab in a file indented with spaces (inconsistent tabs). First lines of a block
 * are left alone: a deeper first line is still valid Python.
 */
export function brokenIndentation(view: ProgramView, random: Random): Mutant[] {
  const mutants: Mutant[] = [];
  const unit = /\n( +)\S/.exec(view.text)?.[1] ?? '    ';
  const usesTabs = /^\t/m.test(view.text);
  view.lines.forEach((line, index) => {
    const first = view.tokens[line.first];
    if (index === 0 || !editable(view, first) || opensBlock(view, index - 1) || /[^ ]/.test(line.indent)) return;
    // Deeper than a sibling is an unexpected indent; deeper than a line that ends a block would join that block.
    const ways = line.indent.length >= view.lines[index - 1].indent.length ? ['over-indented'] : [];
    if (line.indent.length >= unit.length && unit.length % 2 === 0) ways.push('under-indented');
    if (line.indent.length >= unit.length && !usesTabs) ways.push('tab-indented');
    if (ways.length === 0) return;
    const way = ways[Math.floor(random() * ways.length)];
    const indent = way === 'over-indented' ? line.indent + unit : way === 'under-indented' ? line.indent.slice(unit.length / 2) : '\t' + line.indent.slice(unit.length);
    mutants.push({ mutation: 'indentation', line: lineOf(view.text, first.start), description: `line ${way}`, text: edited(view.text, line.lineStart, first.start, indent) });
  });
  return mutants;
}
