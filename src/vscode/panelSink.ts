// Feeds the Fix Attempts panel from the heal commands: each run, each file's ledger, the ending.
// The panel is known only by the feed it implements (the shared contract); extension.ts passes it in.
import * as vscode from 'vscode';
import type { AttemptsPanelFeed } from '../contract/editorPanelContract';
import type { HealRunSink } from './healRunTypes';
import { uriOf } from './runDiagnostics';

export function panelSink(panel: AttemptsPanelFeed): HealRunSink {
  return {
    startRun: (run) => {
      panel.startRun(run);
      panel.setRunning(true);
    },
    updateFile: (runId, file) => {
      const uri = uriOf(file.root, file.entry);
      const { root: _root, ...record } = file;
      panel.updateFile(runId, { ...record, uri: uri.toString(), path: vscode.workspace.asRelativePath(uri) });
    },
    finishRun: (runId, status) => {
      panel.finishRun(runId, status);
      panel.setRunning(false);
    },
    markReverted: (runId, entry) => panel.markReverted(runId, entry),
  };
}
