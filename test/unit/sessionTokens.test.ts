// The model tokens people can see beyond each attempt's: a run's total and the session's in the Fix
// Attempts panel, and the session's in the status bar's tooltip.
import * as assert from 'assert';
import type { FileHealRecord } from '../../src/core/heal/ledger';
import { PanelStore } from '../../src/webview/panelStore';
import { runTokenTotal, sessionTokensText } from '../../src/webview-ui/tokenTotals';
import { sessionTokensLine, statusViewOf } from '../../src/vscode/statusView';
import { healedAreaRecord, MemoryMemento, panelFileOf } from './panelFixtures';

describe('tokens per run and per session', function () {
  this.timeout(20_000);
  let record: FileHealRecord;
  before(async () => {
    record = await healedAreaRecord();
  });

  it('adds every reported heal to the session, and a reloaded store starts from none', async () => {
    const memento = new MemoryMemento();
    const store = new PanelStore(memento);
    store.startRun({ id: 'r1', title: 'First', entries: ['a.py', 'b.py'] });
    store.reportFile('r1', panelFileOf({ ...record, entry: 'a.py', tokens: { promptTokens: 1200, completionTokens: 34, totalTokens: 1234 } }), 'applied');
    store.reportFile('r1', panelFileOf({ ...record, entry: 'b.py', tokens: { promptTokens: 400, completionTokens: 100, totalTokens: 500 } }), 'failed');
    // A file reported twice is refused, and its tokens are not counted twice.
    store.reportFile('r1', panelFileOf({ ...record, entry: 'b.py', tokens: { promptTokens: 400, completionTokens: 100, totalTokens: 500 } }), 'failed');
    const state = store.snapshot();
    assert.deepStrictEqual(state.sessionTokens, { promptTokens: 1600, completionTokens: 134, totalTokens: 1734 });
    assert.strictEqual(runTokenTotal(state.runs[0]), 1734);
    assert.strictEqual(sessionTokensText(state), 'Model tokens this session: 1,734 tokens (1,600 prompt, 134 answer)');
    await store.persist();
    assert.deepStrictEqual(new PanelStore(memento).snapshot().sessionTokens, { promptTokens: 0, completionTokens: 0, totalTokens: 0 });
  });

  it('says nothing before a model answered', () => {
    assert.strictEqual(sessionTokensText({ sessionTokens: { promptTokens: 0, completionTokens: 0, totalTokens: 0 } }), '');
    assert.strictEqual(sessionTokensLine(undefined), '');
  });

  it('puts the session tokens in the status bar tooltip, before what a click does', () => {
    const view = statusViewOf({ kind: 'found', engine: 'Podman 4.3.1' }, { reason: 'the default image' }, { promptTokens: 1600, completionTokens: 134, totalTokens: 1734 });
    assert.strictEqual(view.tooltip, "Self-Heal: Podman 4.3.1 is ready.\n\nImage: the default image.\n\nModel tokens this session: 1,734 (1,600 prompt, 134 answer).\n\nClick to open Self-Heal's settings.");
  });
});
