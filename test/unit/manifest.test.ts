// The manifest promises what the settings model reads and the commands the extension registers.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { COMMANDS } from '../../src/contract/editorPanelContract';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));

describe('package.json manifest', () => {
  it('contributes exactly the commands of the command table, internal ones hidden', () => {
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepStrictEqual(contributed, Object.values(COMMANDS).sort());
    const hidden = manifest.contributes.menus.commandPalette.filter((m: { when: string }) => m.when === 'false').map((m: { command: string }) => m.command);
    assert.deepStrictEqual(hidden, Object.values(COMMANDS).filter((id) => id.startsWith('_')));
    for (const command of manifest.contributes.commands) assert.strictEqual(command.category, 'Self-Heal', command.command);
  });

  it('puts the run commands on the editor title and Run with Arguments in the editor menu for Python files (never on a fix\'s diff), and runs .py files from the explorer', () => {
    assert.deepStrictEqual(manifest.contributes.menus['editor/title/run'], [
      { command: 'selfHeal.runFile', when: 'resourceLangId == python && resourceScheme != self-heal-fix', group: 'navigation@10' },
      { command: 'selfHeal.runWithArguments', when: 'resourceLangId == python && resourceScheme != self-heal-fix', group: 'navigation@11' },
    ]);
    assert.deepStrictEqual(manifest.contributes.menus['editor/context'], [{ command: 'selfHeal.runWithArguments', when: 'resourceLangId == python && resourceScheme != self-heal-fix', group: 'selfHeal@1' }]);
    assert.deepStrictEqual(
      manifest.contributes.menus.commandPalette.filter((m: { when: string }) => m.when === 'editorLangId == python').map((m: { command: string }) => m.command),
      ['selfHeal.runFile', 'selfHeal.runAndHeal', 'selfHeal.runWithoutHealing', 'selfHeal.runWithArguments'],
    );
    assert.deepStrictEqual(manifest.contributes.menus['explorer/context'], [
      { command: 'selfHeal.runFile', when: 'resourceExtname == .py', group: 'navigation@90' },
      { command: 'selfHeal.runAndHealWorkspace', when: 'resourceExtname == .py || explorerResourceIsFolder', group: 'navigation@91' },
    ]);
  });

  it('puts Apply and Discard on the title of a fix\'s diff, and Run & Self-Heal (Stop while running) on a Python file\'s, with a keybinding', () => {
    assert.deepStrictEqual(manifest.contributes.menus['editor/title'], [
      { command: 'selfHeal.applyFix', when: 'selfHeal.fixPreviewActive', group: 'navigation@1' },
      { command: 'selfHeal.discardFix', when: 'selfHeal.fixPreviewActive', group: 'navigation@2' },
      // A fix's diff shows the fixed text as a Python file; it offers the choice, not a run.
      { command: 'selfHeal.runAndHeal', when: 'resourceLangId == python && resourceScheme != self-heal-fix && !selfHeal.running', group: 'navigation@90' },
      { command: 'selfHeal.stop', when: 'resourceLangId == python && resourceScheme != self-heal-fix && selfHeal.running', group: 'navigation@90' },
    ]);
    assert.deepStrictEqual(manifest.contributes.keybindings, [
      { command: 'selfHeal.runAndHeal', key: 'ctrl+alt+h', mac: 'ctrl+cmd+h', when: 'editorLangId == python && !selfHeal.running' },
    ]);
  });

  it('describes every setting, with a scope, and enum descriptions for every enum', () => {
    for (const [key, property] of Object.entries<Record<string, unknown>>(manifest.contributes.configuration.properties)) {
      assert.ok(property.description || property.markdownDescription, `${key} has a description`);
      assert.ok(property.scope, `${key} has a scope`);
      if (property.enum) assert.strictEqual((property.enumDescriptions as string[]).length, (property.enum as string[]).length, `${key} enumDescriptions`);
    }
  });

  it('shows Apply Fix and Discard Fix with icons, and in the palette only while a fix\'s diff is active', () => {
    const byId = (id: string) => manifest.contributes.commands.find((c: { command: string }) => c.command === id);
    assert.deepStrictEqual([byId('selfHeal.applyFix'), byId('selfHeal.discardFix')], [
      { command: 'selfHeal.applyFix', title: 'Apply Fix', category: 'Self-Heal', icon: '$(check)' },
      { command: 'selfHeal.discardFix', title: 'Discard Fix', category: 'Self-Heal', icon: '$(discard)' },
    ]);
    const palette = manifest.contributes.menus.commandPalette.filter((m: { command: string }) => m.command.endsWith('Fix') && m.command.startsWith('selfHeal.'));
    assert.deepStrictEqual(palette, [{ command: 'selfHeal.applyFix', when: 'selfHeal.fixPreviewActive' }, { command: 'selfHeal.discardFix', when: 'selfHeal.fixPreviewActive' }]);
  });

  it('shows every setting in the User tab, also in a remote window such as code-server', () => {
    // The settings editor of a remote window keeps `machine` and `machine-overridable` settings out
    // of the User tab (VS Code's LOCAL_MACHINE_SCOPES: application, window, resource, language-overridable).
    const userTab = ['application', 'window', 'resource', 'language-overridable'];
    const properties = Object.entries<{ scope: string }>(manifest.contributes.configuration.properties);
    assert.deepStrictEqual(properties.filter(([, property]) => !userTab.includes(property.scope)).map(([key]) => key), []);
    // A workspace cannot turn source builds on: user settings only.
    assert.strictEqual(manifest.contributes.configuration.properties['selfHeal.environment.allowSourceBuilds'].scope, 'application');
  });

  it('runs no code in untrusted workspaces and targets VS Code 1.100', () => {
    assert.strictEqual(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.strictEqual(manifest.engines.vscode, '^1.100.0');
    assert.deepStrictEqual(manifest.activationEvents, ['onLanguage:python']);
  });
});
