// The Fix Attempts panel in a real workbench: the view is contributed, resolves when focused, and
// its page (a real webview in Chromium) says `ready` and gets the host's snapshot - again after the
// view was hidden and shown. The panel's buttons are driven by the UI harness, not from here.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { GONE_TEXT } from '../../../src/webview/diffDocuments';
import { ATTEMPTS_VIEW_ID, PANEL_TEST_STATE_COMMAND, type PanelTestState } from '../../../src/webview/attemptsPanel';
import { activateExtension, EXTENSION_ID } from './hostHelper';

async function panelState(): Promise<PanelTestState> {
  const state = await vscode.commands.executeCommand<PanelTestState | undefined>(PANEL_TEST_STATE_COMMAND);
  if (!state) throw new Error('the panel is not registered: activate() must call registerAttemptsPanel(context)');
  return state;
}

async function waitFor(what: string, done: (state: PanelTestState) => boolean, timeoutMs = 20_000): Promise<PanelTestState> {
  const deadline = Date.now() + timeoutMs;
  let state = await panelState();
  while (!done(state)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify({ ...state, state: undefined })}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    state = await panelState();
  }
  return state;
}

describe('extension host: Fix Attempts panel', function () {
  this.timeout(60_000);

  before(() => activateExtension());

  it('contributes the Self-Heal activity bar container with the Fix Attempts webview view', () => {
    const contributes = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.contributes;
    assert.deepStrictEqual(contributes.viewsContainers.activitybar, [{ id: 'selfHeal', title: 'Self-Heal', icon: 'media/self-heal-activity.svg' }]);
    assert.deepStrictEqual(contributes.views.selfHeal, [{ type: 'webview', id: ATTEMPTS_VIEW_ID, name: 'Fix Attempts' }]);
  });

  it('resolves the view when focused, and its page says ready and gets a snapshot', async () => {
    await vscode.commands.executeCommand(`${ATTEMPTS_VIEW_ID}.focus`);
    const state = await waitFor('the ready handshake', (s) => s.viewResolved && s.webviewReady && s.snapshotsSent >= 1);
    assert.deepStrictEqual(Object.keys(state.state).sort(), ['modelConfigured', 'running', 'runs', 'sessionTokens']);
    assert.strictEqual(state.state.running, false);
  });

  it('sends the snapshot again when the view comes back after being hidden', async () => {
    await vscode.commands.executeCommand(`${ATTEMPTS_VIEW_ID}.focus`);
    const shown = await waitFor('the first handshake', (s) => s.webviewReady && s.snapshotsSent >= 1);
    await vscode.commands.executeCommand('workbench.view.explorer');
    await waitFor('the view to hide', (s) => !s.webviewReady);
    await vscode.commands.executeCommand(`${ATTEMPTS_VIEW_ID}.focus`);
    const again = await waitFor('the second handshake', (s) => s.webviewReady && s.snapshotsSent > shown.snapshotsSent);
    assert.strictEqual(again.snapshotsSent, shown.snapshotsSent + 1);
  });

  it('serves the diff documents, saying so when the run is gone', async () => {
    const query = JSON.stringify({ runId: 'no-such-run', entry: 'main.py', attempt: 1, side: 'before' });
    const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'self-heal-diff', path: '/main.py', query }));
    assert.strictEqual(document.getText(), GONE_TEXT);
    assert.strictEqual(document.languageId, 'python');
  });
});
