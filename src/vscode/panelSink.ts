// Feeds the Fix Attempts panel from the heal commands: each run, each file's ledger and state, the
// later choices. The panel is known only by the feed it implements (the shared contract);
// extension.ts passes it in.
import * as vscode from 'vscode';
import type { AttemptsPanelFeed } from '../contract/editorPanelContract';
import { CLEAN_RUN_WORDS } from '../core/program/launch';
import type { HealRunSink } from './healRunTypes';
import { uriOf } from './runDiagnostics';

export function panelSink(panel: AttemptsPanelFeed): HealRunSink {
  return {
    startRun: (run) => {
      panel.startRun(run);
      panel.setRunning(true);
    },
    reportFile: (runId, file, state, note) => {
      const { root, launchKind, ...record } = file;
      const uri = uriOf(root, file.entry);
      // The panel names the files the fix changes, which need not be the file that was run.
      const changed = Object.keys(record.changedFiles).sort().map((f) => vscode.workspace.asRelativePath(uriOf(root, f)));
      panel.reportFile(runId, { ...record, uri: uri.toString(), path: vscode.workspace.asRelativePath(uri), changed, cleanWords: CLEAN_RUN_WORDS[launchKind ?? 'run'] }, state, note);
    },
    moveFile: (runId, entry, state, note) => panel.moveFile(runId, entry, state, note),
    endHealing: (runId, cutShort) => {
      panel.endHealing(runId, cutShort);
      panel.setRunning(false);
    },
    noteRun: (runId, note) => panel.noteRun(runId, note),
  };
}
