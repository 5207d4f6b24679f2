// What the editor side (src/vscode) and the Fix Attempts panel's host side (src/webview) agree on,
// so neither imports the other: the command ids both run, and the feed through which the heal
// commands report to the panel. The panel implements the feed; extension.ts hands it to the editor.
// Only core's types come in here (test/unit/importRules.ts holds this).
import type { CutShort, FixState } from '../core/heal/fixLifecycle';
import type { FileHealRecord } from '../core/heal/ledger';
import type { TestHealReceipt } from '../core/testHeal/testHealTypes';

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
  /** Args: a Test Explorer item (its context menu), or none: heals the failing tests of every folder. */
  healFailingTests: 'selfHeal.healFailingTests',
  /**
   * A fix waiting for a choice. Args: the diff editor's URI (its title bar), { runId, entry } (the
   * panel), or none: the fix whose diff is the active editor.
   */
  applyFix: 'selfHeal.applyFix',
  discardFix: 'selfHeal.discardFix',
  /** Args: { runId, entry } - undoes that file's kept fixes of that run. */
  revertFix: '_selfHeal.revertFix',
  /** Args: { entry } - heals that file again. */
  retryFile: '_selfHeal.retryFile',
  /** Args: { runId, entry } - shows that waiting fix's diff again. */
  showFixPreview: '_selfHeal.showFixPreview',
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

/** One file's heal as the editor reports it: the ledger, where the file is, and how to name it. */
export interface ReportedFile extends FileHealRecord {
  /** The entry file's URI (string form, so it survives JSON). */
  uri: string;
  /** Workspace-relative path for display (names the folder in a multi-root workspace). */
  path: string;
  /** Workspace-relative paths of the files its fix changes. */
  changed: string[];
  /** How a clean run of it is said (core's CLEAN_RUN_WORDS): "ran clean", or "imports cleanly" for a module only import-checked. */
  cleanWords: string;
}

/** A heal against a folder's tests: the receipt, and where it ran. */
export interface ReportedTestHeal {
  /** The key its fix has in the run (Apply, Discard and Revert name it), like a file's entry. */
  entry: string;
  /** The workspace folder's URI (string form). */
  uri: string;
  /** The folder as shown. */
  path: string;
  /** Workspace-relative paths of the files its fix changes. */
  changed: string[];
  receipt: TestHealReceipt;
}

/**
 * What the editor tells the Fix Attempts panel. File states change only through the state machine
 * (core/heal/fixLifecycle.ts): the panel refuses, and logs, a move it does not allow.
 */
export interface AttemptsPanelFeed {
  /** `entries`: the files the run sets out to heal (root-relative), in the order the panel lists them. */
  startRun(run: { id: string; title: string; entries: readonly string[] }): void;
  /** A file's heal ended: its record, and the state it ends in (moving from running). */
  reportFile(runId: string, file: ReportedFile, state: FixState, note?: string): void;
  /** A heal against the tests ended: its receipt, and the state its fix ends in (moving from running). */
  reportTestHeal(runId: string, heal: ReportedTestHeal, state: FixState, note?: string): void;
  /** A later step of a reported file: a choice, an Apply refused, a revert. */
  moveFile(runId: string, entry: string, state: FixState, note?: string): void;
  /** The run's heals are over (its files may still wait for a choice); `cutShort` when some never ended. */
  endHealing(runId: string, cutShort?: CutShort): void;
  /** A fact of the whole run beside its files' states, such as "2 tests fail" after a workspace run. */
  noteRun(runId: string, note: string): void;
  /** True while any heal of the editor runs. */
  setRunning(running: boolean): void;
  /** Whether "Fix with AI" and model attempts are possible. */
  setModelConfigured(configured: boolean): void;
}
