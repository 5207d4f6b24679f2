// Each file's run configuration (core/program/runConfiguration.ts), kept in the workspace's state:
// it belongs to this checkout, not to the repository, so nobody's arguments or variables travel with
// a clone. Every run command asks here what a program is given; an input file is read at each run,
// through the same safe read as the program's own files.
import * as path from 'path';
import type * as vscode from 'vscode';
import { FileRefusedError, readFileSafely } from '../core/files/safeFileRead';
import type { HealTarget, RunInput } from '../core/heal/healTargets';
import { isProgram } from '../core/program/launch';
import { configurationFrom, describeConfiguration, EMPTY_RUN_CONFIGURATION, isEmptyConfiguration, type RunConfiguration } from '../core/program/runConfiguration';
import { uriOf } from './runDiagnostics';

const STATE_KEY = 'selfHeal.runConfigurations';
const MAX_INPUT_BYTES = 8 * 1024 * 1024;

export class RunConfigurations {
  constructor(private readonly state: vscode.Memento) {}

  /** The file's configuration; the empty one when none was set. */
  of(file: vscode.Uri): RunConfiguration {
    return configurationFrom(this.all()[file.toString()]) ?? { ...EMPTY_RUN_CONFIGURATION, stdin: { kind: 'none' } };
  }

  async set(file: vscode.Uri, config: RunConfiguration): Promise<void> {
    const all = { ...this.all() };
    if (isEmptyConfiguration(config)) delete all[file.toString()];
    else all[file.toString()] = config;
    await this.state.update(STATE_KEY, all);
  }

  /**
   * What the program at `entry` (root-relative) is given: its arguments, its input (an input file read
   * now), variables and folder. A refusal says what to change when the input file cannot be read.
   */
  async inputFor(root: string, entry: string): Promise<{ input: RunInput } | { refused: string }> {
    const config = this.of(uriOf(root, entry));
    const input: RunInput = { args: config.args, env: config.env, cwd: config.cwd };
    if (config.stdin.kind === 'text') return { input: { ...input, stdin: config.stdin.text } };
    if (config.stdin.kind === 'none') return { input };
    const fix = `; change it with Self-Heal: Run with Arguments...`;
    try {
      const bytes = await readFileSafely(path.join(root, ...config.stdin.path.split('/')), { root, maxBytes: MAX_INPUT_BYTES, label: config.stdin.path });
      if (bytes === undefined) return { refused: `Self-Heal: ${entry} reads its input from ${config.stdin.path}, which does not exist${fix}.` };
      return { input: { ...input, stdin: bytes.toString('utf8') } };
    } catch (error) {
      if (error instanceof FileRefusedError) return { refused: `Self-Heal: the input file of ${entry} was not read: ${error.message}${fix}.` };
      throw error;
    }
  }

  /**
   * Each program target's input (import checks get none), and a line per configured program for the
   * log (variables named, their values left out); a refusal when an input file cannot be read.
   */
  async inputsFor(targets: readonly HealTarget[]): Promise<{ inputs: Map<HealTarget, RunInput>; described: string[] } | { refused: string }> {
    const inputs = new Map<HealTarget, RunInput>();
    const described: string[] = [];
    for (const target of targets.filter((t) => isProgram(t.launch))) {
      const found = await this.inputFor(target.root, target.launch.target);
      if ('refused' in found) return found;
      inputs.set(target, found.input);
      const config = this.of(uriOf(target.root, target.launch.target));
      if (!isEmptyConfiguration(config)) described.push(`${target.launch.target}: runs with ${describeConfiguration(config)}`);
    }
    return { inputs, described };
  }

  private all(): Record<string, unknown> {
    const stored = this.state.get<unknown>(STATE_KEY);
    return typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  }
}
