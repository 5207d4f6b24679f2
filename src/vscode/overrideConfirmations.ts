// The workspace values of sensitive settings the user confirmed, per workspace, by setting and value:
// a changed value is asked about again.
import type * as vscode from 'vscode';
import { confirmationId, type GuardedSetting } from '../core/workspaceOverrides';

const PREFIX = 'selfHeal.confirmedWorkspaceValue.';

export class OverrideConfirmations {
  constructor(private readonly workspaceState: vscode.Memento) {}

  readonly isConfirmed = (key: GuardedSetting, value: unknown): boolean => this.workspaceState.get(PREFIX + confirmationId(key, value)) === true;

  confirm(key: GuardedSetting, value: unknown): Thenable<void> {
    return this.workspaceState.update(PREFIX + confirmationId(key, value), true);
  }
}
