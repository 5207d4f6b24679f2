// The heal loop never asks a rule or a model to fix a program that needs input or arguments, or was
// stopped at a limit; a fix that gets a program as far as needing input is kept; a fix whose re-run
// stops at a limit proves nothing and is undone. Over an in-memory Runner that answers with what
// CPython prints, and a model that counts what it is asked.
import * as assert from 'assert';
import { healFile } from '../../src/core/heal/healFile';
import { DEFAULT_LIMITS } from '../../src/core/run/limits';
import type { TextEdit } from '../../src/core/fixes/fixTypes';
import type { ModelFixer, ModelFixRequest, ModelFixResult } from '../../src/core/model/modelTypes';
import type { Runner, RunRequest, RunResult } from '../../src/core/run/runTypes';

const limits = { ...DEFAULT_LIMITS, timeoutMs: 2500 };

/** Plays CPython for the few programs below, by what their text holds. */
class ScriptedPython implements Runner {
  readonly requests: RunRequest[] = [];

  async run(request: RunRequest): Promise<RunResult> {
    this.requests.push(request);
    const text = request.files['main.py'];
    const ended = (exitCode: number | null, stdout: string, stderr: string, reason: RunResult['reason'] = 'exited'): RunResult => ({
      exitCode, reason, stdout, stderr, stdoutBytes: stdout.length, stderrBytes: stderr.length, truncated: { stdout: false, stderr: false }, durationMs: 5,
      engine: { runner: 'docker', sandboxed: true, engine: 'in-memory' }, workDir: '/app',
    });
    if (text.includes('parse_args')) return ended(2, '', 'usage: main.py [-h] name\nmain.py: error: the following arguments are required: name\n');
    if (text.includes('while True')) return ended(null, '', '', 'timeout');
    if (text.includes('print(totl)')) {
      return ended(1, '', 'Traceback (most recent call last):\n  File "/app/main.py", line 2, in <module>\n    print(totl)\n          ^^^^\nNameError: name \'totl\' is not defined. Did you mean: \'total\'?\n');
    }
    if (text.includes('input(') && request.stdin === undefined) {
      const line = text.split('\n').findIndex((l) => l.includes('input(')) + 1;
      return ended(1, text.includes('print(total)') ? '3\n' : '', `Traceback (most recent call last):\n  File "/app/main.py", line ${line}, in <module>\n    name = input()\n           ^^^^^^^\nEOFError: EOF when reading a line\n`);
    }
    return ended(0, 'done\n', '');
  }

  async dispose(): Promise<void> {}
}

/** A model that proposes one fix (or none) and keeps every request. */
class CountingModel implements ModelFixer {
  readonly model = 'counting-model';
  readonly requests: ModelFixRequest[] = [];

  constructor(private readonly edit?: Omit<TextEdit, 'file'>) {}

  async propose(request: ModelFixRequest): Promise<ModelFixResult> {
    this.requests.push(request);
    const usage = { promptTokens: 1, completionTokens: 1, totalTokens: 2 };
    if (!this.edit) return { usage, rejections: [], failure: 'nothing to say' };
    return { usage, rejections: [], candidate: { source: 'model:counting-model', description: 'a model fix', confident: false, edits: [{ file: 'main.py', ...this.edit }] } };
  }
}

async function heal(text: string, model: CountingModel, stdin?: string) {
  const runner = new ScriptedPython();
  const record = await healFile({ files: { 'main.py': text }, entry: 'main.py' }, { runner, limits, model, stdin });
  return { record, runner };
}

describe('heal loop: needs and limits are not bugs', () => {
  it('asks no rule and no model about a program that needs arguments, needs input or hit a limit', async () => {
    const cases: Array<[string, string, string]> = [
      ['import argparse\nparser = argparse.ArgumentParser()\nparser.add_argument("name")\nargs = parser.parse_args()\n', 'needs-arguments', 'needs arguments: the following arguments are required: name (usage: main.py [-h] name)'],
      ['name = input()\nprint(name)\n', 'needs-input', 'needs input: input() found no input to read, and none was given'],
      ['while True:\n    pass\n', 'stopped-at-limit', 'stopped after 2.5 s (time limit)'],
    ];
    for (const [text, outcome, stopReason] of cases) {
      const model = new CountingModel({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 1, newText: '# x\n' });
      const { record, runner } = await heal(text, model);
      assert.deepStrictEqual([record.outcome, record.stopReason, record.attempts.length, record.diff, runner.requests.length], [outcome, stopReason, 0, '', 1]);
      assert.strictEqual(model.requests.length, 0, `the model was asked about ${outcome}`);
    }
  });

  it('keeps a fix that gets the program as far as needing input, and asks nothing about the input', async () => {
    const model = new CountingModel({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 1, newText: '# x\n' });
    const { record } = await heal('total = 3\nprint(totl)\nname = input()\n', model);
    assert.deepStrictEqual([record.outcome, record.stopReason], ['needs-input', 'the program now needs input: input() found no input to read, and none was given']);
    assert.deepStrictEqual(record.attempts.map((a) => [a.outcome, a.fix?.source]), [['progress', 'rule:did-you-mean']]);
    assert.deepStrictEqual(record.changedFiles, { 'main.py': 'total = 3\nprint(total)\nname = input()\n' });
    assert.strictEqual(model.requests.length, 0);
  });

  it('heals as usual when the input was given: the run goes past input()', async () => {
    const { record } = await heal('name = input()\nprint(name)\n', new CountingModel(), 'Ada\n');
    assert.strictEqual(record.outcome, 'clean');
  });

  it('undoes a fix whose re-run stops at a limit: it proves nothing, and may be the fix that loops', async () => {
    const model = new CountingModel({ startLine: 2, startColumn: 1, endLine: 2, endColumn: 12, newText: 'while True:\n    pass' });
    const runner = new ScriptedPython();
    const record = await healFile({ files: { 'main.py': 'total = 3\nprint(totl)\n' }, entry: 'main.py' }, { runner, limits, model, rules: false, maxAttempts: 1 });
    assert.deepStrictEqual(record.attempts.map((a) => [a.outcome, a.why]), [['reverted', 'the re-run stopped after 2.5 s (time limit), so the fix could not be verified']]);
    assert.deepStrictEqual([record.outcome, record.changedFiles], ['not-healed', {}]);
  });
});
