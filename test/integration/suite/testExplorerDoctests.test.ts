// selfHeal.tests.doctests in the Test Explorer: the docstrings of the modules in the folders the
// setting lists run with the tests in the sandbox, and each appears as an item at its line under
// its module, failing with the example's line when the example's output differs; Heal Failing Tests gives a doctest
// no run has shown yet its item and outcome.
import * as assert from 'assert';
import * as fs from 'fs/promises';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, setSetting, setUserSetting, workspaceFile } from './hostHelper';
import { explorerState, runTestItems, waitForItems } from './testExplorerHelper';

interface Healed {
  receipt?: { outcome: string; reason: string; green: string[] };
  reported?: Array<{ id: string; outcome: string }>;
}

const PYTEST_IMAGE = 'localhost/self-heal-python-pytest:3.11';

const FILES: Record<string, string> = {
  'doctests/pricing.py': [
    'def discount(price):', // 1
    '    """Ten percent off.', // 2
    '', // 3
    '    >>> discount(100)', // 4
    '    90', // 5
    '    """', // 6
    '    return price - price // 5', // 7
    '', // 8
    '', // 9
    'def total(prices):', // 10
    '    """', // 11
    '    >>> total([1, 2])', // 12
    '    3', // 13
    '    """', // 14
    '    return sum(prices)', // 15
    '',
  ].join('\n'),
  'doctests/test_pricing.py': ['from pricing import total', '', '', 'def test_total():', '    assert total([2, 2]) == 4', ''].join('\n'),
};

describe('extension host: Test Explorer runs the doctests of selfHeal.tests.doctests', function () {
  this.timeout(120_000);

  before(async () => {
    for (const [name, text] of Object.entries(FILES)) {
      await fs.mkdir(path.dirname(workspaceFile(name).fsPath), { recursive: true });
      await fs.writeFile(workspaceFile(name).fsPath, text);
    }
    await activateExtension();
    await setUserSetting('image', PYTEST_IMAGE);
    await setSetting('tests.doctests', ['doctests']);
  });

  after(async () => {
    for (const key of ['tests.doctests', 'fix.applyMode']) await setSetting(key, undefined);
    await setUserSetting('image', undefined);
    await fs.rm(workspaceFile('doctests').fsPath, { recursive: true, force: true });
    await fs.rm(workspaceFile('lateDoctests').fsPath, { recursive: true, force: true });
  });

  it('shows a failing doctest item at its line under its module after Run in Sandbox', async () => {
    await waitForItems(['doctests/test_pricing.py::test_total']);
    const state = await runTestItems(['doctests']);
    assert.deepStrictEqual(state.items.filter((item) => item.id.startsWith('doctests')), [
      { id: 'doctests', label: 'doctests', kind: 'folder', parent: undefined },
      { id: 'doctests/pricing.py', label: 'pricing.py', kind: 'file', parent: 'doctests' },
      // Each at its docstring's first line, where the gutter's button goes.
      { id: 'doctests/pricing.py::pricing.discount', label: 'pricing.discount', kind: 'doctest', line: 2, parent: 'doctests/pricing.py' },
      { id: 'doctests/pricing.py::pricing.total', label: 'pricing.total', kind: 'doctest', line: 11, parent: 'doctests/pricing.py' },
      { id: 'doctests/test_pricing.py', label: 'test_pricing.py', kind: 'file', parent: 'doctests' },
      { id: 'doctests/test_pricing.py::test_total', label: 'test_total', kind: 'function', line: 4, parent: 'doctests/test_pricing.py' },
    ]);
    const reported = (state.lastRun?.reported ?? []).map(({ durationMs: _, ...rest }) => rest);
    assert.deepStrictEqual(reported, [
      // The failure points at the example whose output differs, not at the docstring.
      { id: 'doctests/pricing.py::pricing.discount', outcome: 'failed', message: '>>> discount(100): expected 90, got 80', expected: '90', actual: '80', location: { file: 'doctests/pricing.py', line: 4 } },
      { id: 'doctests/pricing.py::pricing.total', outcome: 'passed' },
      { id: 'doctests/test_pricing.py::test_total', outcome: 'passed' },
    ]);
  });

  it('Heal Failing Tests heals a doctest no run has shown yet, and the tree shows it passed', async () => {
    const area = ['def area(r):', '    """', '    >>> round(area(1), 2)', '    3.14', '    """', '    return math.pi * r * r', ''].join('\n');
    await fs.mkdir(workspaceFile('lateDoctests').fsPath, { recursive: true });
    await fs.writeFile(workspaceFile('lateDoctests/area.py').fsPath, area);
    await fs.writeFile(workspaceFile('lateDoctests/test_area.py').fsPath, ['from area import area', '', '', 'def test_zero():', '    assert area(0) == 0', ''].join('\n'));
    await setSetting('tests.doctests', ['lateDoctests']);
    await setSetting('fix.applyMode', 'auto');
    await waitForItems(['lateDoctests/test_area.py::test_zero']);
    const [heal] = (await vscode.commands.executeCommand<Healed[]>('_selfHeal.healTestItems', ['lateDoctests'])) ?? [];
    assert.strictEqual(heal?.receipt?.outcome, 'healed', heal?.receipt?.reason);
    assert.deepStrictEqual(heal.receipt.green, ['lateDoctests/area.py::area.area', 'lateDoctests/test_area.py::test_zero']);
    assert.deepStrictEqual(heal.reported, [{ id: 'lateDoctests/area.py::area.area', outcome: 'passed' }, { id: 'lateDoctests/test_area.py::test_zero', outcome: 'passed' }]);
    const items = (await explorerState()).items.filter((item) => item.id.startsWith('lateDoctests/area.py'));
    assert.deepStrictEqual(items, [
      { id: 'lateDoctests/area.py', label: 'area.py', kind: 'file', parent: 'lateDoctests' },
      { id: 'lateDoctests/area.py::area.area', label: 'area.area', kind: 'doctest', parent: 'lateDoctests/area.py' },
    ]);
    assert.strictEqual((await fs.readFile(workspaceFile('lateDoctests/area.py').fsPath, 'utf8')).split('\n')[0], 'import math');
  });
});
