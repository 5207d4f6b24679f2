// Reading and driving the workbench as a user does: quick open, the command palette, the text the
// active editor shows, the Problems list. Everything read here is what is on screen.
import type { Locator, Page } from 'playwright-core';

export async function quickOpen(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await typeIntoQuickInput(page, file);
  // The first file search of a fresh workbench can take a while on a busy machine.
  await quickInputRow(page, file).click({ timeout: 30_000 });
  await page.locator('.part.editor .tab.active', { hasText: file }).waitFor({ timeout: 15_000 });
  await page.waitForSelector('.monaco-editor.focused', { timeout: 30_000 });
}

/**
 * Runs a command from the palette by its full title. The palette ranks fuzzily (typing "Preferences:
 * Color Theme" puts "Browse Color Themes in Marketplace" first), so the row with that exact title is
 * chosen rather than whichever comes first.
 */
export async function palette(page: Page, command: string): Promise<void> {
  await page.keyboard.press('F1');
  await typeIntoQuickInput(page, command, '>');
  await quickInputRow(page, command).click({ timeout: 15_000 });
}

/**
 * The row labelled `label` (then ", " and a keybinding or a group when it has one). Chosen by its
 * label, not as the first row: the list can still show the last results for a moment after typing.
 */
export function quickInputRow(page: Page, label: string): Locator {
  return page.locator(`.quick-input-list .monaco-list-row[aria-label="${label}"], .quick-input-list .monaco-list-row[aria-label^="${label}, "]`).first();
}

/**
 * Types once the quick input has focus, so no keystroke lands in the editor behind it; `placeholder`
 * tells a picker that a command opens apart from the palette that is closing.
 */
export async function typeIntoQuickInput(page: Page, text: string, prefix = '', placeholder?: string): Promise<void> {
  const input = page.locator(placeholder ? `.quick-input-widget .quick-input-box input[placeholder*="${placeholder}"]` : '.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout: 10_000 });
  await waitUntil('the quick input has focus', () => input.evaluate((element) => element === element.ownerDocument.activeElement), (focused) => focused, 10_000);
  await page.keyboard.type(text);
  await waitUntil(`the quick input holds ${JSON.stringify(prefix + text)}`, () => input.inputValue(), (value) => value === prefix + text, 10_000);
}

/** Polls `read` until `accept` holds; the error names what was expected and what was last seen. */
export async function waitUntil<T>(what: string, read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let failure = '';
  for (;;) {
    try {
      last = await read();
      failure = '';
      if (accept(last)) return last;
    } catch (error) {
      failure = (error as Error).message.split('\n')[0];
    }
    if (Date.now() > deadline) throw new Error(`${what}; last seen: ${failure || JSON.stringify(last)}`);
    await pause(200);
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The active editor's lines as shown (Monaco draws spaces as no-break spaces, and in any order). */
export async function editorText(page: Page): Promise<string> {
  const lines = page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines .view-line');
  const drawn = await lines.evaluateAll((elements) => elements.map((e) => ({ top: parseFloat(e.style.top), text: e.textContent as string })));
  return drawn.sort((a, b) => a.top - b.top).map((line) => line.text.replace(/\u00a0/g, ' ')).join('\n');
}

export async function waitForEditorText(page: Page, expected: string, timeoutMs = 60_000): Promise<void> {
  await waitUntil(`the editor shows ${JSON.stringify(expected)}`, () => editorText(page), (text) => text === expected, timeoutMs);
}

export interface ProblemRow {
  message: string;
  source: string;
  code: string;
  position: string;
}

/** The Problems panel's markers, as its rows show them. */
export async function problemRows(page: Page): Promise<ProblemRow[]> {
  const rows = page.locator('.markers-panel .monaco-list-row .marker-message-details-container');
  return rows.evaluateAll((elements) => elements.map((row) => {
    const text = (selector: string) => row.querySelector(selector)?.textContent ?? '';
    return { message: text('.marker-message'), source: text('.marker-source'), code: text('.marker-code'), position: text('.marker-line') };
  }));
}
