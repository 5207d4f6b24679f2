// The workspace values of sensitive settings the user confirmed, per workspace, by setting and value:
// a changed value is asked about again.
import * as vscode from 'vscode';
import { confirmationId, type GuardedSetting } from '../core/settings/workspaceOverrides';

const PREFIX = 'selfHeal.confirmedWorkspaceValue.';

export class OverrideConfirmations implements vscode.Disposable {
  private readonly confirmed = new vscode.EventEmitter<GuardedSetting>();
  /** A confirmed value changes the settings as a settings edit would (e.g. whether a model is set up). */
  readonly onDidConfirm = this.confirmed.event;

  constructor(private readonly workspaceState: vscode.Memento) {}

  readonly isConfirmed = (key: GuardedSetting, value: unknown): boolean => this.workspaceState.get(PREFIX + confirmationId(key, value)) === true;

  async confirm(key: GuardedSetting, value: unknown): Promise<void> {
    await this.workspaceState.update(PREFIX + confirmationId(key, value), true);
    this.confirmed.fire(key);
  }

  dispose(): void {
    this.confirmed.dispose();
  }
}
