// Requirements everywhere, in the real extension host on the real engine: Run Python File runs a
// program in the environment of the workspace's requirements.txt, installed from the package index
// named by selfHeal.environment.indexUrl (a PEP 503 index this test serves on 127.0.0.1, so the
// build reaches nothing else), with "Installing requirements" and pip's lines in the progress and
// the log; an install that cannot reach its index shows "install failed" and one notice naming
// pip's error; a workspace's index URL is used only once the user confirms it.
import * as assert from 'assert';
import Docker from 'dockerode';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { dockerOptionsFor } from '../../../src/sandbox/engineDiscovery';
import { startPackageIndex, type PackageIndex } from '../../sandbox/packageIndex';
import { activateOnTestImage, answerNextQuestions, setSetting, setUserSetting, workspaceFile } from './hostHelper';

interface RequirementsState {
  notifications: Array<{ seq: number; severity: string; message: string; buttons: string[] }>;
  statusBar: string;
  engineState: { kind: string };
  questionsAsked: string[];
  programOutput: string;
  lastResult?: { exitCode: number | null; reason: string; stdout: string; stderr: string; engine: { image?: string } };
  lastSetupFailure?: { kind: string; message: string };
  installShown: { progress: string[]; log: string[] };
}

const WHEEL = { name: 'editor-index-pkg', version: '1.0', files: { 'editor_index_pkg/__init__.py': "WHERE = 'installed from the loopback index'\n" } };
const PROGRAM = 'import editor_index_pkg\nprint(editor_index_pkg.WHERE)\n';
const BUILD_QUESTION = "Self-Heal: install this workspace's requirement into an environment image?";
const state = () => vscode.commands.executeCommand<RequirementsState>('_selfHeal.testState');
const runFile = () => vscode.commands.executeCommand('selfHeal.runFile', workspaceFile('reqs/uses_pkg.py'));

/** What `action` did: the questions asked, the notifications shown and what the installs showed meanwhile. */
async function during(action: () => Thenable<unknown>): Promise<{ asked: string[]; shown: RequirementsState['notifications']; progress: string[]; log: string[] }> {
  await vscode.commands.executeCommand('notifications.clearAll');
  const before = await state();
  await action();
  await new Promise((r) => setTimeout(r, 300));
  const after = await state();
  return {
    asked: after.questionsAsked.slice(before.questionsAsked.length),
    shown: after.notifications.filter((n) => n.seq > (before.notifications.at(-1)?.seq ?? 0)),
    progress: after.installShown.progress.slice(before.installShown.progress.length),
    log: after.installShown.log.slice(before.installShown.log.length),
  };
}

describe('extension host: requirements in every run', function () {
  this.timeout(240_000);
  let index: PackageIndex;
  /** A loopback address nothing listens on: pip fails there as it does offline. */
  let closedIndex: string;
  /** An index without the package: pip fails there at once (no retries). */
  let emptyIndex: PackageIndex;
  const built = new Set<string>();

  before(async () => {
    await activateOnTestImage();
    index = await startPackageIndex(`editor-${process.pid}-${Date.now()}`, [WHEEL]);
    const closed = await startPackageIndex('closed', []);
    closedIndex = closed.url;
    await closed.close();
    emptyIndex = await startPackageIndex(`empty-${process.pid}`, []);
    await setUserSetting('environment.indexUrl', index.url);
    fs.mkdirSync(workspaceFile('reqs').fsPath, { recursive: true });
    fs.writeFileSync(workspaceFile('reqs/uses_pkg.py').fsPath, PROGRAM);
    fs.writeFileSync(workspaceFile('requirements.txt').fsPath, 'editor-index-pkg==1.0\n');
  });

  after(async () => {
    await setUserSetting('environment.indexUrl', undefined);
    await setSetting('environment.indexUrl', undefined);
    await index.close();
    await emptyIndex.close();
    fs.rmSync(workspaceFile('reqs').fsPath, { recursive: true, force: true });
    fs.rmSync(workspaceFile('requirements.txt').fsPath, { force: true });
    const docker = new Docker(dockerOptionsFor(process.env.DOCKER_HOST ?? ''));
    for (const tag of built) await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
  });

  it('Run Python File installs requirements.txt from the configured index, showing the step, and runs the program with it', async () => {
    await answerNextQuestions('Build Environment');
    const before = index.requests.length;
    const { asked, progress, log } = await during(runFile);
    const after = await state();
    assert.deepStrictEqual(asked, [BUILD_QUESTION]);
    assert.deepStrictEqual([after.lastResult?.exitCode, after.lastResult?.stdout, after.lastResult?.stderr], [0, 'installed from the loopback index\n', '']);
    const image = after.lastResult?.engine.image ?? '';
    built.add(image);
    assert.match(image, /^localhost\/self-heal-env:[0-9a-f]{16}$/);
    const prefix = new URL(index.url).pathname.replace(/simple\/$/, '');
    assert.deepStrictEqual(index.requests.slice(before), [`${prefix}simple/editor-index-pkg/`, `${prefix}packages/editor_index_pkg-1.0-py3-none-any.whl`]);
    assert.strictEqual(progress[0], 'Installing requirements…');
    // pip's lines as they came: in the progress notification (one line, at most 80 characters) and in the log.
    for (const line of ['Collecting editor-index-pkg==1.0', 'Successfully installed editor-index-pkg-1.0']) {
      assert.ok(progress.some((message) => message.startsWith(`Installing requirements: ${line}`)), progress.join('\n'));
      assert.ok(log.some((logged) => logged.startsWith(`pip: ${line}`)), log.join('\n'));
    }
    assert.strictEqual(log[0], `installing requirements: editor-index-pkg==1.0 (index ${index.url}; through the host's network: the index is on this machine)`);
    assert.deepStrictEqual([after.statusBar, after.engineState.kind], ['$(check) Self-Heal', 'found']);
  });

  it('the image is kept: a second run installs nothing', async () => {
    const before = index.requests.length;
    const { asked, progress } = await during(runFile);
    assert.deepStrictEqual([asked, progress, index.requests.length - before], [[], [], 0]);
    assert.strictEqual((await state()).lastResult?.stdout, 'installed from the loopback index\n');
  });

  it('an install that cannot reach its index shows "install failed" and one notice naming pip\'s error, never "no engine"', async () => {
    await setUserSetting('environment.indexUrl', closedIndex);
    try {
      const { asked, shown, progress } = await during(runFile);
      const after = await state();
      assert.deepStrictEqual(asked, []);
      assert.deepStrictEqual(after.lastSetupFailure?.kind, 'install');
      assert.match(after.lastSetupFailure?.message ?? '', /^the environment could not be prepared: Could not install 'editor-index-pkg==1\.0': .* \(the package index could not be reached: \[Errno 111\] Connection refused\)$/);
      assert.ok(progress.some((line) => line.startsWith('Installing requirements: WARNING: Retrying') && line.length <= 'Installing requirements: '.length + 80), progress.join('\n'));
      assert.deepStrictEqual([after.statusBar, after.engineState.kind, after.lastResult], ['$(warning) Self-Heal: install failed', 'install-failed', undefined]);
      assert.deepStrictEqual(shown.map(({ severity, message, buttons }) => ({ severity, message, buttons })), [
        { severity: 'warning', message: `Self-Heal: reqs/uses_pkg.py: ${after.lastSetupFailure?.message}`, buttons: ['Show Log'] },
      ]);
      assert.ok(after.programOutput.endsWith(`✗ ${after.lastSetupFailure?.message}\n`), after.programOutput);
    } finally {
      await setUserSetting('environment.indexUrl', index.url);
    }
  });

  it("a workspace's index URL is not used until the user confirms it", async () => {
    const question = (url: string) => `This workspace sets selfHeal.environment.indexUrl to '${url}': pip would install the workspace's requirements from that package index instead of yours (or PyPI).`;
    await setUserSetting('environment.indexUrl', emptyIndex.url);
    await setSetting('environment.indexUrl', index.url);
    try {
      await answerNextQuestions(null);
      const before = index.requests.length;
      const declined = await during(runFile);
      assert.deepStrictEqual(declined.asked, [question(index.url)]);
      // The user's own index was used instead (it has no such package), and the workspace's saw nothing.
      assert.strictEqual((await state()).lastSetupFailure?.message, "the environment could not be prepared: Could not install 'editor-index-pkg==1.0': No matching distribution found for editor-index-pkg==1.0");
      const emptyPrefix = new URL(emptyIndex.url).pathname;
      assert.ok(emptyIndex.requests.includes(`${emptyPrefix}editor-index-pkg/`), emptyIndex.requests.join('\n'));
      assert.strictEqual(index.requests.length, before);
      // A no lasts for the session; the same index by another spelling is a new value, asked about anew.
      const respelled = index.url.replace(/\/$/, '');
      await setSetting('environment.indexUrl', respelled);
      await answerNextQuestions('Use This Value');
      const confirmed = await during(runFile);
      assert.deepStrictEqual(confirmed.asked, [question(respelled)]);
      const after = await state();
      built.add(after.lastResult?.engine.image ?? '');
      assert.deepStrictEqual([after.lastSetupFailure, after.lastResult?.stdout], [undefined, 'installed from the loopback index\n']);
      assert.ok(index.requests.length > before, 'the confirmed workspace index served the package');
    } finally {
      await setSetting('environment.indexUrl', undefined);
      await setUserSetting('environment.indexUrl', index.url);
    }
  });
});
