// One status bar item: the engine's state (statusView.ts says what each state shows and opens).
import * as vscode from 'vscode';
import type { EngineErrorCode } from '../core/run/engineError';
import type { TokenUsage } from '../core/model/modelTypes';
import { statusViewOf, type EngineState, type ImageLine, type StatusView } from './statusView';

export type { EngineState } from './statusView';

export class EngineStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('selfHeal.engine', vscode.StatusBarAlignment.Left, 10);
  state: EngineState = { kind: 'unknown' };
  /** The image the last run chose and why (core/environment/runImageChoice.ts). */
  image: ImageLine | undefined;
  view: StatusView = statusViewOf(this.state);
  /** Model tokens of every heal since the window opened, for the tooltip. */
  sessionTokens: TokenUsage | undefined;

  constructor() {
    this.item.name = 'Self-Heal Engine';
    this.show({ kind: 'unknown' });
  }

  show(state: EngineState): void {
    this.state = state;
    this.view = statusViewOf(state, this.image, this.sessionTokens);
    this.item.text = this.view.text;
    this.item.tooltip = this.view.tooltip;
    this.item.command = { title: 'Self-Heal', ...this.view.command };
    this.item.backgroundColor = this.view.background && new vscode.ThemeColor(this.view.background);
    this.item.show();
  }

  /** Says which image runs use and why, in the tooltip of whatever state shows. */
  showImage(image: ImageLine): void {
    this.image = { reason: image.reason, ...(image.warning ? { warning: image.warning } : {}) };
    this.show(this.state);
  }

  /** Says in the tooltip how many model tokens the heals of this session used. */
  showSessionTokens(tokens: TokenUsage): void {
    this.sessionTokens = { ...tokens };
    this.show(this.state);
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
