// Every command id in one table; ids starting with `_` are internal and hidden from the palette.
export const COMMANDS = {
  runFile: 'selfHeal.runFile',
  stop: 'selfHeal.stop',
  setApiKey: 'selfHeal.setApiKey',
  clearApiKey: 'selfHeal.clearApiKey',
  showLog: 'selfHeal.showLog',
  openSettings: 'selfHeal.openSettings',
  showTroubleshooting: 'selfHeal.showTroubleshooting',
  testState: '_selfHeal.testState',
} as const;
