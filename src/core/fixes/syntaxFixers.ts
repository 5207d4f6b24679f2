// A compound statement without its ':' (CPython 3.10+ says "expected ':'"; older versions and some
// positions only "invalid syntax"). Brackets and strings have their own fixers: bracketFixers.ts,
// stringFixer.ts.
import type { RuleFixer } from './fixTypes';
import { scanLine } from './lineScan';
import { candidate, COMPOUND, lineEdit, spotOf } from './syntaxSpot';

/** "expected ':'" (or a bare "invalid syntax" on a compound statement without one): add the colon. */
export const missingColon: RuleFixer = {
  id: 'missing-colon',
  kinds: ['syntax'],
  propose(error, files) {
    const spot = spotOf(error, files);
    if (!spot || !/^(expected ':'|invalid syntax)$/.test(error.message)) return [];
    const text = spot.lines[spot.line - 1] ?? '';
    const scan = scanLine(text);
    if (!COMPOUND.test(text) || scan.open.length > 0 || text.slice(0, scan.codeEnd).endsWith(':')) return [];
    const at = scan.codeEnd + 1;
    return [candidate('missing-colon', "Add ':'", [lineEdit(spot, spot.line, at, at, ':')], true)];
  },
};
