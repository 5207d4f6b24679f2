// The quick input of "Self-Heal: Run with Arguments...": the file's settings in a quick pick; picking
// one edits it in an input box and comes back to the list, each change kept at once. "Run & Self-Heal"
// or "Run Python File" at the top runs the file with them. Every question goes through questions.ts,
// so the tests answer them as a user would.
import * as path from 'path';
import * as vscode from 'vscode';
import {
  EMPTY_RUN_CONFIGURATION, formatEnvironment, formatStdinText, joinArguments, parseEnvironment, parseStdinText, parseWorkingFolder, splitArguments,
  type Parsed, type RunConfiguration,
} from '../core/program/runConfiguration';
import type { Questions } from './questions';
import type { RunConfigurations } from './runConfigurations';

export type RunChoice = 'heal' | 'run';
type Action = RunChoice | 'args' | 'stdin' | 'env' | 'cwd' | 'clear' | 'done';
interface Item extends vscode.QuickPickItem {
  action?: Action;
}

/** Shows the file's settings until the user runs, finishes or dismisses; returns how to run, if at all. */
export async function editRunConfiguration(file: vscode.Uri, root: string, configs: RunConfigurations, questions: Questions): Promise<RunChoice | undefined> {
  const name = path.relative(root, file.fsPath).split(path.sep).join('/');
  let config = configs.of(file);
  // Bounded, so a test that gives too few answers ends instead of looping.
  for (let step = 0; step < 100; step++) {
    const picked = await questions.pick(itemsFor(name, config), { title: `Run ${name} with arguments`, placeHolder: 'Pick a setting to change, or run the file with these settings' });
    const action = picked?.action;
    if (!action || action === 'done') return undefined;
    if (action === 'heal' || action === 'run') return action;
    const edited = action === 'clear' ? { ...EMPTY_RUN_CONFIGURATION, stdin: { kind: 'none' as const } } : await edit(action, name, root, config, questions);
    if (edited) await configs.set(file, (config = edited));
  }
  return undefined;
}

function itemsFor(name: string, config: RunConfiguration): Item[] {
  const stdin = config.stdin.kind === 'text' ? `typed: ${formatStdinText(config.stdin.text)}` : config.stdin.kind === 'file' ? `from ${config.stdin.path}` : 'none (the program sees the end of its input at once)';
  const names = Object.keys(config.env);
  return [
    { label: '$(wand) Run & Self-Heal', description: 'with these settings', action: 'heal' },
    { label: '$(play) Run Python File', description: 'with these settings, without healing', action: 'run' },
    { label: `Settings for ${name}, kept in this workspace`, kind: vscode.QuickPickItemKind.Separator },
    { label: '$(symbol-parameter) Arguments', description: config.args.length > 0 ? joinArguments(config.args) : 'none', action: 'args' },
    { label: '$(keyboard) Standard input', description: stdin, action: 'stdin' },
    { label: '$(symbol-variable) Environment variables', description: names.length > 0 ? names.join(', ') : 'none', action: 'env' },
    { label: '$(folder) Working folder', description: config.cwd ? `${config.cwd}/` : 'the workspace folder', action: 'cwd' },
    { label: '$(clear-all) Clear these settings', action: 'clear' },
    { label: '$(check) Done', description: 'keep the settings without running', action: 'done' },
  ];
}

async function edit(action: 'args' | 'stdin' | 'env' | 'cwd', name: string, root: string, config: RunConfiguration, questions: Questions): Promise<RunConfiguration | undefined> {
  switch (action) {
    case 'args': {
      const args = await ask(questions, { title: `Arguments for ${name}`, prompt: 'Arguments as in a terminal, e.g. --name "Ada Lovelace" -v', value: joinArguments(config.args) }, splitArguments);
      return args && { ...config, args };
    }
    case 'env': {
      const env = await ask(questions, { title: `Environment variables for ${name}`, prompt: 'NAME=value pairs separated by spaces, e.g. DEBUG=1 GREETING="good day"', value: formatEnvironment(config.env) }, parseEnvironment);
      return env && { ...config, env };
    }
    case 'cwd': {
      const cwd = await ask(questions, { title: `Working folder for ${name}`, prompt: 'A folder inside the workspace folder, e.g. data (empty: the workspace folder)', value: config.cwd }, parseWorkingFolder);
      return cwd === undefined ? undefined : { ...config, cwd };
    }
    case 'stdin':
      return editStdin(name, root, config, questions);
  }
}

async function editStdin(name: string, root: string, config: RunConfiguration, questions: Questions): Promise<RunConfiguration | undefined> {
  const choices = [
    { label: 'Type the input', source: 'text' as const },
    { label: 'Read a file of the workspace', source: 'file' as const },
    { label: 'No input', description: 'the program sees the end of its input at once', source: 'none' as const },
  ];
  const picked = await questions.pick(choices, { title: `Standard input for ${name}` });
  if (!picked) return undefined;
  if (picked.source === 'none') return { ...config, stdin: { kind: 'none' } };
  if (picked.source === 'text') {
    const typed = config.stdin.kind === 'text' ? formatStdinText(config.stdin.text) : '';
    const text = await ask(questions, { title: `Input for ${name}`, prompt: 'What the program reads; \\n starts a new line', value: typed }, (t) => ({ value: parseStdinText(t) }));
    return text === undefined ? undefined : { ...config, stdin: { kind: 'text', text } };
  }
  const current = config.stdin.kind === 'file' ? config.stdin.path : '';
  const file = await ask(questions, { title: `Input file for ${name}`, prompt: 'A file inside the workspace folder, e.g. data/input.txt', value: current }, parseWorkingFolder);
  if (file === undefined) return undefined;
  const exists = file !== '' && (await vscode.workspace.fs.stat(vscode.Uri.file(path.join(root, ...file.split('/')))).then((s) => s.type === vscode.FileType.File, () => false));
  if (!exists) return warn(`Self-Heal: ${file || 'that'} is not a file of the workspace folder; the input was not changed.`);
  return { ...config, stdin: { kind: 'file', path: file } };
}

/** Asks for text and parses it; a problem is shown and nothing changes. */
async function ask<T>(questions: Questions, options: vscode.InputBoxOptions, parse: (text: string) => Parsed<T>): Promise<T | undefined> {
  const text = await questions.text({ ...options, validateInput: (t) => problemOf(parse(t)) });
  if (text === undefined) return undefined;
  const parsed = parse(text);
  return 'problem' in parsed ? warn(`Self-Heal: ${parsed.problem}; nothing was changed.`) : parsed.value;
}

function problemOf<T>(parsed: Parsed<T>): string | undefined {
  return 'problem' in parsed ? parsed.problem : undefined;
}

function warn(message: string): undefined {
  void vscode.window.showWarningMessage(message);
  return undefined;
}
