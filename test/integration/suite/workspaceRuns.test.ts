// A workspace run as a user reads it, in the real extension host with the real engine: one summary
// notification counting the outcomes in words, each program's output in its own section of the
// Output channel (whole, even with programs running in parallel; a noisy one capped with a line
// saying how much was left out), and traceback frames pointing at the files on disk, never /app/.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateOnTestImage, setSetting, workspaceFile } from './hostHelper';

interface Notice {
  seq: number;
  severity: string;
  message: string;
  buttons: string[];
}
interface Outcome {
  record: { entry: string; outcome: string };
}

const state = () => vscode.commands.executeCommand<{ notifications: Notice[]; programOutput: string }>('_selfHeal.testState');

const NOISY_LINES = Array.from({ length: 500 }, (_, i) => `line ${i}`);
const FILES: Record<string, string> = {
  'wsruns/calc/__init__.py': '',
  'wsruns/calc/stats.py': 'def mean(values):\n    return sum(values) / len(values)\n',
  'wsruns/main.py': 'from calc.stats import mean\nprint(mean([]))\n',
  'wsruns/ask.py': 'name = input("Your name? ")\nprint("Hello,", name)\n',
  'wsruns/missing.py': 'print(json.dumps({"ok": True}))\n',
  'wsruns/noisy.py': 'for i in range(500):\n    print(f"line {i}")\n',
};

/** The output's parts: the run's header line, then one section per program (no fixture prints a blank line). */
function sectionsOf(output: string): Map<string, string[]> {
  const [, ...sections] = output.replace(/\n$/, '').split('\n\n');
  return new Map(sections.map((section) => [section.split('\n')[0], section.split('\n')]));
}

describe('extension host: workspace runs a user can read', function () {
  this.timeout(240_000);
  const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

  before(async () => {
    await activateOnTestImage();
    await setSetting('fix.applyMode', 'auto');
    await setSetting('parallelRuns', 4);
    for (const [file, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(workspaceFile(file).fsPath), { recursive: true });
      fs.writeFileSync(workspaceFile(file).fsPath, text);
    }
  });

  after(async () => {
    for (const key of ['fix.applyMode', 'parallelRuns']) await setSetting(key, undefined);
    fs.rmSync(workspaceFile('wsruns').fsPath, { recursive: true, force: true });
  });

  it('ends with one summary notification in words, sections per program, and clickable workspace paths', async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    const before = (await state()).notifications.at(-1)?.seq ?? 0;
    const outcomes = await vscode.commands.executeCommand<Outcome[]>('selfHeal.runAndHealWorkspace', workspaceFile('wsruns'), [workspaceFile('wsruns')]);
    assert.deepStrictEqual(outcomes.map((o) => [o.record.entry, o.record.outcome]).sort(), [
      ['wsruns/ask.py', 'needs-input'],
      ['wsruns/calc/__init__.py', 'clean'],
      ['wsruns/calc/stats.py', 'clean'],
      ['wsruns/main.py', 'not-healed'],
      ['wsruns/missing.py', 'healed'],
      ['wsruns/noisy.py', 'clean'],
    ]);
    await new Promise((r) => setTimeout(r, 300));
    const { notifications, programOutput } = await state();

    // One notification for the run, counting by outcome; modules counted as import-checked.
    const shown = notifications.filter((n) => n.seq > before).map(({ seq: _seq, ...notice }) => notice);
    assert.deepStrictEqual(shown, [{
      severity: 'warning',
      message: 'Self-Heal: 6 files: 1 healed, 1 ran clean, 2 import cleanly, 1 needs input, 1 not healed. Rule fixes cover common mistakes only; set an API key or a local model server (selfHeal.model.baseUrl) for AI fixes.',
      buttons: ['Show Problems', 'Show Fix Attempts'],
    }]);

    // One section per program, each headed by its file and outcome, in the order the programs ended.
    const sections = sectionsOf(programOutput);
    assert.deepStrictEqual([...sections.keys()].sort(), [
      '── wsruns/ask.py · needs input ──',
      '── wsruns/calc/__init__.py · imports cleanly ──',
      '── wsruns/calc/stats.py · imports cleanly ──',
      '── wsruns/main.py · not healed ──',
      '── wsruns/missing.py · healed ──',
      '── wsruns/noisy.py · ran clean ──',
    ]);

    // The noisy program: its last 60 lines together, after a line saying exactly how much was left out.
    const noisy = sections.get('── wsruns/noisy.py · ran clean ──')!;
    const written = Buffer.byteLength(`${NOISY_LINES.join('\n')}\n`);
    const leftOut = written - Buffer.byteLength(NOISY_LINES.slice(-60).join('\n'));
    assert.deepStrictEqual(noisy, [
      '── wsruns/noisy.py · ran clean ──',
      `… ${leftOut.toLocaleString('en-US')} bytes of earlier output left out (the last 60 lines at most are shown)`,
      ...NOISY_LINES.slice(-60),
      '✓ wsruns/noisy.py ran clean',
    ]);

    // The failing program's traceback names the files on disk, with their lines, and no /app/ path.
    const main = sections.get('── wsruns/main.py · not healed ──')!;
    assert.ok(main.includes(`  File ${path.join(root(), 'wsruns', 'main.py')}:2, in <module>`), main.join('\n'));
    assert.ok(main.includes(`  File ${path.join(root(), 'wsruns', 'calc', 'stats.py')}:2, in mean`), main.join('\n'));
    assert.strictEqual(main.at(-2), 'ZeroDivisionError: division by zero');
    assert.strictEqual(main.at(-1), '✗ wsruns/main.py: ZeroDivisionError: division by zero (wsruns/calc/stats.py:2); no fix is known for ZeroDivisionError');
    assert.ok(!programOutput.includes('"/app/'), programOutput);
    assert.strictEqual(sections.get('── wsruns/ask.py · needs input ──')!.at(-1), '? wsruns/ask.py: needs input: input() found no input to read, and none was given; not healed: nothing in the code is at fault');
  });

  it('Run Python File shows the live traceback with the files on disk, never /app/', async () => {
    await vscode.commands.executeCommand('selfHeal.runFile', workspaceFile('wsruns/main.py'));
    const output = (await state()).programOutput;
    const frames = output.split('\n').filter((line) => line.startsWith('  File '));
    assert.deepStrictEqual(frames, [
      `  File ${path.join(root(), 'wsruns', 'main.py')}:2, in <module>`,
      `  File ${path.join(root(), 'wsruns', 'calc', 'stats.py')}:2, in mean`,
    ]);
    assert.ok(!output.includes('/app/'), output);
  });
});
