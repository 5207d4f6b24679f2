import * as vscode from 'vscode';
import { settingsFrom, type SelfHealSettings } from '../core/settingsModel';

/** Reads the settings fresh each time, so a change takes effect without a reload. */
export function readSettings(scope?: vscode.Uri): SelfHealSettings {
  const config = vscode.workspace.getConfiguration('selfHeal', scope);
  return settingsFrom((key) => config.get(key));
}
