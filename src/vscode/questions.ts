// Every question Self-Heal asks before it runs code or keeps a key goes through here. The tests read
// what was asked; in a test host (ExtensionMode.Test) they can also give the answers, because the
// workbench refuses to show modal dialogs while extension tests run.
import * as vscode from 'vscode';

export type Answer = string | undefined;

/** Args: the answers (a string, or null for dismissed). Registered only in a test host, never contributed. */
export const ANSWER_NEXT_QUESTIONS = '_selfHeal.answerNextQuestions';

export class Questions {
  /** What was asked, oldest first, for the tests. */
  readonly asked: string[] = [];
  private readonly answers: Answer[] = [];

  constructor(private readonly testMode: boolean) {}

  /** Test hosts only: the answers the next questions get, in order (null or undefined: dismissed). */
  answerNext(answers: unknown): boolean {
    if (!this.testMode || !Array.isArray(answers)) return false;
    this.answers.push(...answers.map((a) => (typeof a === 'string' ? a : undefined)));
    return true;
  }

  /** A modal warning; undefined when dismissed. */
  async modal(message: string, detail: string, ...choices: string[]): Promise<Answer> {
    this.asked.push(message);
    if (this.answers.length > 0) return this.answers.shift();
    try {
      return await vscode.window.showWarningMessage(message, { modal: true, detail }, ...choices);
    } catch {
      return undefined; // a host that refuses dialogs: nothing was agreed to
    }
  }

  /** An input box; undefined when cancelled. A test's answer skips `validateInput`: callers check again. */
  async text(options: vscode.InputBoxOptions): Promise<Answer> {
    this.asked.push(options.prompt ?? options.title ?? '');
    if (this.answers.length > 0) return this.answers.shift();
    return vscode.window.showInputBox(options);
  }

  /** A quick pick; undefined when dismissed. A test answers with an item's label, icons left out. */
  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    this.asked.push(options.title ?? options.placeHolder ?? '');
    if (this.answers.length > 0) {
      const answer = this.answers.shift();
      return items.find((item) => item.label.replace(/\$\([\w-]+\)\s*/g, '') === answer);
    }
    return vscode.window.showQuickPick(items, options);
  }
}
