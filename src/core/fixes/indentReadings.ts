// Readings of an indentation slip that the block structure around it decides between: a header
// indented too far moves alone when its body already stands one step under where it belongs, and
// a tab is as wide as the neighbouring lines' alignment says (CPython itself reads it as 8).
import { applyEdits, type TextEdit } from './fixTypes';
import { layoutOf, leading, linesFrom, openLevels, spaceUnit, widthOf, type Layout } from './statementLayout';

/**
 * "unexpected indent" on a block header whose following statements stand at its own width: only
 * the indent was added to the header (its body did not move with it), so the header goes back
 * alone and its body, one step under it again, stays. Undefined when the header has a deeper body.
 */
export function headerAlone(layout: Layout, at: number, target: string): TextEdit[] | undefined {
  if (!layout.headers.has(at)) return undefined;
  const width = widthOf(leading(layout.lines[at]));
  const end = layout.endOf.get(at) as number;
  const next = layout.starts.find((start) => start > end);
  if (next === undefined || widthOf(leading(layout.lines[next])) !== width || width <= widthOf(target)) return undefined;
  return linesFrom(layout, at, end + 1).map((line) => {
    const indent = leading(layout.lines[line]);
    const wanted = indent.startsWith(leading(layout.lines[at])) ? target + indent.slice(leading(layout.lines[at]).length) : ' '.repeat(Math.max(0, widthOf(indent) - width + widthOf(target)));
    return { file: '', startLine: line + 1, startColumn: 1, endLine: line + 1, endColumn: indent.length + 1, newText: wanted };
  });
}

/**
 * How well the statements an edit re-indents sit among their neighbours: 2 for each that stays in
 * the block of the statement before it (the same width after a plain statement, one step under a
 * header), 1 for each that lines up with the statement after it.
 */
export function alignmentOf(source: string, edits: readonly TextEdit[]): number {
  const text = applyEdits(source, edits);
  if (text === undefined) return -1;
  const layout = layoutOf(text);
  const unit = spaceUnit(layout);
  const edited = new Set(edits.map((edit) => edit.startLine - 1));
  let score = 0;
  layout.starts.forEach((start, i) => {
    if (!edited.has(start)) return;
    const width = widthOf(leading(layout.lines[start]));
    const before = layout.starts[i - 1];
    const after = layout.starts[i + 1];
    if (before !== undefined) {
      const expected = widthOf(leading(layout.lines[before])) + (layout.headers.has(before) ? unit : 0);
      // Nothing runs after a return, raise, continue or break in the same block: a statement there left it.
      const ends = /^(return|raise|continue|break)\b/.test(layout.lines[before].trim());
      if (width === expected && !ends) score += 2;
    }
    if (after !== undefined && width === widthOf(leading(layout.lines[after]))) score += 1;
  });
  return score;
}

/**
 * Whether the edits move a statement they do not touch into another block: its enclosing
 * statement (the nearest one above it that is less indented) changes, and is not itself one the
 * edits moved (a header put back names its body). A fix that adds a line (`pass`) names that line.
 */
export function reparentsOthers(source: string, edits: readonly TextEdit[]): boolean {
  const text = applyEdits(source, edits);
  if (text === undefined) return false;
  const [before, after] = [layoutOf(source), layoutOf(text)];
  if (before.lines.length !== after.lines.length) return false;
  const edited = new Set(edits.map((edit) => edit.startLine - 1));
  // Before, an edited line dedented to no open level (a half dedent) stood in no block: it is no one's parent.
  const unmatched = (s: number): boolean => {
    const width = widthOf(leading(before.lines[s]));
    const levels = openLevels(before, s).map((level) => widthOf(level.indent));
    return edited.has(s) && width < levels[levels.length - 1] && !levels.includes(width);
  };
  const parentOf = (layout: Layout, start: number): number | undefined => {
    const width = widthOf(leading(layout.lines[start]));
    return layout.starts.filter((s) => s < start && widthOf(leading(layout.lines[s])) < width && (layout === after || !unmatched(s))).pop();
  };
  return after.starts.some((start) => {
    if (edited.has(start) || !before.starts.includes(start)) return false;
    const parent = parentOf(after, start);
    return parent !== parentOf(before, start) && (parent === undefined || !edited.has(parent));
  });
}

/**
 * In a file indented with spaces, the tab widths that put each tab-indented statement level with the
 * statement before it (one step under it after a header): the mixed indent `\t   ` of a file whose
 * step is 5 reads as 8 columns only with a tab of 5.
 */
export function alignedTabSizes(layout: Layout, unit: number): number[] {
  const sizes: number[] = [];
  layout.starts.forEach((start, i) => {
    const indent = leading(layout.lines[start]);
    const before = layout.starts[i - 1];
    if (!indent.startsWith('\t') || indent.includes(' \t') || before === undefined || leading(layout.lines[before]).includes('\t')) return;
    const tabs = indent.length - indent.replace(/\t/g, '').length;
    const expected = widthOf(leading(layout.lines[before])) + (layout.headers.has(before) ? unit : 0);
    const size = (expected - (indent.length - tabs)) / tabs;
    if (Number.isInteger(size) && size >= 2 && size <= 8) sizes.push(size);
  });
  return sizes;
}
