// What the status bar item says in each state, and what clicking it does: a state that names a
// problem opens the one place that fixes it (the exact setting, or the log with pip's output), and
// the tooltip says so. No vscode import, so the unit tests read it as it is.
import { COMMANDS } from '../contract/editorPanelContract';

export type EngineState =
  | { kind: 'unknown' }
  | { kind: 'found'; engine: string }
  /** No Docker or Podman engine answered (or it failed). */
  | { kind: 'not-found'; message?: string }
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

export function statusViewOf(state: EngineState): StatusView {
  switch (state.kind) {
    case 'unknown':
      return { text: '$(beaker) Self-Heal', tooltip: "Self-Heal: the engine is contacted on the first run. Click to open Self-Heal's settings.", command: ALL_SETTINGS };
    case 'found':
      return { text: '$(check) Self-Heal', tooltip: `Self-Heal: ${state.engine} is ready. Click to open Self-Heal's settings.`, command: ALL_SETTINGS };
    case 'not-found':
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
