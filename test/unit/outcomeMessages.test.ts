// The words people read when a heal ends badly or changes more than they ran, and what the status
// bar item says and opens in each state: exact texts, since they are the product here.
import * as assert from 'assert';
import type { FileHealRecord } from '../../src/core/heal/ledger';
import { errorOfRecord, modelFailureMessage, modelFailureOfRun, notHealedMessage, otherFilesMessage, revertedMessage } from '../../src/core/heal/outcomeMessages';
import { modelFailureLine, type ModelFailure } from '../../src/core/model/modelFailure';
import type { PythonError } from '../../src/core/errors/pythonError';
import { engineProblemSetting, setupFailureState, statusViewOf } from '../../src/vscode/statusView';

const TYPE_ERROR = { type: 'TypeError', message: "unsupported operand type(s) for +: 'int' and 'str'", file: 'heal/type_error.py', line: 2 } as PythonError;
const REFUSED: ModelFailure = { endpoint: 'http://127.0.0.1:9', kind: 'refused', cause: 'refused the connection after 3 tries' };

function record(entry: string, extra: Partial<FileHealRecord> = {}): FileHealRecord {
  const run = { reason: 'exited' as const, exitCode: 1, durationMs: 40, error: TYPE_ERROR, outputTail: '', stdoutBytes: 0, engine: 'Podman Engine 4.3.1' };
  const tokens = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  return { entry, outcome: 'not-healed', stopReason: 'no fix is known for TypeError', firstRun: run, lastRun: run, attempts: [], changedFiles: {}, diff: '', durationMs: 50, tokens, ...extra };
}

describe('outcome messages', () => {
  it('names the endpoint and the cause of a model failure in one line', () => {
    assert.strictEqual(modelFailureLine(REFUSED), 'the model at http://127.0.0.1:9 refused the connection after 3 tries');
    assert.strictEqual(modelFailureMessage([record('main.py')], REFUSED), 'main.py was not healed: the model at http://127.0.0.1:9 refused the connection after 3 tries.');
    assert.strictEqual(
      modelFailureMessage([record('a.py'), record('b.py')], { endpoint: 'https://api.openai.com', kind: 'unauthorized', cause: 'did not accept the API key (401)' }),
      '2 files were not healed (a.py, b.py): the model at https://api.openai.com did not accept the API key (401).',
    );
  });

  it('finds the model failure among the unhealed files only', () => {
    const healedDespite = record('ok.py', { outcome: 'healed', modelFailure: REFUSED });
    assert.strictEqual(modelFailureOfRun([healedDespite, record('main.py')]), undefined);
    assert.deepStrictEqual(modelFailureOfRun([healedDespite, record('main.py', { modelFailure: REFUSED })]), REFUSED);
  });

  it('says what failed and the next step, which depends on the model', () => {
    const one = [record('heal/type_error.py')];
    const what = "heal/type_error.py was not healed: no fix is known for TypeError (TypeError: unsupported operand type(s) for +: 'int' and 'str' at heal/type_error.py:2).";
    assert.strictEqual(notHealedMessage(one, 'not-set-up'), `${what} Rule fixes cover common mistakes only; set an API key or a local model server (selfHeal.model.baseUrl) for AI fixes.`);
    assert.strictEqual(notHealedMessage(one, 'off'), `${what} AI fixes are turned off (selfHeal.fix.ai); turn them on to let a model try.`);
    assert.strictEqual(notHealedMessage([record('a.py', { stopReason: 'no fix held within 3 attempts' })], 'configured'), "a.py was not healed: no fix held within 3 attempts (TypeError: unsupported operand type(s) for +: 'int' and 'str' at heal/type_error.py:2). Fix Attempts shows what was tried.");
    assert.strictEqual(notHealedMessage([record('a.py'), record('b.py')], 'configured'), '2 files were not healed (a.py, b.py). Fix Attempts shows what was tried.');
    assert.strictEqual(errorOfRecord(record('x.py', { lastRun: { ...record('x.py').lastRun, error: null } })), '');
  });

  it('names the other files a fix changed, and what it was for', () => {
    assert.strictEqual(otherFilesMessage([{ entry: 'main.py', files: ['app/stats.py'] }]), 'Self-Heal changed app/stats.py to fix main.py.');
    assert.strictEqual(
      otherFilesMessage([{ entry: 'main.py', files: ['app/stats.py', 'app/io.py', 'util.py'] }, { entry: 'cli.py', files: ['util.py'] }]),
      'Self-Heal changed app/stats.py, app/io.py and util.py to fix main.py, and util.py to fix cli.py.',
    );
  });

  it('counts what Revert All put back', () => {
    assert.strictEqual(revertedMessage(['a.py', 'b.py', 'c.py']), 'reverted 3 files (a.py, b.py, c.py).');
    assert.strictEqual(revertedMessage(['a.py']), 'reverted 1 file (a.py).');
    assert.strictEqual(revertedMessage([]), 'no fixes from the last run to revert.');
  });
});

describe('status bar item', () => {
  it('tells the engine, the image and the install apart, each opening what fixes it', () => {
    const views = [
      statusViewOf({ kind: 'not-found', message: 'No Docker or Podman engine answered at unix:///x.sock.' }),
      statusViewOf({ kind: 'image-missing' }),
      statusViewOf({ kind: 'install-failed', message: "Could not install 'x==1'" }),
    ];
    assert.deepStrictEqual(views.map((v) => [v.text, v.command, v.background]), [
      ['$(error) Self-Heal: no engine', { command: 'workbench.action.openSettings', arguments: ['selfHeal.docker.host'] }, 'statusBarItem.errorBackground'],
      ['$(warning) Self-Heal: image missing', { command: 'workbench.action.openSettings', arguments: ['selfHeal.image'] }, 'statusBarItem.warningBackground'],
      ['$(warning) Self-Heal: install failed', { command: 'selfHeal.showLog', arguments: [] }, 'statusBarItem.warningBackground'],
    ]);
    assert.strictEqual(views[0].tooltip, 'Self-Heal: No Docker or Podman engine answered at unix:///x.sock.\n\nClick to open the setting selfHeal.docker.host.');
    assert.strictEqual(statusViewOf({ kind: 'not-found' }).tooltip, 'Self-Heal: no Docker or Podman engine answered. Click to open the setting selfHeal.docker.host.');
    assert.strictEqual(views[1].tooltip, 'Self-Heal: the engine answered, but the run image is missing and could not be pulled. Click to open the setting selfHeal.image.');
    assert.strictEqual(views[2].tooltip, "Self-Heal: the engine answered, but the workspace's requirements could not be installed.\n\nCould not install 'x==1'\n\nClick to show the log with pip's output.");
  });

  it('opens selfHeal.pythonPath, not the engine\'s address, when the local runner cannot start its Python', () => {
    const local = statusViewOf({ kind: 'not-found', message: 'Could not start the local Python "/x/python3": spawn /x/python3 ENOENT.', runner: 'local' });
    assert.deepStrictEqual([local.text, local.command, local.background], ['$(error) Self-Heal: no Python', { command: 'workbench.action.openSettings', arguments: ['selfHeal.pythonPath'] }, 'statusBarItem.errorBackground']);
    assert.strictEqual(local.tooltip, 'Self-Heal: Could not start the local Python "/x/python3": spawn /x/python3 ENOENT.\n\nClick to open the setting selfHeal.pythonPath.');
    assert.deepStrictEqual(
      [engineProblemSetting(undefined, 'local'), engineProblemSetting('unreachable', 'docker'), engineProblemSetting('image-unavailable', 'docker')],
      ['selfHeal.pythonPath', 'selfHeal.docker.host', 'selfHeal.image'],
    );
  });

  it('puts each setup failure in its own state: a failed install is never "no engine", a declined one no problem', () => {
    const message = "the environment could not be prepared: Could not install 'x==1'";
    assert.deepStrictEqual(
      [
        setupFailureState({ kind: 'install', message }, undefined),
        setupFailureState({ kind: 'install-declined', message }, 'Podman Engine 4.3.1'),
        setupFailureState({ kind: 'install-declined', message }, undefined),
        setupFailureState({ kind: 'image', message: 'no image' }, undefined),
        setupFailureState({ kind: 'engine', message: 'no engine' }, undefined),
        setupFailureState({ kind: 'engine', message: 'no Python' }, undefined, 'local'),
      ],
      [
        { kind: 'install-failed', message },
        { kind: 'found', engine: 'Podman Engine 4.3.1' },
        { kind: 'unknown' },
        { kind: 'image-missing', message: 'no image' },
        { kind: 'not-found', message: 'no engine' },
        { kind: 'not-found', message: 'no Python', runner: 'local' },
      ],
    );
  });

  it('says what a click does when all is well', () => {
    const found = statusViewOf({ kind: 'found', engine: 'Podman Engine 4.3.1' });
    assert.deepStrictEqual([found.text, found.tooltip, found.command, found.background], [
      '$(check) Self-Heal', "Self-Heal: Podman Engine 4.3.1 is ready. Click to open Self-Heal's settings.", { command: 'workbench.action.openSettings', arguments: ['@ext:self-heal.self-heal'] }, undefined,
    ]);
    const running = statusViewOf({ kind: 'running', file: 'main.py' });
    assert.deepStrictEqual([running.text, running.tooltip, running.command], ['$(sync~spin) Self-Heal: running', 'Self-Heal: running main.py. Click to show the log.', { command: 'selfHeal.showLog', arguments: [] }]);
  });
});
