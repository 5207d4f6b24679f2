// Quick fixes on Self-Heal's diagnostics. Listing them is instant (rule fixes are computed from the
// stored error and text); the sandbox run that verifies a rule fix, and everything a model does,
// happen in the command the chosen action runs, never in provideCodeActions. A program that needs
// input or arguments, or hit a limit, gets what answers that (runNeeds.ts), never a fix.
import * as vscode from 'vscode';
import { COMMANDS } from '../contract/editorPanelContract';
import type { FixCandidate } from '../core/fixes/fixTypes';
import { expectedOutcomeOf } from '../core/errors/expectedExits';
import { ruleFixesFor } from '../core/fixes/ruleFixers';
import { DIAGNOSTIC_SOURCE, uriOf, type DiagnosedError, type RunDiagnostics } from './runDiagnostics';
import { needActions } from './runNeeds';
import { readSettings } from './settings';

/** What a quick fix's command receives: small, so the lightbulb can pass it around. */
export interface QuickFixArgs {
  uri: string;
  version: number | undefined;
  key: string;
}

/** A fix listed in the lightbulb, kept until the next listing so its command can find it. */
export interface OfferedFix {
  candidate?: FixCandidate;
  diagnostic: vscode.Diagnostic;
  uri: vscode.Uri;
}

const MAX_OFFERS = 200;

export class QuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];
  private readonly offered = new Map<string, OfferedFix>();
  private serial = 0;
  /** The titles of the last listing, for the tests. */
  lastTitles: string[] = [];

  constructor(private readonly diagnostics: RunDiagnostics, private readonly modelConfigured: () => boolean) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const settings = readSettings(document.uri);
    const actions: vscode.CodeAction[] = [];
    for (const shown of context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE)) {
      const found = this.diagnostics.originOf(shown, document.uri);
      if (!found) continue;
      const { diagnostic, origin } = found;
      if (expectedOutcomeOf(origin.error)) {
        actions.push(...this.needActions(diagnostic, origin, settings.limits));
        continue;
      }
      const current = origin.version === undefined || origin.version === document.version;
      const rules = settings.fix.ruleBased && current ? ruleFixesFor(origin.error, origin.files) : [];
      let preferred = false;
      for (const candidate of rules) {
        const action = this.action(candidate.description, diagnostic, document, COMMANDS.applyRuleFix, { candidate, diagnostic, uri: document.uri });
        // At most one preferred fix, and only a confident rule: never a model's.
        if (candidate.confident && !preferred) action.isPreferred = preferred = true;
        actions.push(action);
      }
      if (settings.fix.ai && settings.fix.aiCodeActions && this.modelConfigured()) {
        actions.push(this.action('Fix with AI', diagnostic, document, COMMANDS.fixWithAi, { diagnostic, uri: document.uri }));
      }
      const heal = new vscode.CodeAction('Run & Self-Heal this file', vscode.CodeActionKind.QuickFix);
      heal.diagnostics = [diagnostic];
      heal.command = { command: COMMANDS.runAndHeal, title: 'Run & Self-Heal this file', arguments: [document.uri] };
      actions.push(heal);
    }
    this.lastTitles = actions.map((a) => a.title);
    return actions;
  }

  /** "Run with Arguments...", or for a limit "Run again with 2x the limit" (preferred) and "Change the limit". */
  private needActions(diagnostic: vscode.Diagnostic, origin: DiagnosedError, limits: ReturnType<typeof readSettings>['limits']): vscode.CodeAction[] {
    const made = origin.made ?? { mode: 'heal' as const, limits };
    return needActions(origin.error, { entry: uriOf(origin.root, origin.entry), ...made }).map((need, index) => {
      const action = new vscode.CodeAction(need.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.command = { command: need.command, title: need.title, arguments: need.arguments };
      action.isPreferred = index === 0;
      return action;
    });
  }

  take(args: QuickFixArgs): OfferedFix | undefined {
    return this.offered.get(args.key);
  }

  private action(title: string, diagnostic: vscode.Diagnostic, document: vscode.TextDocument, command: string, offer: OfferedFix): vscode.CodeAction {
    const key = `fix-${++this.serial}`;
    this.offered.set(key, offer);
    // The lightbulb lists often (every cursor move); keep the recent offers, not all of them.
    if (this.offered.size > MAX_OFFERS) this.offered.delete(this.offered.keys().next().value as string);
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    const args: QuickFixArgs = { uri: document.uri.toString(), version: document.version, key };
    action.command = { command, title, arguments: [args] };
    return action;
  }
}
