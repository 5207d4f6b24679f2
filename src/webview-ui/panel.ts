// The Fix Attempts panel in the browser. It draws at once from the state VS Code kept for it (a
// hidden view's page is dropped), says `ready`, and from then on draws every snapshot the host sends:
// the host's state wins. Buttons post messages; the host decides what they do.
import { isHostMessage, type PanelState, type WebviewMessage } from '../webview/protocol';
import { FIX_STATE } from './format';
import { renderPanel, type ViewState } from './render';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: SavedView): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

interface SavedView {
  panel: PanelState | null;
  expanded: Record<string, boolean>;
}

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;
const announcer = document.getElementById('announcer') as HTMLElement;
const saved = savedView(vscode.getState());
let panel = saved.panel;
const view: ViewState = { expanded: saved.expanded };

function draw(): void {
  // A redraw replaces the buttons; focus goes back to the one with the same key.
  const focused = (document.activeElement as HTMLElement | null)?.dataset?.key;
  root.replaceChildren(...renderPanel(panel, view));
  if (focused) root.querySelector<HTMLElement>(`[data-key="${CSS.escape(focused)}"]`)?.focus();
}

/** VS Code keeps this state while the view is hidden; past this size only the newest runs are kept. */
const MAX_KEPT_CHARS = 512 * 1024;

function save(): void {
  vscode.setState({ panel: panel && newestWithin(panel, MAX_KEPT_CHARS), expanded: view.expanded });
}

function newestWithin(state: PanelState, maxChars: number): PanelState {
  let size = 0;
  const runs = state.runs.filter((run) => (size += JSON.stringify(run).length) <= maxChars);
  return { ...state, runs };
}

/** Tells screen readers when a run starts or ends, which they would not notice otherwise. */
function announce(before: PanelState | null, after: PanelState): void {
  const changed = after.runs.find((run) => before?.runs.find((r) => r.id === run.id)?.status !== run.status);
  if (changed && before) announcer.textContent = `${changed.title}: ${FIX_STATE[changed.status].label}`;
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!isHostMessage(event.data)) return;
  announce(panel, event.data.state);
  panel = event.data.state;
  save();
  draw();
});

root.addEventListener('click', (event) => {
  const button = (event.target as Element).closest('button');
  if (!button || !root.contains(button)) return;
  const toggle = button.dataset.toggle;
  if (toggle) {
    const expanded = button.getAttribute('aria-expanded') !== 'true';
    view.expanded[toggle] = expanded;
    button.setAttribute('aria-expanded', String(expanded));
    const body = document.getElementById(button.getAttribute('aria-controls') ?? '');
    if (body) body.hidden = !expanded;
    save();
    return;
  }
  const message = messageOf(button.dataset);
  if (message) vscode.postMessage(message);
});

/** The message a button stands for, from its data-* attributes (see dom.ts actionButton). */
function messageOf(data: DOMStringMap): WebviewMessage | undefined {
  const ids = { runId: data.run ?? '', entry: data.entry ?? '' };
  switch (data.action) {
    case 'openLocation':
      return {
        type: 'openLocation', path: data.path ?? '', line: Number(data.line),
        ...(data.column ? { column: Number(data.column) } : {}),
        ...(data.run && data.entry ? ids : {}),
      };
    case 'openDiff':
      return { type: 'openDiff', ...ids, attempt: Number(data.attempt) };
    case 'applyFix':
    case 'discardFix':
    case 'revertFix':
    case 'retry':
    case 'runWithArguments':
    case 'runAgainRaised':
      return { type: data.action, ...ids };
    case 'copySummary':
      return { type: 'copySummary', runId: data.run ?? '' };
    case 'stop':
    case 'runAndHeal':
    case 'setApiKey':
      return { type: data.action };
    default:
      return undefined;
  }
}

function savedView(value: unknown): SavedView {
  const candidate = value as Partial<SavedView> | undefined;
  const panelState = candidate?.panel && isHostMessage({ type: 'state', state: candidate.panel }) ? candidate.panel : null;
  const expanded = typeof candidate?.expanded === 'object' && candidate.expanded !== null ? candidate.expanded : {};
  return { panel: panelState, expanded };
}

draw();
vscode.postMessage({ type: 'ready' });
