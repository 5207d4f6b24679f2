// The heal loop's install gate against the real engine: a fix that adds requirements is never built
// (no `imageFor` call with its files) until the approval callback says yes; a refused line is never
// built at all, and the callback is not even asked.
import * as assert from 'assert';
import { healFile, type HealOptions } from '../../src/core/heal/healFile';
import { DEFAULT_MODEL_SETTINGS } from '../../src/core/model/modelTypes';
import { OpenAIFixer } from '../../src/llm/openaiFixer';
import { LABEL_SESSION } from '../../src/sandbox/containerSpec';
import { containersOfThisProcess, limits, newSandbox, SESSION } from '../sandbox/sandboxHelper';
import { startScriptedModelServer, type ScriptedModelServer } from '../support/scriptedModelServer';

const START = { 'main.py': 'import somepkg\n\nprint(somepkg.hello())\n', 'requirements.txt': '# what main.py needs\n' };
const answer = (line: string) => ({ content: `requirements.txt\n\`\`\`text\n# what main.py needs\n${line}\n\`\`\`\n` });

describe('adversarial: the heal loop builds no requirement nobody approved', function () {
  this.timeout(120_000);
  const session = `${SESSION}-approval`;
  const sandbox = newSandbox({ session });
  let server: ScriptedModelServer | undefined;
  after(async () => {
    await sandbox.dispose();
    assert.deepStrictEqual(await containersOfThisProcess(`${LABEL_SESSION}=${session}`), []);
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** Heals START with a model answering `line`; records every environment asked for and every question. */
  async function healWith(line: string, approveInstall?: HealOptions['approveInstall']) {
    server = await startScriptedModelServer(() => answer(line));
    const model = new OpenAIFixer({ ...DEFAULT_MODEL_SETTINGS, model: 'scripted', baseUrl: server.baseUrl, timeoutMs: 5_000, maxRetries: 1 }, async () => 'test-key');
    const built: string[] = [];
    // Stands in for the environment builder: says which requirements files it was asked to build, builds nothing.
    const imageFor: HealOptions['imageFor'] = async (files) => (built.push(files['requirements.txt'] ?? ''), undefined);
    const record = await healFile({ files: START, entry: 'main.py' }, { runner: sandbox, limits: limits(), model, imageFor, approveInstall, maxAttempts: 2 });
    return { record, built };
  }

  it('stops before building when the user says no, asking about exactly the added requirement', async () => {
    const asked: string[][] = [];
    const { record, built } = await healWith('somepkg>=1.0', async (requirements) => (asked.push([...requirements]), false));
    assert.deepStrictEqual(asked, [['somepkg>=1.0']]);
    assert.deepStrictEqual(built, [START['requirements.txt']], 'only the first run, with the files as they were');
    assert.deepStrictEqual([record.outcome, record.stopReason, record.changedFiles, record.diff], ['needs-approval', 'needs approval to install somepkg>=1.0', {}, '']);
    assert.deepStrictEqual(record.attempts.map((a) => [a.fix?.source, a.outcome, a.why, a.rerun]), [['model:scripted', 'reverted', 'needs approval to install somepkg>=1.0', undefined]]);
  });

  it('builds the candidate once the user says yes', async () => {
    const { record, built } = await healWith('somepkg>=1.0', async () => true);
    assert.deepStrictEqual(built.slice(0, 2), [START['requirements.txt'], `${START['requirements.txt']}somepkg>=1.0\n`]);
    // This stand-in builds nothing, so the re-run fails the same way and the fix is undone.
    assert.deepStrictEqual(record.attempts[0].why, "the re-run failed with the same error: ModuleNotFoundError: No module named 'somepkg' (main.py:1)");
  });

  it('never asks about, nor builds, a refused line', async () => {
    let asked = 0;
    const { record, built } = await healWith('somepkg @ file:///etc/passwd', async () => (asked++, true));
    assert.strictEqual(asked, 0);
    assert.deepStrictEqual(built, [START['requirements.txt']]);
    assert.deepStrictEqual([record.outcome, record.attempts[0].why], ['not-healed', "refused: requirements.txt would gain 'somepkg @ file:///etc/passwd', a direct URL; only name[extras] specifiers ; marker requirements may be added"]);
  });
});
