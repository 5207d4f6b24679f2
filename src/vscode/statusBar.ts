// One status bar item: the engine's state (statusView.ts says what each state shows and opens).
import * as vscode from 'vscode';
import type { EngineErrorCode } from '../core/run/engineError';
import { statusViewOf, type EngineState, type StatusView } from './statusView';

export type { EngineState } from './statusView';

export class EngineStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('selfHeal.engine', vscode.StatusBarAlignment.Left, 10);
  state: EngineState = { kind: 'unknown' };
  view: StatusView = statusViewOf(this.state);

  constructor() {
    this.item.name = 'Self-Heal Engine';
    this.show({ kind: 'unknown' });
  }

  show(state: EngineState): void {
    this.state = state;
    this.view = statusViewOf(state);
    this.item.text = this.view.text;
    this.item.tooltip = this.view.tooltip;
    this.item.command = { title: 'Self-Heal', ...this.view.command };
    this.item.backgroundColor = this.view.background && new vscode.ThemeColor(this.view.background);
    this.item.show();
  }

  /** An engine error as the user should read it: the image, or the engine itself. */
  showEngineError(error: { code: EngineErrorCode; message: string }): void {
    this.show(error.code === 'image-unavailable' ? { kind: 'image-missing', message: error.message } : { kind: 'not-found', message: error.message });
  }

  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.item.dispose();
  }
}
