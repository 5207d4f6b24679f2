// What a file's heading in the panel offers in each state, by name and label. No DOM here, so the
// unit tests and the extension host's tests read the same words the panel shows.
import type { PanelFile } from '../webview/protocol';

/** What a file's heading offers; fileActionsOf says which, in order. */
export type FileAction = 'applyFix' | 'discardFix' | 'openDiff' | 'revertFix' | 'retry' | 'runWithArguments' | 'runAgainRaised';

export const FILE_ACTION_LABEL: Record<FileAction, string> = {
  applyFix: 'Apply',
  discardFix: 'Discard',
  openDiff: 'Open Diff',
  revertFix: 'Revert This Fix',
  retry: 'Retry',
  // The command's own title, so the palette and the editor menu name it the same.
  runWithArguments: 'Run with Arguments...',
  // The notification's and the lightbulb's words for the same run.
  runAgainRaised: 'Run again with 2x the limit',
};

/**
 * What can be done with a file's fix in its state: choose, look, undo, or try again. A program that
 * needs input or arguments is given them (Run with Arguments...), not healed again; a program stopped
 * at a limit is run again with twice the limit (the same limit would stop it again); nothing is
 * offered for a clean file.
 */
export function fileActionsOf(file: Pick<PanelFile, 'state' | 'diff'>): FileAction[] {
  const needs = file.state === 'needs-input' || file.state === 'needs-arguments';
  const limit = file.state === 'stopped-at-limit';
  const retry = !needs && !limit && !['waiting', 'applied', 'discarded', 'reverted', 'clean', 'running'].includes(file.state);
  const actions: (FileAction | false)[] = [
    file.state === 'waiting' && 'applyFix',
    file.state === 'waiting' && 'discardFix',
    file.diff !== '' && 'openDiff',
    file.state === 'applied' && 'revertFix',
    retry && 'retry',
    needs && 'runWithArguments',
    limit && 'runAgainRaised',
  ];
  return actions.filter((action): action is FileAction => action !== false);
}
