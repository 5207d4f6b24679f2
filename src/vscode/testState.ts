// The hidden `_selfHeal.testState` command's answer: what a user would see (output, status bar,
// problems, quick fixes, the question being asked), read back by the integration tests.
import * as vscode from 'vscode';
import type { Channels } from './channels';
import type { EngineProblemNotifier } from './engineProblems';
import type { FixPreview } from './fixPreview';
import type { ModelProvider } from './modelProvider';
import type { Notifications } from './notifications';
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
  questions: Questions;
  gate: RunGate;
  models: ModelProvider;
  notifications: Notifications;
  connectionTest: TestConnectionCommand;
  activationMs: number;
}

export function testStateOf(s: TestStateSources) {
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
    lastRefusal: s.heal.lastRefusal ?? s.runFile.lastRefusal,
    lastLogLine: s.runFile.lastLogLine,
    lastEngineProblem: s.problems.lastMessage,
    lastHeal: s.heal.lastOutcome,
    lastQuickFix: s.quickFixCommands.last,
    quickFixTitles: s.quickFixes.lastTitles,
    pendingQuestion: s.preview.pendingQuestion,
    questionsAsked: [...s.questions.asked],
    lastGateRefusal: s.gate.lastRefusal,
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
