// One status bar item: the engine's state, or what the last program needs; a click opens the
// settings (for a need: what answers it).
import * as vscode from 'vscode';
import { COMMANDS } from '../contract/editorPanelContract';

/** `needs`: the engine is fine; the last run needs input or arguments, or stopped at a limit (`what`, in words). */
export type EngineState =
  | { kind: 'unknown' }
  | { kind: 'found'; engine: string }
  | { kind: 'not-found' }
  | { kind: 'running'; file: string }
  | { kind: 'needs'; what: string; detail: string; action: vscode.Command };

export class EngineStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('selfHeal.engine', vscode.StatusBarAlignment.Left, 10);
  state: EngineState = { kind: 'unknown' };

  constructor() {
    this.item.name = 'Self-Heal Engine';
    this.item.command = COMMANDS.openSettings;
    this.show({ kind: 'unknown' });
  }

  show(state: EngineState): void {
    this.state = state;
    const view = {
      unknown: ['$(beaker) Self-Heal', 'Self-Heal: the engine is contacted on the first run. Click for settings.'],
      found: ['$(check) Self-Heal', `Self-Heal: ${'engine' in state ? state.engine : ''} is ready. Click for settings.`],
      'not-found': ['$(warning) Self-Heal: no engine', 'Self-Heal: no Docker or Podman engine answered. Click to set selfHeal.docker.host.'],
      running: ['$(sync~spin) Self-Heal: running', `Self-Heal: running ${'file' in state ? state.file : ''}`],
      needs: [`$(debug-pause) Self-Heal: ${'what' in state ? state.what : ''}`, `Self-Heal: ${'detail' in state ? state.detail : ''}. Click: ${'action' in state ? state.action.title : ''}.`],
    }[state.kind];
    this.item.text = view[0];
    this.item.tooltip = view[1];
    this.item.command = state.kind === 'needs' ? state.action : COMMANDS.openSettings;
    this.item.backgroundColor = state.kind === 'not-found' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.item.dispose();
  }
}
