// selfHeal_heal, in two steps. With `paths`: each file healed as Run & Self-Heal heals it (the run
// gate, rules then the model when one is set up, installs only with the user's approval), changing
// nothing; every fix a sandboxed re-run proved comes back as a diff with a fix id. With `apply` (fix
// ids): the workbench first shows the user the exact diffs through prepareInvocation's
// confirmationMessages, and only once they confirm are the fixes applied through the editor's own
// path (FixDecisions.applyNow: one WorkspaceEdit, refused for a file changed since the heal).
import * as vscode from 'vscode';
import { reportedError } from '../core/errors/reportedError';
import { healTargets } from '../core/heal/healTargets';
import type { FileHealRecord } from '../core/heal/ledger';
import { unifiedDiffOfFiles } from '../core/heal/unifiedDiff';
import type { DecidedFix } from './fixDecisions';
import { installApprovalForRun } from './installApproval';
import { MAX_PATHS, objectInput, onlyKnown, stringList, ToolRefusal, workspacePath } from './lmToolInput';
import type { LmToolDeps } from './lmTools';
import { editorTarget, gatedSettings } from './lmToolsRun';

export const HEAL_TOOL = 'selfHeal_heal';
/** Verified fixes kept for a later `apply`; the oldest go first, so an agent cannot grow the list. */
const KEPT_FIXES = 20;

interface WaitingFix {
  fix: DecidedFix;
  diff: string;
}

type HealInput = { paths: string[] } | { apply: string[] };

function checkedInput(input: unknown): HealInput {
  const given = objectInput(input);
  onlyKnown(given, ['paths', 'apply']);
  if ((given.paths === undefined) === (given.apply === undefined)) throw new ToolRefusal('give either paths (to heal files) or apply (fix ids from an earlier heal), not both and not neither');
  if (given.apply !== undefined) return { apply: stringList(given, 'apply', { min: 1, max: KEPT_FIXES }) ?? [] };
  return { paths: stringList(given, 'paths', { min: 1, max: MAX_PATHS }) ?? [] };
}

export class HealTool {
  private readonly waiting = new Map<string, WaitingFix>();
  private made = 0;

  constructor(private readonly deps: LmToolDeps) {}

  /** Applying asks the user, showing each diff; healing alone changes nothing and asks nothing. */
  prepare(input: unknown): vscode.PreparedToolInvocation {
    let checked: HealInput;
    try {
      checked = checkedInput(input);
    } catch {
      return {}; // invoke answers with the problem
    }
    if ('paths' in checked) return { invocationMessage: `Healing ${checked.paths.join(', ')} in the Self-Heal sandbox` };
    const fixes = checked.apply.map((id) => this.waiting.get(id)).filter((fix): fix is WaitingFix => fix !== undefined);
    if (fixes.length === 0) return {};
    const files = fixes.flatMap(({ fix }) => Object.keys(fix.record.changedFiles));
    const message = new vscode.MarkdownString(
      `Self-Heal verified ${fixes.length === 1 ? 'this fix' : 'these fixes'} in the sandbox: the program runs clean with ${fixes.length === 1 ? 'it' : 'them'}. Apply to ${files.join(', ')}?\n\n` +
        fixes.map(({ diff }) => `\`\`\`diff\n${diff}\`\`\``).join('\n\n'),
    );
    return { invocationMessage: `Applying Self-Heal's verified fix to ${files.join(', ')}`, confirmationMessages: { title: `Apply Self-Heal's verified fix to ${files.join(', ')}?`, message } };
  }

  async invoke(input: unknown, signal: AbortSignal): Promise<Record<string, unknown>> {
    const checked = checkedInput(input);
    return 'apply' in checked ? this.apply(checked.apply) : this.heal(checked.paths, signal);
  }

  private async heal(paths: readonly string[], signal: AbortSignal): Promise<Record<string, unknown>> {
    const files = await Promise.all(paths.map((p) => workspacePath(p, { kind: 'python-file' })));
    const results: Array<Record<string, unknown>> = [];
    let modelName: string | null = null;
    for (const file of files) {
      const settings = await gatedSettings(this.deps, file, { model: true });
      const target = await editorTarget(file);
      const runner = await this.deps.runners.runnerFor(settings);
      const model = await this.deps.models.fixerFor(settings);
      modelName = model?.model ?? modelName;
      // A requirement the user approved for a fix is not asked about again when its image is built.
      const approved = new Set<string>();
      const imageFor = await this.deps.environments.imageFor(settings, approved);
      const [record] = await healTargets([target], {
        runner, limits: settings.limits, maxAttempts: settings.fix.maxAttempts, rules: settings.fix.ruleBased, model, imageFor, signal, tokenBudget: settings.model.maxTokensPerHeal,
        approveInstall: installApprovalForRun(this.deps.gate.questions, approved), parallel: 1, outputOverflow: settings.outputOverflow,
        inputFor: () => ({}),
      });
      this.deps.log.info(`${HEAL_TOOL}: ${file.relative}: ${record.outcome}, ${record.attempts.length} attempts`);
      results.push(this.entry({ runId: `agent-${Date.now()}-${++this.made}`, root: target.root, record, files: target.files, afterApply: () => undefined }));
    }
    return { model: modelName, files: results };
  }

  private entry(fix: DecidedFix & { record: FileHealRecord }): Record<string, unknown> {
    const { record } = fix;
    const before = Object.fromEntries(Object.keys(record.changedFiles).map((file) => [file, fix.files[file] ?? '']));
    const diff = unifiedDiffOfFiles(before, record.changedFiles);
    // Only a fix that made the program run clean is offered; a partial one is shown, never applied.
    const verified = record.outcome === 'healed' && diff !== '';
    const fixId = verified ? this.keep(fix, diff) : undefined;
    return {
      file: record.entry,
      outcome: record.outcome,
      stopReason: record.stopReason,
      attempts: record.attempts.map(attemptLine),
      diff: diff === '' ? null : diff,
      ...(fixId ? { fixId, howToApply: `call ${HEAL_TOOL} with {"apply": ["${fixId}"]}; the user is asked to confirm` } : {}),
      lastError: record.lastRun.error ? reportedError(record.lastRun.error) : null,
    };
  }

  private keep(fix: DecidedFix, diff: string): string {
    const id = `fix-${this.made}`;
    this.waiting.set(id, { fix, diff });
    if (this.waiting.size > KEPT_FIXES) this.waiting.delete(this.waiting.keys().next().value as string);
    return id;
  }

  private async apply(ids: readonly string[]): Promise<Record<string, unknown>> {
    const results: Array<Record<string, unknown>> = [];
    for (const id of ids) {
      const waiting = this.waiting.get(id);
      if (!waiting) {
        results.push({ fixId: id, applied: [], notApplied: 'no such fix: heal the file first (fix ids are kept for the 20 latest fixes and used once)' });
        continue;
      }
      this.waiting.delete(id);
      const decision = await this.deps.decisions.applyNow(waiting.fix);
      this.deps.log.info(`${HEAL_TOOL}: ${id}: ${'notApplied' in decision ? `not applied: ${decision.notApplied}` : `applied to ${decision.applied.join(', ')}`}`);
      results.push({ fixId: id, file: waiting.fix.record.entry, ...decision });
    }
    return { fixes: results };
  }
}

function attemptLine(attempt: FileHealRecord['attempts'][number]): Record<string, unknown> {
  return { attempt: attempt.number, fix: attempt.fix ? `${attempt.fix.source}: ${attempt.fix.description}` : null, outcome: attempt.outcome, why: attempt.why };
}
