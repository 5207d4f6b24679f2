// Draws a heal against the tests: the verdict, the suite's totals before and after, the tests that
// went from red to green (and those still red, and the flaky ones) by id, each attempt with its
// result and tokens, and the buttons for its fix's state plus Copy Summary (the Markdown receipt).
import type { TestTotals } from '../core/testing/testTypes';
import type { PanelRun, PanelState, PanelTestHeal } from '../webview/protocol';
import { actionButton, h, icon } from './dom';
import { FIX_STATE, formatDuration, formatTokens } from './format';

const COUNTED = ['passed', 'failed', 'error', 'skipped', 'xfailed', 'xpassed'] as const;

const ATTEMPT_WORDS: Record<PanelTestHeal['attempts'][number]['outcome'], { label: string; icon: string }> = {
  healed: { label: 'every target test passes', icon: '✓' },
  kept: { label: 'kept: some targets pass, nothing broke', icon: '↗' },
  rejected: { label: 'rejected by the suite', icon: '✗' },
  refused: { label: 'refused', icon: '⊘' },
  cancelled: { label: 'cancelled', icon: '■' },
};

/** "3 passed, 1 failed": the outcomes that happened, or what an empty run means. */
export function totalsText(totals: TestTotals): string {
  const parts = COUNTED.filter((outcome) => totals[outcome] > 0).map((outcome) => `${totals[outcome]} ${outcome}`);
  return parts.length > 0 ? parts.join(', ') : 'no tests ran';
}

export function testHealItem(run: PanelRun, heal: PanelTestHeal, state: PanelState): HTMLElement {
  const facts = [formatDuration(heal.durationMs), formatTokens(heal.tokens.totalTokens)].filter(Boolean).join(' · ');
  return h('section', { class: `test-heal state-${heal.state}`, 'aria-label': `Tests of ${heal.path}` },
    h('h3', {}, icon(FIX_STATE[heal.state].icon, `icon state-${heal.state}`), `Tests of ${heal.path} (${heal.framework})`),
    h('p', { class: 'facts' }, heal.reason),
    heal.note && h('p', { class: 'note' }, heal.note),
    h('table', { class: 'suite-totals' },
      h('tr', {}, h('th', { scope: 'row' }, 'Before'), h('td', {}, totalsText(heal.before.totals))),
      h('tr', {}, h('th', { scope: 'row' }, 'After'), h('td', {}, totalsText(heal.after.totals))),
    ),
    idList('Red to green', 'green', heal.green),
    idList('Still failing', 'red', heal.stillRed),
    idList('Flaky (not healed)', 'flaky', heal.flaky),
    heal.changed.length > 0 && h('p', { class: 'muted' }, `Fix in ${heal.changed.join(', ')}`),
    heal.attempts.length > 0 && h('ol', { class: 'timeline', 'aria-label': `Attempts on the tests of ${heal.path}` }, ...heal.attempts.map((attempt) => {
      const words = ATTEMPT_WORDS[attempt.outcome];
      return h('li', { class: `event attempt outcome-${attempt.outcome}` },
        h('h4', {}, icon(words.icon, 'icon'), `Attempt ${attempt.number}: ${words.label}`),
        h('p', { class: 'fix' }, 'Fix: ', attempt.description, ' ', h('span', { class: 'badge' }, attempt.source)),
        h('p', { class: 'verification' }, h('span', { class: 'label' }, 'Verification: '), attempt.why),
        h('p', { class: 'facts' }, [`Took ${formatDuration(attempt.durationMs)}`, formatTokens(attempt.totalTokens)].filter(Boolean).join(' · ')),
      );
    })),
    testHealActions(run, heal, state),
  );
}

function idList(title: string, kind: string, ids: readonly string[]): HTMLElement | false {
  return ids.length > 0 && h('div', { class: `test-ids ${kind}` }, h('h4', {}, `${title} (${ids.length})`), h('ul', {}, ...ids.map((id) => h('li', {}, h('code', {}, id)))));
}

function testHealActions(run: PanelRun, heal: PanelTestHeal, state: PanelState): HTMLElement {
  const ids = { run: run.id, entry: heal.entry };
  const where = heal.changed.join(', ') || heal.path;
  return h('div', { class: 'actions' },
    heal.state === 'waiting' && actionButton('Apply', 'applyFix', ids, { className: 'primary', ariaLabel: `Apply the verified fix to ${where}` }),
    heal.state === 'waiting' && actionButton('Discard', 'discardFix', ids, { ariaLabel: `Discard the fix for ${where}` }),
    heal.state === 'applied' && actionButton('Revert This Fix', 'revertFix', ids, { ariaLabel: `Revert the fix in ${where}`, disabled: state.running }),
    actionButton('Copy Summary', 'copySummary', { run: run.id }, { ariaLabel: `Copy the Markdown summary of the tests of ${heal.path}` }),
  );
}
