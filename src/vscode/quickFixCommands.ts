// What a chosen quick fix does. A rule fix is verified by running the fixed program in the sandbox,
// made as the run that found the error was (its driver, arguments and environment image), before it
// touches the document; "Fix with AI" asks the model in a cancellable progress, verifies its
// fix the same way, and applies it only if it holds. Each is a run of its own in the Fix Attempts
// panel (lightbulbRuns.ts).
import * as vscode from 'vscode';
import { COMMANDS } from '../contract/editorPanelContract';
import { problemText } from '../core/errors/expectedExits';
import { fileText, hasFile } from '../core/files/fileTexts';
import { applyEdits } from '../core/fixes/fixTypes';
import { endingOf } from '../core/heal/fixLifecycle';
import { healFile } from '../core/heal/healFile';
import type { FileHealRecord } from '../core/heal/ledger';
import { modelFailureLine } from '../core/model/modelFailure';
import type { Verdict } from '../core/heal/progress';
import { verifiedFixRecord } from '../core/heal/verifiedFixRecord';
import { verifyFix } from '../core/heal/verifyFix';
import type { EditorEnvironments } from './editorEnvironments';
import { applyFileTexts, applyTextEdits, StaleDocumentError } from './fileEdits';
import { vetRequirementChanges } from './installApproval';
import type { ModelProvider } from './modelProvider';
import type { LightbulbRuns } from './lightbulbRuns';
import type { Notifications, NoticeSeverity } from './notifications';
import type { QuickFixArgs, QuickFixProvider } from './quickFixes';
import type { DiagnosedError, RunDiagnostics } from './runDiagnostics';
import type { RunGate } from './runGate';
import type { RunnerProvider } from './runnerProvider';
import { modelFailureActions } from './runNotices';

export interface QuickFixDeps {
  provider: QuickFixProvider;
  diagnostics: RunDiagnostics;
  runners: RunnerProvider;
  models: ModelProvider;
  /** Records each chosen fix as a run in the Fix Attempts panel. */
  runs: LightbulbRuns;
  gate: RunGate;
  /** The same environment images Run & Self-Heal uses, so a fix is verified where the error was found. */
  environments: EditorEnvironments;
  notifications: Notifications;
}

/** What the last quick fix did, for the tests. */
export interface QuickFixOutcome {
  applied: boolean;
  message: string;
  verdict?: Verdict;
  record?: FileHealRecord;
}

export class QuickFixCommands {
  last: QuickFixOutcome | undefined;
  private fixRuns = 0;

  constructor(private readonly deps: QuickFixDeps) {}

  async applyRuleFix(args: QuickFixArgs): Promise<QuickFixOutcome> {
    const found = this.find(args);
    if ('refused' in found) return this.report({ applied: false, message: found.refused });
    const { offer, origin, uri } = found;
    const candidate = offer.candidate!;
    const allowed = await this.deps.gate.settingsFor(uri, { model: false });
    if ('refused' in allowed) return this.report({ applied: false, message: allowed.refused });
    const { settings } = allowed;
    const fixed = { ...origin.files };
    for (const file of new Set(candidate.edits.map((e) => e.file))) {
      const text = applyEdits(fileText(fixed, file) ?? '', candidate.edits.filter((e) => e.file === file));
      if (text === undefined) return this.report({ applied: false, message: `Self-Heal: ${candidate.description}: no longer fits the file; run it again.` });
      fixed[file] = text;
    }
    // Packages the user agreed to install for this fix are not asked about again when built.
    const approved = new Set<string>();
    const vetoed = await vetRequirementChanges(this.deps.gate.questions, origin.files, fixed, approved);
    if (vetoed) return this.report({ applied: false, message: vetoed });
    const runId = this.deps.runs.start('Rule fix', origin.entry);
    const started = Date.now();
    const verified = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Self-Heal: verifying: ${candidate.description}`, cancellable: true },
      async (progress, token) => {
        const imageFor = await this.deps.environments.imageFor(settings, approved, (message) => progress.report({ message }));
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        const runner = await this.deps.runners.runnerFor(settings);
        const before = { files: origin.files, error: origin.error, stdoutBytes: origin.stdoutBytes };
        return verifyFix({ recipe: origin.recipe, before, fixed }, { runner, limits: settings.limits, imageFor, signal: controller.signal });
      },
    );
    const record = verifiedFixRecord({ ...origin, files: origin.files, fixed, fix: candidate }, verified, Date.now() - started);
    const ending = { root: origin.root, files: origin.files, record };
    if (verified.kind === 'not-ran') {
      this.deps.runs.end(runId, ending, endingOf(record, false, 'auto'));
      const message = verified.result?.reason === 'cancelled' ? 'Self-Heal: cancelled; nothing was changed.' : `Self-Heal: the fix could not be verified: ${verified.why}`;
      return this.report({ applied: false, message, record });
    }
    const { verdict, error: afterError, result: after } = verified;
    if (verdict !== 'clean' && verdict !== 'progress') {
      this.deps.runs.end(runId, ending, 'not-healed');
      const how = afterError ? problemText(afterError) : 'it did not run';
      return this.report({ applied: false, verdict, record, message: `Self-Heal: ${candidate.description}: did not hold (the re-run failed with ${how}); nothing was changed.` });
    }
    try {
      await applyTextEdits(origin.root, candidate.edits, { uri, version: args.version });
    } catch (error) {
      if (!(error instanceof StaleDocumentError)) throw error;
      this.deps.runs.end(runId, ending, 'failed', `not applied: ${error.message}`);
      return this.report({ applied: false, verdict, record, message: `Self-Heal: not applied: ${error.message}` });
    }
    this.deps.runs.end(runId, ending, 'applied');
    const edited = [...new Set(candidate.edits.map((e) => e.file))];
    this.deps.diagnostics.show({ root: origin.root, entry: origin.entry, recipe: origin.recipe, batch: this.nextBatch(), edited, files: fixed, stdoutBytes: after.stdoutBytes }, afterError, versionsOf(origin.root, fixed));
    return this.report({ applied: true, verdict, record, message: `Self-Heal: ${candidate.description}: applied (verified: ${verdict === 'clean' ? 'the program runs clean' : 'the program gets further'}).` }, 'info');
  }

  async fixWithAi(args: QuickFixArgs): Promise<QuickFixOutcome> {
    const found = this.find(args);
    if ('refused' in found) return this.report({ applied: false, message: found.refused });
    const { origin, uri } = found;
    const allowed = await this.deps.gate.settingsFor(uri, { model: true });
    if ('refused' in allowed) return this.report({ applied: false, message: allowed.refused });
    const { settings } = allowed;
    const model = await this.deps.models.fixerFor(settings);
    if (!model) {
      this.deps.notifications.offer('warning', 'Self-Heal: no model is set up. Set an API key, or point selfHeal.model.baseUrl at a local server.', { 'Set API Key': () => vscode.commands.executeCommand(COMMANDS.setApiKey) });
      return (this.last = { applied: false, message: 'Self-Heal: no model is set up.' });
    }
    const runId = this.deps.runs.start('Fix with AI', origin.entry);
    const record = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Self-Heal: asking ${model.model} to fix ${origin.entry}`, cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        const runner = await this.deps.runners.runnerFor(settings);
        const { entry, driver, ...input } = origin.recipe;
        const imageFor = await this.deps.environments.imageFor(settings, new Set(), (message) => progress.report({ message }));
        return healFile({ files: origin.files, entry, driver }, {
          runner, limits: settings.limits, rules: false, model, maxAttempts: settings.fix.maxAttempts, keepPartial: true, signal: controller.signal, imageFor, tokenBudget: settings.model.maxTokensPerHeal, ...input,
          onProgress: (p) => progress.report({ message: p.attempt === 0 ? 'running' : `attempt ${p.attempt}/${p.maxAttempts}: ${p.step === 'asking the model' ? `asking ${model.model}` : p.step}` }),
        });
      },
    );
    const changed = record.outcome === 'cancelled' ? {} : record.changedFiles;
    const ending = { root: origin.root, files: origin.files, record };
    if (Object.keys(changed).length === 0) {
      this.deps.runs.end(runId, ending, endingOf(record, false, 'auto'));
      // A model that could not be used is named, with the cause and the ways to look into it.
      const failure = record.outcome === 'cancelled' ? undefined : record.modelFailure;
      const why = record.outcome === 'cancelled' ? 'cancelled; nothing was changed' : `no verified fix was found (${failure ? modelFailureLine(failure) : record.stopReason})`;
      return this.report({ applied: false, record, message: `Self-Heal: ${why}.` }, failure ? 'error' : 'warning', failure && modelFailureActions(failure));
    }
    try {
      await applyFileTexts(origin.root, changed, origin.files);
    } catch (error) {
      if (!(error instanceof StaleDocumentError)) throw error;
      this.deps.runs.end(runId, ending, 'failed', `not applied: ${error.message}`);
      return this.report({ applied: false, record, message: `Self-Heal: not applied: ${error.message}` });
    }
    // Undone with Ctrl+Z, or Revert This Fix in the panel.
    this.deps.runs.end(runId, ending, 'applied');
    const files = { ...origin.files, ...changed };
    this.deps.diagnostics.show({ root: origin.root, entry: origin.entry, recipe: origin.recipe, batch: this.nextBatch(), edited: Object.keys(changed), files, stdoutBytes: record.lastRun.stdoutBytes }, record.outcome === 'healed' ? null : record.lastRun.error, versionsOf(origin.root, files));
    const kept = record.attempts.filter((a) => a.outcome === 'healed' || a.outcome === 'progress').map((a) => a.fix?.description).join('; ');
    return this.report({ applied: true, record, message: `Self-Heal: applied a verified fix from ${model.model}: ${kept}.` }, 'info');
  }

  private find(args: QuickFixArgs): { refused: string } | { offer: NonNullable<ReturnType<QuickFixProvider['take']>>; origin: DiagnosedError; uri: vscode.Uri } {
    const offer = args && this.deps.provider.take(args);
    if (!offer) return { refused: 'Self-Heal: this fix is no longer on offer; run the file again.' };
    const found = this.deps.diagnostics.originOf(offer.diagnostic, offer.uri);
    if (!found) return { refused: 'Self-Heal: the problem this fix was for is gone (the lines were edited or the file was run again).' };
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === offer.uri.toString());
    if (document && found.origin.version !== undefined && document.version !== found.origin.version) {
      return { refused: `Self-Heal: ${vscode.workspace.asRelativePath(offer.uri)} changed since it was run; run it again to get a fix for the current text.` };
    }
    return { offer, origin: found.origin, uri: offer.uri };
  }

  /** A fix's re-run is a run of its own: it replaces the target's problems, keeping them for undo. */
  private nextBatch(): string {
    return `fix-${Date.now()}-${++this.fixRuns}`;
  }

  private report(outcome: QuickFixOutcome, severity: NoticeSeverity = 'warning', actions: Record<string, () => unknown> = {}): QuickFixOutcome {
    this.last = outcome;
    this.deps.notifications.offer(severity, outcome.message, actions);
    return outcome;
  }
}

function versionsOf(root: string, files: Readonly<Record<string, string>>): Map<string, number> {
  const versions = new Map<string, number>();
  for (const document of vscode.workspace.textDocuments) {
    const relative = vscode.workspace.asRelativePath(document.uri, false);
    if (document.uri.fsPath.startsWith(root) && hasFile(files, relative)) versions.set(document.uri.toString(), document.version);
  }
  return versions;
}
