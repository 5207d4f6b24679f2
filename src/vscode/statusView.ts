// What the status bar item says in each state, and what clicking it does: a state that names a
// problem opens the one place that fixes it (the exact setting, or the log with pip's output), and
// the tooltip says so. No vscode import, so the unit tests read it as it is.
import { COMMANDS } from '../contract/editorPanelContract';
import type { SetupFailure } from '../core/heal/setupFailure';
import type { TokenUsage } from '../core/model/modelTypes';

export type EngineState =
  | { kind: 'unknown' }
  | { kind: 'found'; engine: string }
  /** No Docker or Podman engine answered (or it failed); with `runner: 'local'`, the local Python could not be started. */
  | { kind: 'not-found'; message?: string; runner?: 'docker' | 'local' }
  /** The engine answered; the run image is missing and could not be pulled. */
  | { kind: 'image-missing'; message?: string }
  /** The engine answered; the workspace's requirements could not be installed. */
  | { kind: 'install-failed'; message?: string }
  | { kind: 'running'; file: string }
  /** The engine is fine; the last run needs input or arguments, or stopped at a limit (`what`, in words). */
  | { kind: 'needs'; what: string; detail: string; action: { title: string; command: string; arguments: unknown[] } };

export interface StatusView {
  text: string;
  tooltip: string;
  command: { command: string; arguments: unknown[] };
  /** The theme colour behind the item, for the states that need the user. */
  background?: 'statusBarItem.errorBackground' | 'statusBarItem.warningBackground';
}

const OPEN_SETTINGS = 'workbench.action.openSettings';
const ALL_SETTINGS = { command: OPEN_SETTINGS, arguments: ['@ext:self-heal.self-heal'] };
const SHOW_LOG = { command: COMMANDS.showLog, arguments: [] };
const setting = (id: string) => ({ command: OPEN_SETTINGS, arguments: [id] });
const said = (message: string | undefined): string => (message ? `\n\n${message}\n\n` : ' ');

/**
 * The setting that fixes an engine problem: the image for one that cannot be pulled, the local
 * Python for the local runner (there is no engine to point at), else the engine's address.
 */
export function engineProblemSetting(code: string | undefined, runner: 'docker' | 'local'): string {
  if (runner === 'local') return 'selfHeal.pythonPath';
  return code === 'image-unavailable' ? 'selfHeal.image' : 'selfHeal.docker.host';
}

/** The image the last run used and why, added to every state's tooltip once a run chose one. */
export interface ImageLine {
  reason: string;
  /** A version the project asked for that no image serves, said plainly. */
  warning?: string;
}

/** "Model tokens this session: 1,234 (1,000 prompt, 234 answer)."; empty before any model answered. */
export function sessionTokensLine(tokens: TokenUsage | undefined): string {
  if (!tokens || tokens.totalTokens <= 0) return '';
  const n = (count: number) => count.toLocaleString('en-US');
  return `Model tokens this session: ${n(tokens.totalTokens)} (${n(tokens.promptTokens)} prompt, ${n(tokens.completionTokens)} answer).`;
}

export function statusViewOf(state: EngineState, image?: ImageLine, tokens?: TokenUsage): StatusView {
  const view = stateView(state);
  const imageText = image ? `Image: ${image.reason}.${image.warning ? `\n\n${image.warning}` : ''}` : '';
  const extra = [imageText, sessionTokensLine(tokens)].filter(Boolean).join('\n\n');
  if (extra === '') return view;
  // Every state's tooltip ends with what a click does; the image and the tokens go just before it, so that stays last.
  const click = view.tooltip.lastIndexOf('Click');
  return { ...view, tooltip: `${view.tooltip.slice(0, click).trimEnd()}\n\n${extra}\n\n${view.tooltip.slice(click)}` };
}

function stateView(state: EngineState): StatusView {
  switch (state.kind) {
    case 'unknown':
      return { text: '$(beaker) Self-Heal', tooltip: "Self-Heal: the engine is contacted on the first run. Click to open Self-Heal's settings.", command: ALL_SETTINGS };
    case 'found':
      return { text: '$(check) Self-Heal', tooltip: `Self-Heal: ${state.engine} is ready. Click to open Self-Heal's settings.`, command: ALL_SETTINGS };
    case 'not-found':
      if (state.runner === 'local') {
        return {
          text: '$(error) Self-Heal: no Python',
          tooltip: `Self-Heal: ${state.message ? `${state.message}\n\n` : 'the local Python could not be started. '}Click to open the setting selfHeal.pythonPath.`,
          command: setting('selfHeal.pythonPath'),
          background: 'statusBarItem.errorBackground',
        };
      }
      return {
        text: '$(error) Self-Heal: no engine',
        // The engine's own message says what went wrong (none answered, access denied, no answer in time).
        tooltip: `Self-Heal: ${state.message ? `${state.message}\n\n` : 'no Docker or Podman engine answered. '}Click to open the setting selfHeal.docker.host.`,
        command: setting('selfHeal.docker.host'),
        background: 'statusBarItem.errorBackground',
      };
    case 'image-missing':
      return {
        text: '$(warning) Self-Heal: image missing',
        tooltip: `Self-Heal: the engine answered, but the run image is missing and could not be pulled.${said(state.message)}Click to open the setting selfHeal.image.`,
        command: setting('selfHeal.image'),
        background: 'statusBarItem.warningBackground',
      };
    case 'install-failed':
      return {
        text: '$(warning) Self-Heal: install failed',
        tooltip: `Self-Heal: the engine answered, but the workspace's requirements could not be installed.${said(state.message)}Click to show the log with pip's output.`,
        command: SHOW_LOG,
        background: 'statusBarItem.warningBackground',
      };
    case 'running':
      return { text: '$(sync~spin) Self-Heal: running', tooltip: `Self-Heal: running ${state.file}. Click to show the log.`, command: SHOW_LOG };
    case 'needs':
      return { text: `$(debug-pause) Self-Heal: ${state.what}`, tooltip: `Self-Heal: ${state.detail}. Click: ${state.action.title}.`, command: { command: state.action.command, arguments: state.action.arguments } };
  }
}

/**
 * The engine, the image and the install are three different problems: saying "no engine" when the
 * engine answered would send the user to the wrong place. A declined install is no problem at all.
 */
export function setupFailureState(failure: SetupFailure, engine: string | undefined, runner?: 'docker' | 'local'): EngineState {
  if (failure.kind === 'install-declined') return engine ? { kind: 'found', engine } : { kind: 'unknown' };
  if (failure.kind === 'install') return { kind: 'install-failed', message: failure.message };
  if (failure.kind === 'image') return { kind: 'image-missing', message: failure.message };
  return runner ? { kind: 'not-found', message: failure.message, runner } : { kind: 'not-found', message: failure.message };
}
