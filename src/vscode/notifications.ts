// Every notification Self-Heal shows about an outcome goes through here, so the tests can read what
// a user was told, with its buttons, in order. The answer (the button chosen) comes back as usual.
import * as vscode from 'vscode';

export type NoticeSeverity = 'error' | 'warning' | 'info';

export interface ShownNotice {
  /** Counts from 1 over the session, so a test can take the ones shown after a point. */
  seq: number;
  severity: NoticeSeverity;
  message: string;
  buttons: string[];
  /** For buttons that run a command: each one's command and arguments. */
  actions?: NoticeCommand[];
}

/** A button that runs a command (a need's "Run with Arguments...", a limit's "Run again"). */
export interface NoticeCommand {
  title: string;
  command: string;
  arguments: unknown[];
}

/** Old notices past this many are dropped from the record (never from the screen). */
const KEPT = 200;

export class Notifications {
  private readonly kept: ShownNotice[] = [];
  private count = 0;

  show(severity: NoticeSeverity, message: string, ...buttons: string[]): Thenable<string | undefined> {
    return this.record({ seq: ++this.count, severity, message, buttons });
  }

  /** Like show, recording the command a button runs (`actions`, for the tests); the caller acts on the choice. */
  ask(severity: NoticeSeverity, message: string, buttons: readonly string[], actions: readonly NoticeCommand[]): Thenable<string | undefined> {
    return this.record({ seq: ++this.count, severity, message, buttons: [...buttons], actions: [...actions] });
  }

  /** Shows it with a button per command, and runs the command of the button chosen; never waits. */
  offerCommands(severity: NoticeSeverity, message: string, commands: readonly NoticeCommand[]): void {
    const notice = { seq: ++this.count, severity, message, buttons: commands.map((c) => c.title), actions: [...commands] };
    void this.record(notice).then((choice) => {
      const chosen = commands.find((c) => c.title === choice);
      if (chosen) void vscode.commands.executeCommand(chosen.command, ...chosen.arguments);
    });
  }

  private record(notice: ShownNotice): Thenable<string | undefined> {
    const { severity, message, buttons } = notice;
    this.kept.push(notice);
    if (this.kept.length > KEPT) this.kept.shift();
    if (severity === 'error') return vscode.window.showErrorMessage(message, ...buttons);
    if (severity === 'warning') return vscode.window.showWarningMessage(message, ...buttons);
    return vscode.window.showInformationMessage(message, ...buttons);
  }

  /** Shows it and runs the action of the button chosen, if any; never waits for the choice. */
  offer(severity: NoticeSeverity, message: string, actions: Record<string, () => unknown>): void {
    void this.show(severity, message, ...Object.keys(actions)).then((choice) => choice && actions[choice]?.());
  }

  get shown(): readonly ShownNotice[] {
    return this.kept;
  }
}
