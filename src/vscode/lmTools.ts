// Self-Heal's tools for VS Code's agent mode (contributes.languageModelTools in package.json):
// selfHeal_runPython, selfHeal_heal and selfHeal_runTests, registered here with vscode.lm.registerTool.
// Each call passes the run gate like every other run of the editor; the answer is compact JSON text
// with the model's key cut out, and a bad input or a refusal is an answer that says so ("Error: ..."),
// never a throw, so the agent reads what to change instead of a failed call.
import * as vscode from 'vscode';
import { redactSecrets } from '../core/run/outputTail';
import type { EditorEnvironments } from './editorEnvironments';
import type { FixDecisions } from './fixDecisions';
import { ToolRefusal } from './lmToolInput';
import { HealTool, HEAL_TOOL } from './lmToolsHeal';
import { RUN_TOOL, runPython } from './lmToolsRun';
import { TESTS_TOOL, runProjectTests } from './lmToolsTests';
import type { ModelProvider } from './modelProvider';
import type { RunnerProvider } from './runnerProvider';
import type { RunGate } from './runGate';
import type { ApiKeyStore } from './secrets';

export interface LmToolDeps {
  gate: RunGate;
  runners: RunnerProvider;
  environments: EditorEnvironments;
  models: ModelProvider;
  decisions: FixDecisions;
  apiKeys: ApiKeyStore;
  log: vscode.LogOutputChannel;
}

/** For the integration tests: the confirmations the tools asked for, which the workbench shows. */
export const LM_TOOLS_STATE = '_selfHeal.lmToolsState';

export interface LmToolsState {
  confirmations: Array<{ tool: string; title: string; message: string }>;
}

type Work = (input: unknown, signal: AbortSignal) => Promise<Record<string, unknown>>;

export function registerLanguageModelTools(deps: LmToolDeps, testHost: boolean): vscode.Disposable {
  const state: LmToolsState = { confirmations: [] };
  const heal = new HealTool(deps);
  const tool = (name: string, work: Work, prepare?: (input: unknown) => vscode.PreparedToolInvocation): vscode.Disposable =>
    vscode.lm.registerTool<unknown>(name, {
      invoke: (options, token) => answer(deps, name, (signal) => work(options.input, signal), token),
      prepareInvocation: (options) => {
        const prepared = prepare?.(options.input) ?? {};
        const asked = prepared.confirmationMessages;
        if (asked) state.confirmations.push({ tool: name, title: asked.title, message: typeof asked.message === 'string' ? asked.message : asked.message.value });
        return prepared;
      },
    });
  const registered = [
    tool(RUN_TOOL, (input, signal) => runPython(deps, input, signal), () => ({ invocationMessage: 'Running Python in the Self-Heal sandbox' })),
    tool(HEAL_TOOL, (input, signal) => heal.invoke(input, signal), (input) => heal.prepare(input)),
    tool(TESTS_TOOL, (input, signal) => runProjectTests(deps, input, signal), () => ({ invocationMessage: 'Running the tests in the Self-Heal sandbox' })),
  ];
  if (testHost) registered.push(vscode.commands.registerCommand(LM_TOOLS_STATE, () => state));
  return vscode.Disposable.from(...registered);
}

/** The work's value as JSON text, or the reason it could not be done; the model's key never in either. */
async function answer(deps: LmToolDeps, name: string, work: (signal: AbortSignal) => Promise<Record<string, unknown>>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
  const controller = new AbortController();
  const listener = token.onCancellationRequested(() => controller.abort());
  let text: string;
  try {
    text = JSON.stringify(await work(controller.signal), null, 2);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!(error instanceof ToolRefusal)) deps.log.error(`${name}: ${error instanceof Error ? (error.stack ?? message) : message}`);
    text = error instanceof ToolRefusal ? `Error: ${message}` : `Error: Self-Heal could not finish the call: ${message}`;
  } finally {
    listener.dispose();
  }
  const key = await deps.apiKeys.get().catch(() => undefined);
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(redactSecrets(text, key ? [key] : []))]);
}
