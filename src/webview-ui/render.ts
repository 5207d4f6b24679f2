// Draws the panel from a snapshot: runs newest first, each with its files, each file's attempts as
// a timeline. Every control is a real <button>; sections open and close with aria-expanded.
import type { AttemptRecord } from '../core/heal/ledger';
import type { PythonError } from '../core/errors/pythonError';
import type { PanelFile, PanelRun, PanelState } from '../webview/protocol';
import { changedSpans, type ChangedSpan } from './diffChanges';
import { actionButton, h, icon } from './dom';
import { FILE_ACTION_LABEL, fileActionsOf, type FileAction } from './fileActions';
import { testHealItem, totalsText } from './testHealRender';
import { runTokenTotal, sessionTokensText } from './tokenTotals';
import { ATTEMPT_OUTCOME, changedElsewhere, cleanWordsOf, diffLines, errorWords, fileLabel, FIX_STATE, fixSourceLabel, formatDuration, formatStartedAt, formatTokens, locationLabel, needMark, plural, runFilesText } from './format';

/** What only the webview remembers: which sections are open. Keys: `run:ID`, `file:ID:ENTRY`. */
export interface ViewState {
  expanded: Record<string, boolean>;
}

export function renderPanel(state: PanelState | null, view: ViewState): Node[] {
  if (!state) return [h('p', { class: 'loading', 'aria-busy': 'true' }, 'Loading fix attempts…')];
  if (state.runs.length === 0) return [emptyState(state)];
  const runs = h('ol', { class: 'runs', 'aria-label': 'Runs, newest first' }, ...state.runs.map((run, index) => runItem(run, index, state, view)));
  return state.modelConfigured ? [toolbar(state), runs] : [toolbar(state), modelHint(true), runs];
}

function toolbar(state: PanelState): HTMLElement {
  const tokens = sessionTokensText(state);
  return h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Self-Heal' },
    state.running ? actionButton('Stop', 'stop', {}, { className: 'primary', ariaLabel: 'Stop the running heal' }) : actionButton('Run & Self-Heal', 'runAndHeal', {}, { className: 'primary' }),
    tokens && h('span', { class: 'session-tokens muted' }, tokens),
  );
}

function emptyState(state: PanelState): HTMLElement {
  return h('section', { class: 'empty', 'aria-labelledby': 'empty-title' },
    h('h2', { id: 'empty-title' }, 'No fix attempts yet'),
    h('p', {}, 'Run a Python file with Self-Heal: what broke shows on the exact line, and every fix tried appears here with its diff and the re-run that verified it.'),
    state.running ? actionButton('Stop', 'stop', {}, { className: 'primary', ariaLabel: 'Stop the running heal' }) : actionButton('Run & Self-Heal', 'runAndHeal', {}, { className: 'primary' }),
    !state.modelConfigured && modelHint(false),
  );
}

function modelHint(compact: boolean): HTMLElement {
  const text = compact
    ? 'Rule fixes only: no model is configured.'
    : 'No model is configured, so only rule fixes are tried (imports, typos, brackets, colons, indentation). Set an API key for fixes from a model, or point selfHeal.model.baseUrl at a local model server.';
  return h('div', { class: compact ? 'hint compact' : 'hint', role: 'note' }, h('p', {}, text), actionButton('Set API Key', 'setApiKey', {}));
}

function runItem(run: PanelRun, index: number, state: PanelState, view: ViewState): HTMLElement {
  const key = `run:${run.id}`;
  const expanded = view.expanded[key] ?? (index === 0 || run.status === 'running' || run.status === 'waiting');
  const status = FIX_STATE[run.status];
  // A heal against the tests plans no files: its meta is the suite's totals once it ended.
  const what = run.testHeal ? totalsText(run.testHeal.after.totals) : run.planned.length + run.files.length > 0 ? runFilesText(run) : '';
  const meta = [status.label, formatStartedAt(run.startedAt), what, formatTokens(runTokenTotal(run)), run.note].filter(Boolean).join(' · ');
  const unreported = run.planned.filter((entry) => !run.files.some((f) => f.entry === entry));
  const body = h('div', { id: `run-${index}`, class: 'run-body', hidden: !expanded },
    run.files.length === 0 && !run.healing && !run.testHeal ? h('p', { class: 'muted' }, 'No file was run.') : null,
    run.testHeal ? testHealItem(run, run.testHeal, state) : null,
    h('ul', { class: 'files' }, ...run.files.map((file, fileIndex) => fileItem(run, file, `run-${index}-file-${fileIndex}`, state, view))),
    run.healing && unreported.length > 0 ? h('p', { class: 'muted' }, `Still running: ${unreported.join(', ')}`) : null,
  );
  return h('li', { class: `run status-${run.status}` },
    h('h2', { class: 'heading' }, disclosure(key, expanded, `run-${index}`, icon(status.icon, `icon state-${run.status}`), run.title, meta)),
    body,
  );
}

function fileItem(run: PanelRun, file: PanelFile, id: string, state: PanelState, view: ViewState): HTMLElement {
  const key = `file:${run.id}:${file.entry}`;
  const expanded = view.expanded[key] ?? file.state !== 'clean';
  const elsewhere = changedElsewhere(file);
  const label = [fileLabel(file), elsewhere.length > 0 && `fix in ${elsewhere.join(', ')}`].filter(Boolean).join(' · ');
  const facts = [capitalised(file.stopReason), formatDuration(file.durationMs), formatTokens(file.tokens.totalTokens)].filter(Boolean).join(' · ');
  const actions = fileActions(run, file, state);
  return h('li', { class: `file state-${file.state}` },
    h('h3', { class: 'heading' }, disclosure(key, expanded, id, icon(FIX_STATE[file.state].icon, `icon state-${file.state}`), file.path, label)),
    h('div', { id, class: 'file-body', hidden: !expanded },
      h('p', { class: 'facts' }, facts),
      file.note && h('p', { class: 'note' }, capitalised(file.note)),
      actions.childElementCount > 0 && actions,
      h('ol', { class: 'timeline', 'aria-label': `What happened to ${file.path}` }, firstRun(run, file), ...file.attempts.map((attempt) => attemptItem(run, file, attempt))),
    ),
  );
}

/** The buttons for what can be done with the file's fix in its state (fileActionsOf). */
function fileActions(run: PanelRun, file: PanelFile, state: PanelState): HTMLElement {
  const ids = { run: run.id, entry: file.entry };
  const where = file.changed.join(', ') || file.path;
  const waiting = file.state === 'waiting';
  const options: Record<FileAction, { className?: string; ariaLabel: string; disabled?: boolean }> = {
    applyFix: { className: 'primary', ariaLabel: `Apply the verified fix to ${where}` },
    discardFix: { ariaLabel: `Discard the fix for ${where}` },
    openDiff: { ariaLabel: `Open the diff of the fix in ${where}` },
    revertFix: { ariaLabel: `Revert the fix in ${where}`, disabled: state.running },
    retry: { ariaLabel: `Heal ${file.path} again`, disabled: state.running },
    runWithArguments: { className: 'primary', ariaLabel: `Give ${file.path} its arguments, input or variables, and run it`, disabled: state.running },
    runAgainRaised: { className: 'primary', ariaLabel: `Run ${file.path} again with twice the limit it hit`, disabled: state.running },
  };
  return h('div', { class: 'actions' },
    ...fileActionsOf(file).map((action) => {
      const label = action === 'openDiff' && waiting ? 'Review Diff' : FILE_ACTION_LABEL[action];
      return actionButton(label, action, action === 'openDiff' ? { ...ids, attempt: 0 } : ids, options[action]);
    }),
  );
}

function firstRun(run: PanelRun, file: PanelFile): HTMLElement {
  const { error, reason, exitCode, outputTail } = file.firstRun;
  const clean = !error && reason === 'exited' && exitCode === 0;
  const what = error ? errorLine(run, file, error) : h('p', {}, clean ? `${cleanWordsOf(file)}.` : reason === 'engine-error' ? outputTail : `Ended: ${reason}.`);
  // Only a clean exit gets the check: a cancelled or broken first run did not pass. A program that
  // needs input or arguments, or hit a limit, did not fail either: it shows its need's mark.
  const need = error && needMark(error);
  const [glyph, kind] = clean ? ['✓', 'clean'] : need ? [need, 'need'] : reason === 'cancelled' ? ['■', 'cancelled'] : reason === 'engine-error' && !error ? ['!', 'broken'] : ['✗', 'failed'];
  return h('li', { class: `event first-run ${kind}` }, h('h4', {}, icon(glyph, `icon first-run-${kind}`), 'First run'), what);
}

function attemptItem(run: PanelRun, file: PanelFile, attempt: AttemptRecord): HTMLElement {
  const outcome = ATTEMPT_OUTCOME[attempt.outcome];
  // Said in words: a bare duration under the verification reads as the verification's own.
  const facts = [`Took ${formatDuration(attempt.durationMs)}`, formatTokens(attempt.tokens.totalTokens)].filter(Boolean).join(' · ');
  const fix = attempt.fix;
  return h('li', { class: `event attempt outcome-${attempt.outcome}` },
    h('h4', {}, icon(outcome.icon, `icon attempt-${attempt.outcome}`), `Attempt ${attempt.number}: ${outcome.label}`),
    errorLine(run, file, attempt.error, 'For '),
    fix
      ? h('p', { class: 'fix' }, 'Fix: ', fix.description, ' ', h('span', { class: 'badge' }, fixSourceLabel(fix.source)))
      : h('p', { class: 'fix muted' }, 'No fix was proposed.'),
    fix && fix.diff !== '' && diffBlock(fix.diff, `Diff of attempt ${attempt.number}`),
    attempt.rejections.length > 0 &&
      h('details', { class: 'rejections' }, h('summary', {}, `${plural(attempt.rejections.length, 'answer')} refused`), h('ul', {}, ...attempt.rejections.map((r) => h('li', {}, r)))),
    h('p', { class: 'verification' }, h('span', { class: 'label' }, 'Verification: '), attempt.why),
    h('p', { class: 'facts' }, facts),
    fix && fix.diff !== '' && h('div', { class: 'actions' }, actionButton('Open Diff', 'openDiff', { run: run.id, entry: file.entry, attempt: attempt.number }, { ariaLabel: `Open the diff of attempt ${attempt.number} in ${file.path}` })),
  );
}

function errorLine(run: PanelRun, file: PanelFile, error: PythonError, lead = ''): HTMLElement {
  const where = locationLabel(error);
  const { title, detail } = errorWords(error);
  return h('p', { class: 'error' },
    lead,
    h('strong', { class: 'error-type' }, title),
    detail ? `: ${detail}` : '',
    where && ' ',
    where &&
      actionButton(where, 'openLocation', { path: error.file ?? undefined, line: error.line ?? undefined, column: error.column ?? undefined, run: run.id, entry: file.entry }, { className: 'link', ariaLabel: `Open ${where}` }),
  );
}

function diffBlock(diff: string, label: string): HTMLElement {
  // Focusable so a keyboard user can scroll a wide diff.
  // The file header says only the file's name; it is shown when the fix touches several files.
  const lines = diffLines(diff).filter((line) => !line.text.startsWith('--- a/'));
  const severalFiles = lines.filter((line) => line.kind === 'file').length > 1;
  const shown = lines.filter((line) => line.kind !== 'file' || severalFiles).map((line) => (line.kind === 'file' ? { ...line, text: line.text.slice('+++ b/'.length) } : line));
  const changes = changedSpans(shown);
  return h('pre', { class: 'diff', tabindex: '0', role: 'region', 'aria-label': label }, ...shown.map((line, index) => h('span', { class: `diff-line ${line.kind}` }, ...diffLineText(line.text, changes[index]))));
}

/** The line's text, its changed characters (if known) in a span of their own. */
function diffLineText(text: string, change: ChangedSpan | null): (string | HTMLElement)[] {
  if (!change) return [text || ' '];
  return [text.slice(0, change.start), h('span', { class: 'change' }, text.slice(change.start, change.end)), text.slice(change.end)];
}

/** The button of a section heading: its title, and facts that wrap below it when the view is narrow. */
function disclosure(key: string, expanded: boolean, controls: string, statusIcon: HTMLElement, title: string, meta: string): HTMLButtonElement {
  return h('button', { type: 'button', class: 'disclosure', 'aria-expanded': String(expanded), 'aria-controls': controls, 'data-toggle': key, 'data-key': `toggle|${key}` },
    icon('', 'chevron'),
    statusIcon,
    h('span', { class: 'label' }, h('span', { class: 'title' }, title), h('span', { class: 'meta' }, meta)),
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
