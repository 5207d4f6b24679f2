// Every command id in one table; ids starting with `_` are internal and hidden from the palette.
export const COMMANDS = {
  runFile: 'selfHeal.runFile',
  runAndHeal: 'selfHeal.runAndHeal',
  runAndHealWorkspace: 'selfHeal.runAndHealWorkspace',
  runWithoutHealing: 'selfHeal.runWithoutHealing',
  revertLastRun: 'selfHeal.revertLastRun',
  stop: 'selfHeal.stop',
  setApiKey: 'selfHeal.setApiKey',
  clearApiKey: 'selfHeal.clearApiKey',
  showLog: 'selfHeal.showLog',
  openSettings: 'selfHeal.openSettings',
  showTroubleshooting: 'selfHeal.showTroubleshooting',
  rebuildEnvironment: 'selfHeal.rebuildEnvironment',
  /** Args: { runId, entry } - undoes that file's kept fixes of that run. */
  revertFix: '_selfHeal.revertFix',
  /** Args: { entry } - heals that file again. */
  retryFile: '_selfHeal.retryFile',
  /** Args: { uri, version, key } - applies one rule fix offered as a quick fix. */
  applyRuleFix: '_selfHeal.applyRuleFix',
  /** Args: { uri, version, key } - asks the model, verifies, then applies. */
  fixWithAi: '_selfHeal.fixWithAi',
  /** The Fix Attempts panel's state, for the tests. */
  attemptsPanelState: '_selfHeal.attemptsPanelState',
  testState: '_selfHeal.testState',
} as const;
