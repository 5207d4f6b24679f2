import * as vscode from 'vscode';
import { settingsFrom, type SelfHealSettings } from '../core/settings/settingsModel';
import { chooseGuardedValue, isGuarded, type GuardedChoice, type HeldValue, type IsConfirmed } from '../core/settings/workspaceOverrides';

const NOTHING_CONFIRMED: IsConfirmed = () => false;

/**
 * Reads the settings fresh each time, so a change takes effect without a reload. A workspace value of
 * a sensitive setting (core/workspaceOverrides.ts) counts only when `confirmed` says so.
 */
export function readSettings(scope?: vscode.Uri, confirmed: IsConfirmed = NOTHING_CONFIRMED): SelfHealSettings {
  return readGuardedSettings(scope, confirmed).settings;
}

/** The settings and the workspace values that were passed over, each with the choice made instead. */
export function readGuardedSettings(scope: vscode.Uri | undefined, confirmed: IsConfirmed): { settings: SelfHealSettings; held: Array<{ held: HeldValue; used: GuardedChoice }> } {
  const config = vscode.workspace.getConfiguration('selfHeal', scope);
  const held = new Map<string, { held: HeldValue; used: GuardedChoice }>();
  const settings = settingsFrom((key) => {
    if (!isGuarded(key)) return config.get(key);
    const choice = chooseGuardedValue(key, config.inspect(key) ?? {}, confirmed);
    for (const value of choice.held) held.set(`${value.scope}:${value.key}`, { held: value, used: choice });
    // Unset is not the same as set to the default: a set image wins over the project's Python version.
    return choice.from === 'default' ? undefined : choice.value;
  });
  return { settings, held: [...held.values()] };
}
