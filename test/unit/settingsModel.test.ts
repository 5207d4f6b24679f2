import * as assert from 'assert';
import { DEFAULT_LIMITS } from '../../src/core/run/limits';
import { settingsFrom } from '../../src/core/settings/settingsModel';

describe('settings model', () => {
  it('uses the documented defaults when nothing is set', () => {
    const settings = settingsFrom(() => undefined);
    assert.deepStrictEqual(settings, {
      dockerHost: undefined,
      dockerHosts: [],
      engineAccess: {},
      image: 'python:3.11-slim',
      imageSet: false,
      imagesByPythonVersion: {},
      limits: DEFAULT_LIMITS,
      outputOverflow: 'stop',
      parallelRuns: 2,
      runner: 'docker',
      pythonPath: 'python3',
      model: { baseUrl: 'https://api.openai.com/v1', name: 'gpt-4o-mini', temperature: 0, maxTokens: 4096, timeoutMs: 60_000, apiKind: 'auto', apiVersion: '2024-10-21', maxTokensPerHeal: 0, provider: 'auto', vscodeFamily: '' },
      fix: { maxAttempts: 3, ruleBased: true, ai: true, aiCodeActions: true, applyMode: 'preview' },
      workspaceInclude: '**/*.py',
      environment: { allowSourceBuilds: false, indexUrl: undefined, extraIndexUrls: [], trustedHosts: [] },
      tests: { doctests: [] },
      problems: [],
    });
  });

  it('reads every value into the typed object', () => {
    const values: Record<string, unknown> = {
      'docker.host': 'unix:///run/podman/podman.sock',
      image: 'python:3.12-slim',
      timeoutSeconds: 5,
      memory: '1g',
      cpus: 2,
      processes: 64,
      network: 'bridge',
      outputLimit: '64k',
      outputOverflow: 'discard',
      parallelRuns: 4,
      runner: 'local',
      pythonPath: '/usr/bin/python3',
      'model.baseUrl': 'http://127.0.0.1:11434/v1',
      'model.name': 'qwen2.5-coder',
      'model.temperature': 0.2,
      'model.maxTokens': 2048,
      'model.timeoutSeconds': 120,
      'model.apiKind': 'azure',
      'model.apiVersion': '2025-04-01-preview',
      'model.maxTokensPerHeal': 5000,
      'model.provider': 'vscode',
      'model.vscodeFamily': 'gpt-4o',
      'fix.maxAttempts': 5,
      'fix.ruleBased': false,
      'fix.ai': false,
      'fix.applyMode': 'auto',
      'fix.aiCodeActions': false,
      'workspace.include': 'src/**/*.py',
      'environment.indexUrl': ' https://pypi.example.com/simple ',
      'environment.extraIndexUrls': ['https://extra.example.com/simple', ' '],
      'environment.trustedHosts': ['pypi.example.com:8443'],
    };
    const settings = settingsFrom((key) => values[key]);
    assert.strictEqual(settings.dockerHost, 'unix:///run/podman/podman.sock');
    assert.deepStrictEqual(settings.limits, { timeoutMs: 5000, memoryBytes: 1024 ** 3, cpus: 2, processes: 64, network: 'bridge', outputLimitBytes: 64 * 1024 });
    assert.strictEqual(settings.outputOverflow, 'discard');
    assert.deepStrictEqual(settings.fix, { maxAttempts: 5, ruleBased: false, ai: false, aiCodeActions: false, applyMode: 'auto' });
    assert.strictEqual(settings.workspaceInclude, 'src/**/*.py');
    assert.deepStrictEqual(settings.model, { baseUrl: 'http://127.0.0.1:11434/v1', name: 'qwen2.5-coder', temperature: 0.2, maxTokens: 2048, timeoutMs: 120_000,
      apiKind: 'azure', apiVersion: '2025-04-01-preview', maxTokensPerHeal: 5000, provider: 'vscode', vscodeFamily: 'gpt-4o',
    });
    assert.strictEqual(settings.runner, 'local');
    assert.deepStrictEqual(settings.environment, {
      allowSourceBuilds: false, indexUrl: 'https://pypi.example.com/simple', extraIndexUrls: ['https://extra.example.com/simple'], trustedHosts: ['pypi.example.com:8443'],
    });
    assert.strictEqual(settings.image, 'python:3.12-slim');
    assert.strictEqual(settings.imageSet, true);
    assert.deepStrictEqual(settings.problems, ['selfHeal.environment.extraIndexUrls must be a list of addresses without spaces; using ["https://extra.example.com/simple"]']);
  });

  it('leaves out an index address pip would split (it reads lists from whitespace-separated variables)', () => {
    const values: Record<string, unknown> = { 'environment.indexUrl': 'https://a.example/simple https://b.example/simple', 'environment.trustedHosts': 'a.example' };
    const settings = settingsFrom((key) => values[key]);
    assert.deepStrictEqual([settings.environment.indexUrl, settings.environment.trustedHosts], [undefined, []]);
    assert.deepStrictEqual(settings.problems, [
      "selfHeal.environment.indexUrl must be an address without spaces; using pip's default index",
      'selfHeal.environment.trustedHosts must be a list of addresses without spaces; using []',
    ]);
  });

  it('reads the engines to spread runs over, each once, leaving out what is no address', () => {
    const settings = settingsFrom((key) => (key === 'docker.hosts' ? ['unix:///a.sock', ' ssh://me@b ', 'unix:///a.sock', 'tcp://x y'] : undefined));
    assert.deepStrictEqual(settings.dockerHosts, ['unix:///a.sock', 'ssh://me@b']);
    assert.deepStrictEqual(settings.problems, ['selfHeal.docker.hosts must be a list of addresses without spaces; using ["unix:///a.sock","ssh://me@b","unix:///a.sock"]']);
  });

  it('reads the doctest folders, passing over entries that are no folder name', () => {
    assert.deepStrictEqual(settingsFrom((key) => (key === 'tests.doctests' ? ['src', ' . ', 'pkg/sub'] : undefined)).tests, { doctests: ['src', '.', 'pkg/sub'] });
    const odd = settingsFrom((key) => (key === 'tests.doctests' ? ['src', 3, ''] : undefined));
    assert.deepStrictEqual([odd.tests, odd.problems], [{ doctests: ['src'] }, ['selfHeal.tests.doctests must be a list of folders; using ["src"]']]);
    const notAList = settingsFrom((key) => (key === 'tests.doctests' ? 'src' : undefined));
    assert.deepStrictEqual([notAList.tests, notAList.problems], [{ doctests: [] }, ['selfHeal.tests.doctests must be a list of folders; using []']]);
  });

  it('reads the images by Python version, passing over entries that name no version or no image', () => {
    const values: Record<string, unknown> = { imagesByPythonVersion: { '3.9': ' localhost/self-heal-python:3.9 ', '3.13': '', latest: 'python:latest', '3.12': 12 } };
    const settings = settingsFrom((key) => values[key]);
    assert.deepStrictEqual(settings.imagesByPythonVersion, { '3.9': 'localhost/self-heal-python:3.9', '3.13': '' });
    assert.deepStrictEqual(settings.problems, [
      'selfHeal.imagesByPythonVersion: "latest" must be a Python version such as "3.9" naming an image; it is not used',
      'selfHeal.imagesByPythonVersion: "3.12" must be a Python version such as "3.9" naming an image; it is not used',
    ]);
    assert.deepStrictEqual(settingsFrom((key) => (key === 'imagesByPythonVersion' ? ['python:3.9-slim'] : undefined)).problems, [
      'selfHeal.imagesByPythonVersion must be an object such as {"3.9": "python:3.9-slim"}; using the official images',
    ]);
  });

  it('falls back to the default for an unusable value and says which', () => {
    const values: Record<string, unknown> = { memory: 'lots', timeoutSeconds: -3, network: 'wifi', runner: 'ssh' };
    const settings = settingsFrom((key) => values[key]);
    assert.strictEqual(settings.limits.memoryBytes, DEFAULT_LIMITS.memoryBytes);
    assert.strictEqual(settings.limits.timeoutMs, 30_000);
    assert.strictEqual(settings.limits.network, 'none');
    assert.strictEqual(settings.runner, 'docker');
    assert.deepStrictEqual(settings.problems, [
      'selfHeal.timeoutSeconds must be a number of at least 0.1; using 30',
      'selfHeal.memory must be a size such as 256m or 1g; using 512m',
    ]);
  });
});
