// What the editor side (src/vscode) and the Fix Attempts panel's host side (src/webview) agree on,
// so neither imports the other: the command ids both run, and the feed through which the heal
// commands report to the panel. The panel implements the feed; extension.ts hands it to the editor.
// Only core's types come in here (test/unit/importRules.ts holds this).
import type { FileHealRecord } from '../core/heal/ledger';

// Every command id in one table; ids starting with `_` are internal and hidden from the palette.
export const COMMANDS = {
  runFile: 'selfHeal.runFile',
  runAndHeal: 'selfHeal.runAndHeal',
  runAndHealWorkspace: 'selfHeal.runAndHealWorkspace',
  runWithoutHealing: 'selfHeal.runWithoutHealing',
  /** Args: a file (Uri or its string); edits its arguments, input, variables and folder, then runs. */
  runWithArguments: 'selfHeal.runWithArguments',
  revertLastRun: 'selfHeal.revertLastRun',
  stop: 'selfHeal.stop',
  setApiKey: 'selfHeal.setApiKey',
  clearApiKey: 'selfHeal.clearApiKey',
  showLog: 'selfHeal.showLog',
  openSettings: 'selfHeal.openSettings',
  showTroubleshooting: 'selfHeal.showTroubleshooting',
  rebuildEnvironment: 'selfHeal.rebuildEnvironment',
  testModelConnection: 'selfHeal.testModelConnection',
  /** Args: { runId, entry } - undoes that file's kept fixes of that run. */
  revertFix: '_selfHeal.revertFix',
  /** Args: { entry } - heals that file again. */
  retryFile: '_selfHeal.retryFile',
  /** Args: { uri, version, key } - applies one rule fix offered as a quick fix. */
  applyRuleFix: '_selfHeal.applyRuleFix',
  /** Args: { uri, version, key } - asks the model, verifies, then applies. */
  fixWithAi: '_selfHeal.fixWithAi',
  /** Args: { uri, mode, limit?, outputOverflow? } - runs a file again with one limit raised or output past the cap discarded. */
  runAgain: '_selfHeal.runAgain',
  /** The Fix Attempts panel's state, for the tests. */
  attemptsPanelState: '_selfHeal.attemptsPanelState',
  testState: '_selfHeal.testState',
} as const;

/** How a heal run ended, as the panel shows it; a need (input, arguments, a limit) only when nothing else failed. */
export type HealRunEnding = 'healed' | 'not-healed' | 'cancelled' | 'failed' | 'needs-input' | 'needs-arguments' | 'stopped-at-limit';

/** One file's heal as the editor reports it: the ledger, where the file is, and how to name it. */
export interface ReportedFile extends FileHealRecord {
  /** The entry file's URI (string form, so it survives JSON). */
  uri: string;
  /** Workspace-relative path for display (names the folder in a multi-root workspace). */
  path: string;
}

/** What the editor tells the Fix Attempts panel. */
export interface AttemptsPanelFeed {
  startRun(run: { id: string; title: string }): void;
  /** Replaces the file's record in that run (the ledger grows as attempts are made). */
  updateFile(runId: string, file: ReportedFile): void;
  finishRun(runId: string, ending: HealRunEnding): void;
  markReverted(runId: string, entry: string): void;
  /** True while any heal of the editor runs. */
  setRunning(running: boolean): void;
  /** Whether "Fix with AI" and model attempts are possible. */
  setModelConfigured(configured: boolean): void;
}
