// Where the next fix for the failing tests comes from: the rule fixers first, on each failing
// test's error where it was raised (a NameError in the code under test has the same missing import
// whoever called it), then the model, told the failing tests, their comparisons, their source and
// every earlier attempt with the suite's results. A new list starts after a fix is kept.
import { ruleFixesFor } from '../fixes/ruleFixers';
import type { FixCandidate } from '../fixes/fixTypes';
import { NO_TOKENS, type EarlierAttempt, type FailingTests, type ModelFixer, type TokenUsage } from '../model/modelTypes';
import type { TestResult } from '../testing/testTypes';
import { codeUnderTest } from './codeUnderTest';
import { errorOfTest } from './failingTestError';
import { testFunctionSource } from './testSource';
import { tokenBudgetStop } from '../model/tokenBudget';

export type NextFix =
  | { kind: 'fix'; candidate: FixCandidate; usage: TokenUsage }
  /** The model answered nothing usable; `failedOutright`: it could not be reached at all. */
  | { kind: 'refused'; why: string; usage: TokenUsage; failedOutright: boolean; cancelled: boolean }
  | { kind: 'none'; why: string };

export interface FixSourceContext {
  failing: readonly TestResult[];
  files: Readonly<Record<string, string>>;
  earlier: readonly EarlierAttempt[];
  rules: boolean;
  model?: ModelFixer;
  allowTestEdits: boolean;
  /** Most model tokens the heal may use (0 or absent: no cap), and what it has used so far. */
  tokenBudget?: number;
  tokensUsed?: () => number;
  signal?: AbortSignal;
}

const MAX_TESTS_SHOWN = 8;
const MAX_DETAILS = 6_000;

export class TestFixSource {
  private readonly rules: FixCandidate[];
  private ruleCount: number;
  private modelGone?: string;

  constructor(private readonly context: FixSourceContext) {
    const all = context.rules ? context.failing.flatMap((test) => ruleFixesFor(errorOfTest(test), context.files)) : [];
    // Two tests failing on one missing name propose the same edit: try it once.
    const seen = new Set<string>();
    this.rules = all.filter((candidate) => {
      const key = JSON.stringify(candidate.edits);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    this.ruleCount = this.rules.length;
  }

  async next(): Promise<NextFix> {
    const rule = this.rules.shift();
    if (rule) return { kind: 'fix', candidate: rule, usage: NO_TOKENS };
    const { model } = this.context;
    if (!model) return { kind: 'none', why: this.ruleCount > 0 ? 'no further rule fix, and no model is in use' : `no rule fix is known for ${errorOfTest(this.context.failing[0]).type} and no model is in use` };
    if (this.modelGone) return { kind: 'none', why: this.modelGone };
    const spent = tokenBudgetStop(this.context.tokenBudget, this.context.tokensUsed?.() ?? 0);
    if (spent) return { kind: 'none', why: spent };
    const answer = await model.propose(this.request());
    if (answer.candidate) return { kind: 'fix', candidate: answer.candidate, usage: answer.usage };
    const why = answer.failure ?? 'the model gave no usable fix';
    const failedOutright = answer.rejections.length === 0;
    // A model that could not be reached will not be reached on the next attempt either.
    if (failedOutright) this.modelGone = `the model could not be used: ${why}`;
    return { kind: 'refused', why, usage: answer.usage, failedOutright, cancelled: answer.cancelled === true };
  }

  private request(): Parameters<ModelFixer['propose']>[0] {
    const { failing, files } = this.context;
    const shown = failing.slice(0, MAX_TESTS_SHOWN);
    const primary = shown[0];
    const error = errorOfTest(primary);
    const entry = primary.file ?? error.file ?? Object.keys(files)[0];
    const shownInTraceback = new Set([entry, ...shown.flatMap((test) => test.frames.map((frame) => frame.file))]);
    const testFiles = shown.flatMap((test) => (test.file === undefined ? [] : [test.file]));
    const tests: FailingTests = {
      failing: shown.map((test) => {
        const text = test.file === undefined ? undefined : files[test.file];
        const source = text === undefined || test.line === undefined ? undefined : testFunctionSource(text, test.line);
        return {
          id: test.id,
          message: test.message ?? test.outcome,
          ...(test.comparison ? { comparison: test.comparison } : {}),
          ...(source && test.file !== undefined ? { source: { file: test.file, ...source } } : {}),
        };
      }),
      testFilesLocked: !this.context.allowTestEdits,
      code: codeUnderTest(files, testFiles, shownInTraceback),
    };
    const details = shown.map((test) => test.details ?? test.message ?? '').join('\n\n');
    return {
      error,
      files,
      entry,
      outputTail: details.length > MAX_DETAILS ? details.slice(-MAX_DETAILS) : details,
      earlier: this.context.earlier,
      tests,
      budget: { tokens: this.context.tokenBudget ?? 0, used: this.context.tokensUsed?.() ?? 0 },
      signal: this.context.signal,
    };
  }
}
