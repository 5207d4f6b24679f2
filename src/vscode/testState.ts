// The hidden `_selfHeal.testState` command's answer: what a user would see (output, status bar,
// problems, quick fixes, the fixes waiting for a choice and whether their diff's Apply/Discard title
// actions show), read back by the integration tests.
import * as vscode from 'vscode';
import type { Channels } from './channels';
import type { EditorEnvironments } from './editorEnvironments';
import type { EngineProblemNotifier } from './engineProblems';
import type { FixDecisions } from './fixDecisions';
import type { FixPreview } from './fixPreview';
import type { ModelProvider } from './modelProvider';
import type { Notifications } from './notifications';
import type { ProjectImages } from './projectImage';
import type { Questions } from './questions';
import type { QuickFixCommands } from './quickFixCommands';
import type { QuickFixProvider } from './quickFixes';
import type { RunAndHealCommand } from './runAndHealCommand';
import type { RunDiagnostics } from './runDiagnostics';
import type { RunFileCommand } from './runFileCommand';
import type { RunGate } from './runGate';
import type { EngineStatusBar } from './statusBar';
import type { TestConnectionCommand } from './testConnectionCommand';

export interface TestStateSources {
  channels: Channels;
  statusBar: EngineStatusBar;
  problems: EngineProblemNotifier;
  runFile: RunFileCommand;
  heal: RunAndHealCommand;
  diagnostics: RunDiagnostics;
  quickFixes: QuickFixProvider;
  quickFixCommands: QuickFixCommands;
  preview: FixPreview;
  decisions: FixDecisions;
  questions: Questions;
  gate: RunGate;
  images: ProjectImages;
  models: ModelProvider;
  notifications: Notifications;
  connectionTest: TestConnectionCommand;
  environments: EditorEnvironments;
  activationMs: number;
}

export function testStateOf(s: TestStateSources) {
  const waitingFixes = s.decisions.waitingFixes();
  return {
    programOutput: s.channels.programText,
    statusBar: s.statusBar.text,
    statusBarTooltip: s.statusBar.view.tooltip,
    /** What clicking the status bar item runs: the command and its arguments. */
    statusBarCommand: s.statusBar.view.command,
    engineState: s.statusBar.state,
    /** Every notification about an outcome, oldest first, with its buttons (`seq` counts from 1). */
    notifications: [...s.notifications.shown],
    lastConnectionTest: s.connectionTest.last,
    lastResult: s.runFile.lastResult,
    /** Why Run Python File's last program did not start: its environment could not be made. */
    lastSetupFailure: s.runFile.lastSetupFailure,
    /** What installing requirements showed: the progress notification's messages and the log's lines. */
    installShown: { progress: [...s.environments.shown.progress], log: [...s.environments.shown.log] },
    lastRefusal: s.heal.lastRefusal ?? s.runFile.lastRefusal,
    lastLogLine: s.runFile.lastLogLine,
    lastEngineProblem: s.problems.lastMessage,
    lastHeal: s.heal.lastOutcome,
    /** A Run & Self-Heal (file or workspace) has not ended yet. */
    healRunning: s.heal.busy,
    /** The step that run began last. */
    healStep: s.heal.busy ? s.heal.step : undefined,
    lastQuickFix: s.quickFixCommands.last,
    quickFixTitles: s.quickFixes.lastTitles,
    pendingQuestion: waitingFixes[waitingFixes.length - 1]?.question,
    waitingFixes,
    /** The `selfHeal.fixPreviewActive` context key: Apply and Discard show in the active diff's title bar. */
    fixPreviewActive: s.preview.active,
    questionsAsked: [...s.questions.asked],
    lastGateRefusal: s.gate.lastRefusal,
    /** The image the last run chose by the project's Python version, and why. */
    lastImageChoice: s.images.last,
    lastImageLogLine: s.images.lastLogLine,
    lastKeyRefusal: s.models.lastKeyRefusal,
    diagnostics: s.diagnostics.all().map(({ uri, diagnostics }) => ({
      file: vscode.workspace.asRelativePath(uri),
      items: diagnostics.map((d) => ({
        range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
        message: d.message,
        severity: vscode.DiagnosticSeverity[d.severity],
        source: d.source,
        code: typeof d.code === 'object' ? { value: d.code.value, target: d.code.target.toString() } : d.code,
        related: (d.relatedInformation ?? []).map((r) => ({ file: vscode.workspace.asRelativePath(r.location.uri), line: r.location.range.start.line, message: r.message })),
      })),
    })),
    trusted: vscode.workspace.isTrusted,
    activationMs: s.activationMs,
  };
}
