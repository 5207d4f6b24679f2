// The image follows the project's Python version in the editor: the workspace folder's
// .python-version or requires-python picks the image from selfHeal.imagesByPythonVersion, and the
// log and the status item say which image and why. Real extension host, real engine, two images of
// different Python versions (scripts/setupEngine.sh builds localhost/self-heal-python:3.9).
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { activateOnTestImage, answerNextQuestions, openFile, setSetting, setUserSetting, workspaceFile } from './hostHelper';

interface ImageState {
  statusBarTooltip: string;
  lastImageChoice?: { image: string; source: string; series?: string; reason: string; warning?: string };
  lastImageLogLine?: string;
  questionsAsked: string[];
  lastResult?: { stdout: string; exitCode: number | null };
}

const PYTHON_39 = 'localhost/self-heal-python:3.9';
const PROGRAM = 'pyversion/version.py';
const state = () => vscode.commands.executeCommand<ImageState>('_selfHeal.testState');
const write = (name: string, text: string) => {
  fs.mkdirSync(workspaceFile(name).fsPath.replace(/[\\/][^\\/]+$/, ''), { recursive: true });
  fs.writeFileSync(workspaceFile(name).fsPath, text);
};
const remove = (name: string) => fs.rmSync(workspaceFile(name).fsPath, { recursive: true, force: true });
const settle = () => new Promise((r) => setTimeout(r, 300)); // configuration events reach the extension

describe('extension host: the image follows the project\'s Python version', function () {
  this.timeout(120_000);
  let userImage: unknown;

  before(async () => {
    await activateOnTestImage();
    // A set image wins over the project's version; these tests need it unset, and put it back after.
    userImage = vscode.workspace.getConfiguration('selfHeal').inspect('image')?.globalValue;
    await setUserSetting('image', undefined);
    await setUserSetting('imagesByPythonVersion', { '3.9': PYTHON_39 });
    write(PROGRAM, 'import sys\nprint(sys.version_info[:2])\n');
    await settle();
  });

  afterEach(() => ['.python-version', 'pyproject.toml'].forEach(remove));

  after(async () => {
    remove('pyversion');
    await setSetting('imagesByPythonVersion', undefined);
    await setUserSetting('imagesByPythonVersion', undefined);
    await setUserSetting('image', userImage);
  });

  it('runs a folder whose .python-version says 3.9 in the 3.9 image, and shows why in the log and the status item', async () => {
    write('.python-version', '3.9.18\n');
    await openFile(PROGRAM);
    const result = await vscode.commands.executeCommand<{ stdout: string; exitCode: number }>('selfHeal.runFile');
    assert.strictEqual(result?.stdout, '(3, 9)\n');
    const seen = await state();
    assert.strictEqual(seen.lastImageLogLine, 'Image: Python 3.9 from .python-version -> localhost/self-heal-python:3.9');
    assert.match(seen.statusBarTooltip, /\n\nImage: Python 3\.9 from \.python-version -> localhost\/self-heal-python:3\.9\.\n\nClick to open Self-Heal's settings\.$/);
  });

  it('runs Run & Self-Heal of a folder whose requires-python allows only 3.11 in the 3.11 default image', async () => {
    write('pyproject.toml', '[project]\nname = "fixture"\nrequires-python = ">=3.11,<3.12"\n');
    await openFile(PROGRAM);
    await vscode.commands.executeCommand('selfHeal.runAndHeal');
    const seen = await state();
    assert.strictEqual(seen.lastImageChoice?.image, 'python:3.11-slim');
    assert.strictEqual(seen.lastImageLogLine, 'Image: Python 3.11 allowed by requires-python ">=3.11,<3.12" in pyproject.toml -> python:3.11-slim (the default image)');
    assert.match(seen.statusBarTooltip, /\n\nImage: Python 3\.11 allowed by requires-python ">=3\.11,<3\.12" in pyproject\.toml -> python:3\.11-slim \(the default image\)\.\n\nClick to open Self-Heal's settings\.$/);
  });

  it('says in the log and the status item when the folder asks for a version no image serves, and runs in the default', async () => {
    write('.python-version', '3.7\n');
    await openFile(PROGRAM);
    const result = await vscode.commands.executeCommand<{ stdout: string }>('selfHeal.runFile');
    assert.strictEqual(result?.stdout, '(3, 11)\n');
    const warning =
      'The project asks for Python 3.7 (.python-version), but no image is configured for it (selfHeal.imagesByPythonVersion has 3.9, 3.10, 3.11, 3.12, 3.13; the default image is Python 3.11); using the default image python:3.11-slim.';
    const seen = await state();
    assert.strictEqual(seen.lastImageLogLine, `Image: Python 3.7 from .python-version: no image configured for it -> python:3.11-slim (the default image). ${warning}`);
    assert.ok(seen.statusBarTooltip.endsWith(`\n\nImage: Python 3.7 from .python-version: no image configured for it -> python:3.11-slim (the default image).\n\n${warning}\n\nClick to open Self-Heal's settings.`), seen.statusBarTooltip);
  });

  it('uses a workspace\'s table of images only once the user confirms it', async () => {
    // The workspace would run a 3.11 project in another image: until confirmed, the official table counts.
    write('.python-version', '3.11\n');
    await setUserSetting('imagesByPythonVersion', undefined);
    await setSetting('imagesByPythonVersion', { '3.11': PYTHON_39 });
    await settle();
    await openFile(PROGRAM);
    const before = (await state()).questionsAsked.length;
    await answerNextQuestions(null);
    const declined = await vscode.commands.executeCommand<{ stdout: string }>('selfHeal.runFile');
    assert.deepStrictEqual((await state()).questionsAsked.slice(before), [
      'This workspace sets selfHeal.imagesByPythonVersion to \'{"3.11":"localhost/self-heal-python:3.9"}\': its programs would run in the image it names for the Python version the project asks for, pulled from its registry when missing.',
    ]);
    assert.strictEqual(declined?.stdout, '(3, 11)\n');
    assert.strictEqual((await state()).lastImageLogLine, 'Image: Python 3.11 from .python-version -> python:3.11-slim (the default image)');
    // A no is remembered for the session; a changed value is a new question.
    await setSetting('imagesByPythonVersion', { '3.11': PYTHON_39, '3.12': 'python:3.12-slim' });
    await settle();
    await answerNextQuestions('Use This Value');
    const confirmed = await vscode.commands.executeCommand<{ stdout: string }>('selfHeal.runFile');
    assert.strictEqual(confirmed?.stdout, '(3, 9)\n');
    assert.strictEqual((await state()).lastImageLogLine, 'Image: Python 3.11 from .python-version -> localhost/self-heal-python:3.9');
  });
});
