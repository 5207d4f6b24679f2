// Reading the Test Explorer's controller from the tests: its items and the last run as it was
// reported to VS Code (`_selfHeal.testExplorerState`), and running items by id as the "Run in
// Sandbox" profile does (`_selfHeal.runTestItems`, registered only in a test host).
import * as vscode from 'vscode';

export interface ReportedTest {
  id: string;
  outcome: 'passed' | 'failed' | 'errored' | 'skipped';
  durationMs?: number;
  message?: string;
  expected?: string;
  actual?: string;
  location?: { file: string; line: number };
}

export interface ExplorerState {
  items: Array<{ id: string; label: string; kind?: string; line?: number; parent?: string }>;
  lastRun?: { requested: string[]; reported: ReportedTest[]; output: string; problem?: { kind: string; message: string; test?: string } };
  diagnostics: Array<{ file: string; items: Array<{ range: number[]; message: string; source?: string; code?: unknown; related: Array<{ file: string; line: number; message: string }> }> }>;
  /** The last run's output and problem, at hand. */
  output: string;
  problem?: { kind: string; message: string; test?: string };
}

export async function explorerState(): Promise<ExplorerState> {
  const state = await vscode.commands.executeCommand<Omit<ExplorerState, 'output' | 'problem'>>('_selfHeal.testExplorerState');
  return { ...state, output: state.lastRun?.output ?? '', ...(state.lastRun?.problem ? { problem: state.lastRun.problem } : {}) };
}

/** Runs the items (every test when no ids are given) and returns the state once the run has ended. */
export async function runTestItems(ids?: string[]): Promise<ExplorerState> {
  await vscode.commands.executeCommand('_selfHeal.runTestItems', ids);
  return explorerState();
}

/** The items appear (or `done` holds) once the file watcher has seen the files change. */
export async function waitForItems(ids: readonly string[], done: (state: ExplorerState) => boolean = () => true): Promise<ExplorerState> {
  for (let waited = 0; ; waited += 200) {
    const state = await explorerState();
    if (ids.every((id) => state.items.some((item) => item.id === id)) && done(state)) return state;
    if (waited > 15_000) throw new Error(`items ${ids.join(', ')} did not appear; have ${state.items.map((i) => i.id).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
