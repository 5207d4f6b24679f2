// Which value of a sensitive setting wins, given what inspect() reports and what the user confirmed.
import * as assert from 'assert';
import { chooseGuardedValue, confirmationId, heldLogLine, overrideQuestion, settingsUsedBy, type IsConfirmed } from '../../src/core/settings/workspaceOverrides';
import { keyRefusal, originOf } from '../../src/core/settings/keyOrigin';

const nothingConfirmed: IsConfirmed = () => false;
const confirmedOnly = (key: string, value: unknown): IsConfirmed => (k, v) => k === key && v === value;

describe('workspace overrides of sensitive settings', () => {
  it('passes over an unconfirmed workspace runner and uses the default, naming what was held', () => {
    const choice = chooseGuardedValue('runner', { defaultValue: 'docker', workspaceValue: 'local' }, nothingConfirmed);
    assert.deepStrictEqual(choice, { value: 'docker', from: 'default', held: [{ key: 'runner', value: 'local', scope: 'workspace' }] });
    assert.strictEqual(heldLogLine(choice.held[0], choice), "selfHeal.runner: the workspace value 'local' is not confirmed; using the default 'docker'.");
  });

  it("falls back to the user's own value, not the default", () => {
    const choice = chooseGuardedValue('model.baseUrl', { defaultValue: 'https://api.openai.com/v1', globalValue: 'http://127.0.0.1:11434/v1', workspaceValue: 'http://evil.example/v1' }, nothingConfirmed);
    assert.deepStrictEqual([choice.value, choice.from], ['http://127.0.0.1:11434/v1', 'user']);
    assert.strictEqual(heldLogLine(choice.held[0], choice), "selfHeal.model.baseUrl: the workspace value 'http://evil.example/v1' is not confirmed; using your user setting 'http://127.0.0.1:11434/v1'.");
  });

  it('uses a workspace value once that exact value is confirmed, and not a changed one', () => {
    const confirmed = confirmedOnly('docker.host', 'tcp://10.0.0.5:2375');
    assert.deepStrictEqual(chooseGuardedValue('docker.host', { defaultValue: '', workspaceValue: 'tcp://10.0.0.5:2375' }, confirmed), { value: 'tcp://10.0.0.5:2375', from: 'workspace', held: [] });
    assert.deepStrictEqual(chooseGuardedValue('docker.host', { defaultValue: '', workspaceValue: 'tcp://10.0.0.6:2375' }, confirmed).value, '');
  });

  it('prefers the folder value, and falls through to a confirmed workspace value when the folder value is not confirmed', () => {
    const inspected = { defaultValue: 'python:3.11-slim', workspaceValue: 'python:3.12-slim', workspaceFolderValue: 'attacker/image:latest' };
    assert.deepStrictEqual(chooseGuardedValue('image', inspected, confirmedOnly('image', 'python:3.12-slim')), {
      value: 'python:3.12-slim', from: 'workspace', held: [{ key: 'image', value: 'attacker/image:latest', scope: 'workspaceFolder' }],
    });
    assert.deepStrictEqual(chooseGuardedValue('image', inspected, confirmedOnly('image', 'attacker/image:latest')).from, 'workspaceFolder');
  });

  it('asks once about a single-folder workspace, whose settings file inspect() reports as both workspace and folder', () => {
    const choice = chooseGuardedValue('runner', { defaultValue: 'docker', workspaceValue: 'local', workspaceFolderValue: 'local' }, nothingConfirmed);
    assert.deepStrictEqual(choice.held, [{ key: 'runner', value: 'local', scope: 'workspace' }]);
  });

  it('takes without asking a workspace value equal to the user value, or one that can only isolate more', () => {
    assert.deepStrictEqual(chooseGuardedValue('image', { defaultValue: 'python:3.11-slim', globalValue: 'python:3.12-slim', workspaceValue: 'python:3.12-slim' }, nothingConfirmed).held, []);
    assert.deepStrictEqual(chooseGuardedValue('runner', { defaultValue: 'docker', globalValue: 'local', workspaceValue: 'docker' }, nothingConfirmed), { value: 'docker', from: 'workspace', held: [] });
    assert.deepStrictEqual(chooseGuardedValue('network', { defaultValue: 'none', globalValue: 'bridge', workspaceValue: 'none' }, nothingConfirmed).value, 'none');
    assert.deepStrictEqual(chooseGuardedValue('network', { defaultValue: 'none', workspaceValue: 'host' }, nothingConfirmed).held, [{ key: 'network', value: 'host', scope: 'workspace' }]);
  });

  it("holds a workspace's model provider until confirmed, and says where the code would go", () => {
    const provider = chooseGuardedValue('model.provider', { defaultValue: 'auto', globalValue: 'openai-compatible', workspaceValue: 'vscode' }, nothingConfirmed);
    assert.deepStrictEqual([provider.value, provider.from], ['openai-compatible', 'user']);
    assert.strictEqual(overrideQuestion(provider.held[0]), "This workspace sets selfHeal.model.provider to 'vscode': your code and its errors would be sent to a language model VS Code offers (GitHub Copilot's, for example) for AI fixes.");
  });

  it('asks only about what the run uses, the runner first', () => {
    assert.deepStrictEqual(settingsUsedBy({ runner: 'docker', usesModel: true }), ['runner', 'docker.host', 'docker.hosts', 'image', 'imagesByPythonVersion', 'network', 'model.provider', 'model.baseUrl']);
    assert.deepStrictEqual(settingsUsedBy({ runner: 'local', usesModel: false }), ['runner', 'pythonPath']);
    assert.deepStrictEqual(settingsUsedBy({ runner: 'docker', usesModel: false, buildsEnvironment: true }), [
      'runner', 'docker.host', 'docker.hosts', 'image', 'imagesByPythonVersion', 'network', 'environment.indexUrl', 'environment.extraIndexUrls', 'environment.trustedHosts',
    ]);
    // The local runner builds no environment image, so the package index is not its business.
    assert.deepStrictEqual(settingsUsedBy({ runner: 'local', usesModel: false, buildsEnvironment: true }), ['runner', 'pythonPath']);
  });

  it("holds a workspace's package index until confirmed, but takes one that only sends pip to fewer places", () => {
    const index = chooseGuardedValue('environment.indexUrl', { defaultValue: '', globalValue: 'https://mirror.example/simple', workspaceValue: '' }, nothingConfirmed);
    // An empty index URL would send the workspace's package names to PyPI instead of the user's mirror.
    assert.deepStrictEqual([index.value, index.held], ['https://mirror.example/simple', [{ key: 'environment.indexUrl', value: '', scope: 'workspace' }]]);
    assert.deepStrictEqual(chooseGuardedValue('environment.extraIndexUrls', { defaultValue: [], globalValue: ['https://x.example/simple'], workspaceValue: [] }, nothingConfirmed), { value: [], from: 'workspace', held: [] });
    const hosts = chooseGuardedValue('environment.trustedHosts', { defaultValue: [], workspaceValue: ['evil.example'] }, nothingConfirmed);
    assert.deepStrictEqual([hosts.value, hosts.held], [[], [{ key: 'environment.trustedHosts', value: ['evil.example'], scope: 'workspace' }]]);
    assert.strictEqual(heldLogLine(hosts.held[0], hosts), "selfHeal.environment.trustedHosts: the workspace value 'evil.example' is not confirmed; using the default ''.");
  });

  it('does not ask about the images by Python version when an image is set, since a set image wins', () => {
    assert.deepStrictEqual(settingsUsedBy({ runner: 'docker', usesModel: false, imageSet: true }), ['runner', 'docker.host', 'docker.hosts', 'image', 'network']);
  });

  it('asks about a table of images showing it as JSON, and logs a held one the same way', () => {
    const held = { key: 'imagesByPythonVersion' as const, value: { '3.9': 'attacker/python:3.9' }, scope: 'workspace' as const };
    assert.strictEqual(
      overrideQuestion(held),
      'This workspace sets selfHeal.imagesByPythonVersion to \'{"3.9":"attacker/python:3.9"}\': its programs would run in the image it names for the Python version the project asks for, pulled from its registry when missing.',
    );
    assert.strictEqual(
      heldLogLine(held, { value: { '3.9': 'python:3.9-slim' }, from: 'user', held: [held] }),
      'selfHeal.imagesByPythonVersion: the workspace value \'{"3.9":"attacker/python:3.9"}\' is not confirmed; using your user setting \'{"3.9":"python:3.9-slim"}\'.',
    );
  });

  it('remembers a confirmation by setting and value', () => {
    assert.strictEqual(confirmationId('runner', 'local'), confirmationId('runner', 'local'));
    assert.notStrictEqual(confirmationId('runner', 'local'), confirmationId('pythonPath', 'local'));
    assert.notStrictEqual(confirmationId('pythonPath', '/usr/bin/python3'), confirmationId('pythonPath', '/tmp/python3'));
    assert.match(confirmationId('runner', 'local'), /^[0-9a-f]{64}$/);
  });

  it('asks naming the setting, the value and what it means', () => {
    assert.strictEqual(overrideQuestion({ key: 'runner', value: 'local', scope: 'workspace' }), "This workspace sets selfHeal.runner to 'local': its programs would run unsandboxed on this machine.");
    assert.strictEqual(overrideQuestion({ key: 'network', value: 'host', scope: 'workspaceFolder' }), "This workspace folder sets selfHeal.network to 'host': its programs would reach this machine's network, including services listening on localhost.");
    assert.strictEqual(overrideQuestion({ key: 'model.baseUrl', value: 'http://evil.example/v1', scope: 'workspace' }), "This workspace sets selfHeal.model.baseUrl to 'http://evil.example/v1': your code and its errors would be sent to that server for AI fixes.");
    assert.strictEqual(
      overrideQuestion({ key: 'environment.indexUrl', value: 'https://user:s3cret@pypi.evil.example/simple', scope: 'workspace' }),
      "This workspace sets selfHeal.environment.indexUrl to 'https://***@pypi.evil.example/simple': pip would install the workspace's requirements from that package index instead of yours (or PyPI).",
    );
    assert.strictEqual(
      overrideQuestion({ key: 'environment.extraIndexUrls', value: ['https://a.example/simple', 'https://b.example/simple'], scope: 'workspace' }),
      "This workspace sets selfHeal.environment.extraIndexUrls to 'https://a.example/simple, https://b.example/simple': pip would also look for the workspace's requirements there, and take whichever index offers the newest version.",
    );
    assert.strictEqual(
      overrideQuestion({ key: 'environment.trustedHosts', value: ['mirror.internal:8443'], scope: 'workspaceFolder' }),
      "This workspace folder sets selfHeal.environment.trustedHosts to 'mirror.internal:8443': pip would accept those hosts over plain HTTP or with certificates it cannot verify.",
    );
  });
});

describe('the API key is bound to its endpoint origin', () => {
  it('takes the origin of http(s) URLs only', () => {
    assert.strictEqual(originOf('https://api.openai.com/v1'), 'https://api.openai.com');
    assert.strictEqual(originOf('http://127.0.0.1:11434/v1/'), 'http://127.0.0.1:11434');
    assert.strictEqual(originOf('HTTPS://API.OPENAI.COM:443/v1'), 'https://api.openai.com');
    assert.strictEqual(originOf('file:///etc/passwd'), undefined);
    assert.strictEqual(originOf('not a url'), undefined);
  });

  it('lets the key go to its own origin, whatever the path', () => {
    assert.strictEqual(keyRefusal('https://api.openai.com', 'https://api.openai.com/v1'), undefined);
    assert.strictEqual(keyRefusal('https://api.openai.com', 'https://api.openai.com/other/v2'), undefined);
  });

  it('refuses another host, scheme or port, saying why and what to do', () => {
    assert.strictEqual(keyRefusal('https://api.openai.com', 'http://evil.example/v1'), 'The API key was saved for https://api.openai.com; Self-Heal will not send it to http://evil.example. Set the key again for this endpoint.');
    assert.strictEqual(keyRefusal('https://api.openai.com', 'http://api.openai.com/v1'), 'The API key was saved for https://api.openai.com; Self-Heal will not send it to http://api.openai.com. Set the key again for this endpoint.');
    assert.strictEqual(keyRefusal('http://127.0.0.1:8000', 'http://127.0.0.1:8001/v1'), 'The API key was saved for http://127.0.0.1:8000; Self-Heal will not send it to http://127.0.0.1:8001. Set the key again for this endpoint.');
    assert.strictEqual(keyRefusal(undefined, 'https://api.openai.com/v1'), 'The API key was saved without an endpoint; Self-Heal will not send it to https://api.openai.com. Set the key again for this endpoint.');
  });
});
