import * as assert from 'assert';
import { DEFAULT_LIMITS } from '../../src/core/run/limits';
import { settingsFrom } from '../../src/core/settings/settingsModel';

describe('settings model', () => {
  it('uses the documented defaults when nothing is set', () => {
    const settings = settingsFrom(() => undefined);
    assert.deepStrictEqual(settings, {
      dockerHost: undefined,
      image: 'python:3.11-slim',
      limits: DEFAULT_LIMITS,
      outputOverflow: 'stop',
      parallelRuns: 2,
      runner: 'docker',
      pythonPath: 'python3',
      model: { baseUrl: 'https://api.openai.com/v1', name: 'gpt-4o-mini', temperature: 0, maxTokens: 4096, timeoutMs: 60_000 },
      fix: { maxAttempts: 3, ruleBased: true, ai: true, aiCodeActions: true, applyMode: 'preview' },
      workspaceInclude: '**/*.py',
      environment: { allowSourceBuilds: false },
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
      'fix.maxAttempts': 5,
      'fix.ruleBased': false,
      'fix.ai': false,
      'fix.applyMode': 'auto',
      'fix.aiCodeActions': false,
      'workspace.include': 'src/**/*.py',
    };
    const settings = settingsFrom((key) => values[key]);
    assert.strictEqual(settings.dockerHost, 'unix:///run/podman/podman.sock');
    assert.deepStrictEqual(settings.limits, { timeoutMs: 5000, memoryBytes: 1024 ** 3, cpus: 2, processes: 64, network: 'bridge', outputLimitBytes: 64 * 1024 });
    assert.strictEqual(settings.outputOverflow, 'discard');
    assert.deepStrictEqual(settings.fix, { maxAttempts: 5, ruleBased: false, ai: false, aiCodeActions: false, applyMode: 'auto' });
    assert.strictEqual(settings.workspaceInclude, 'src/**/*.py');
    assert.deepStrictEqual(settings.model, { baseUrl: 'http://127.0.0.1:11434/v1', name: 'qwen2.5-coder', temperature: 0.2, maxTokens: 2048, timeoutMs: 120_000 });
    assert.strictEqual(settings.runner, 'local');
    assert.deepStrictEqual(settings.problems, []);
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
