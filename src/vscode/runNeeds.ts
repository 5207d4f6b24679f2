// What the editor offers when a program needs input or arguments, or was stopped at a limit. The
// same actions appear as notification buttons and as quick fixes: each is a command with its
// arguments, so a button does exactly what its quick fix does (and a test can run it).
import * as vscode from 'vscode';
import type { NoticeCommand, Notifications } from './notifications';
import { COMMANDS } from '../contract/editorPanelContract';
import { EXPECTED_OUTCOME_WORDS, expectedOutcomeOf, limitOfError, problemText } from '../core/errors/expectedExits';
import type { PythonError } from '../core/errors/pythonError';
import { describeBytes, describeSeconds, raisedLimits, type LimitName } from '../core/run/limits';
import type { OutputOverflow, RunLimits } from '../core/run/runTypes';
import { readSettings } from './settings';
import type { EngineStatusBar } from './statusBar';

/** A need's or a limit's action: a button that runs a command. */
export type NeedAction = NoticeCommand;

/** How the run was made, so it is made again the same way: Run & Self-Heal, Run Without Healing, Run Python File. */
export type RunMode = 'heal' | 'check' | 'run';

/** What a run made again may change: one limit, or what happens past the output cap. */
export interface RunOverrides {
  limits?: Partial<RunLimits>;
  outputOverflow?: OutputOverflow;
}

/** `_selfHeal.runAgain`'s argument: small and plain, so it survives a notification and the lightbulb. */
export interface RunAgainArgs {
  uri: string;
  mode: RunMode;
  limit?: { name: LimitName; value: number };
  /** A limit to double from the settings' value when the run starts (the panel's button, which does not hold the settings). */
  doubled?: LimitName;
  outputOverflow?: 'discard';
}

/** The settings that hold each limit: "Change the limit" opens exactly that one. */
export const LIMIT_SETTINGS: Readonly<Record<LimitName, string>> = { time: 'selfHeal.timeoutSeconds', output: 'selfHeal.outputLimit', memory: 'selfHeal.memory' };

/** The actions for an error that is an expected exit; none for a bug. `entry` is the program's file. */
export function needActions(error: PythonError, run: { entry: vscode.Uri; mode: RunMode; limits: RunLimits }): NeedAction[] {
  const expected = expectedOutcomeOf(error);
  if (expected === 'needs-input' || expected === 'needs-arguments') {
    return [{ title: 'Run with Arguments...', command: COMMANDS.runWithArguments, arguments: [run.entry.toString()] }];
  }
  const limit = limitOfError(error);
  if (!limit) return [];
  const again = (extra: Partial<RunAgainArgs>): unknown[] => [{ uri: run.entry.toString(), mode: run.mode, ...extra }];
  return [
    { title: 'Run again with 2x the limit', command: COMMANDS.runAgain, arguments: again({ limit: doubledLimit(limit, run.limits) }) },
    ...(limit === 'output' ? [{ title: 'Run again, discarding output past the cap', command: COMMANDS.runAgain, arguments: again({ outputOverflow: 'discard' }) }] : []),
    { title: 'Change the limit', command: 'workbench.action.openSettings', arguments: [LIMIT_SETTINGS[limit]] },
  ];
}

/** The overrides a `_selfHeal.runAgain` argument asks for, or undefined when it is not one. */
export function runAgainFrom(value: unknown): { uri: vscode.Uri; mode: RunMode; overrides: RunOverrides } | undefined {
  const args = value as Partial<RunAgainArgs> | undefined;
  if (typeof args?.uri !== 'string' || !['heal', 'check', 'run'].includes(args.mode as string)) return undefined;
  const uri = vscode.Uri.parse(args.uri);
  const limit = args.limit ?? (isLimitName(args.doubled) ? doubledLimit(args.doubled, readSettings(uri).limits) : undefined);
  const limits: Partial<RunLimits> | undefined =
    limit && Number.isFinite(limit.value) && limit.value > 0
      ? limit.name === 'time' ? { timeoutMs: limit.value } : limit.name === 'output' ? { outputLimitBytes: limit.value } : limit.name === 'memory' ? { memoryBytes: limit.value } : undefined
      : undefined;
  return { uri, mode: args.mode as RunMode, overrides: { limits, outputOverflow: args.outputOverflow === 'discard' ? 'discard' : undefined } };
}

function isLimitName(value: unknown): value is LimitName {
  return value === 'time' || value === 'output' || value === 'memory';
}

/** One limit at twice its value in `limits`, as "Run again with 2x the limit" asks. */
function doubledLimit(name: LimitName, limits: RunLimits): { name: LimitName; value: number } {
  const raised = raisedLimits(limits, name, 2);
  return { name, value: name === 'time' ? raised.timeoutMs : name === 'output' ? raised.outputLimitBytes : raised.memoryBytes };
}

/** What a run made again changes, for the first line of its output: "; time limit 60 s for this run". */
export function overridesPhrase(limits: RunLimits, overrides: RunOverrides | undefined, outputOverflow: OutputOverflow): string {
  const parts = [
    overrides?.limits?.timeoutMs ? `time limit ${describeSeconds(limits.timeoutMs)} for this run` : '',
    overrides?.limits?.outputLimitBytes ? `output limit ${describeBytes(limits.outputLimitBytes)} for this run` : '',
    overrides?.limits?.memoryBytes ? `memory limit ${describeBytes(limits.memoryBytes)} for this run` : '',
    outputOverflow === 'discard' ? `output past ${describeBytes(limits.outputLimitBytes)} per stream is discarded` : '',
  ].filter(Boolean);
  return parts.map((part) => `; ${part}`).join('');
}

/** The settings' limits with a run's overrides on top. */
export function withOverrides(limits: RunLimits, overrides: RunOverrides | undefined): RunLimits {
  return { ...limits, ...overrides?.limits };
}

/**
 * Says that a program needs something (or hit a limit) where the user looks: the status bar (a click
 * runs with arguments, or opens the limit's setting) and, for a run of one file, a notification
 * with every action. True when `error` was such an ending.
 */
export function reportNeed(to: { notifications: Notifications; statusBar: EngineStatusBar }, file: string, error: PythonError | null, run: { entry: vscode.Uri; mode: RunMode; limits: RunLimits; notify: boolean }): boolean {
  const expected = expectedOutcomeOf(error);
  if (!error || !expected) return false;
  const actions = needActions(error, run);
  const action = actions[actions.length - 1];
  to.statusBar.show({ kind: 'needs', what: EXPECTED_OUTCOME_WORDS[expected], detail: `${file} ${problemText(error)}`, action: { title: action.title, command: action.command, arguments: action.arguments } });
  if (run.notify) to.notifications.offerCommands('info', `Self-Heal: ${file} ${problemText(error)}.`, actions);
  return true;
}
