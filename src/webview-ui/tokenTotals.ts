// What the panel says about model tokens beyond each attempt's and each heal's own: a run's total
// (its files and its heal against the tests) and the session's (every heal since the window opened).
import type { PanelRun, PanelState } from '../webview/protocol';
import { formatTokens } from './format';

/** The tokens of all of a run's heals. */
export function runTokenTotal(run: Pick<PanelRun, 'files' | 'testHeal'>): number {
  return run.files.reduce((sum, file) => sum + file.tokens.totalTokens, 0) + (run.testHeal?.tokens.totalTokens ?? 0);
}

/** "Model tokens this session: 1,234 tokens (1,000 prompt, 234 answer)"; empty before any model answered. */
export function sessionTokensText(state: Pick<PanelState, 'sessionTokens'>): string {
  const usage = state.sessionTokens;
  if (!usage || usage.totalTokens <= 0) return '';
  return `Model tokens this session: ${formatTokens(usage.totalTokens)} (${usage.promptTokens.toLocaleString('en-US')} prompt, ${usage.completionTokens.toLocaleString('en-US')} answer)`;
}
