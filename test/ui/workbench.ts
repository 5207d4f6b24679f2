// Reading and driving the workbench as a user does: quick open, the command palette, the text the
// active editor shows, the Problems list. Everything read here is what is on screen.
import type { Locator, Page } from 'playwright-core';

/** Opens a file by its workspace path ("app/main.py") as Ctrl+P does. */
export async function quickOpen(page: Page, file: string): Promise<void> {
  const slash = file.lastIndexOf('/');
  const name = file.slice(slash + 1);
  // A click can land while the list is being redrawn and open nothing, or the box can close before the
  // name is in; the pick is then made again.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+P');
    // A file in a folder is listed as its name, a space, then the folder.
    const row = slash < 0 ? quickInputRow(page, file) : page.locator(`.quick-input-list .monaco-list-row[aria-label^="${name} ${file.slice(0, slash)}"]`).first();
    try {
      await typeIntoQuickInput(page, file);
      // The first file search of a fresh workbench can take a while on a busy machine.
      await row.click({ timeout: 30_000 });
      await page.locator('.part.editor .tab.active', { hasText: name }).waitFor({ timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
  await page.waitForSelector('.monaco-editor.focused', { timeout: 30_000 });
}

/**
 * Runs a command from the palette by its full title. The palette ranks fuzzily (typing "Preferences:
 * Color Theme" puts "Browse Color Themes in Marketplace" first), so the row with that exact title is
 * chosen rather than whichever comes first.
 */
export async function palette(page: Page, command: string): Promise<void> {
  // A notification closing as the palette opens can close it again before anything is typed; a
  // user then opens it again, and so does this.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('F1');
      await typeIntoQuickInput(page, command, '>');
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
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
 * Enters `text` once the quick input has focus, so nothing lands in the editor behind it; `placeholder`
 * tells a picker that a command opens apart from the palette that is closing.
 */
export async function typeIntoQuickInput(page: Page, text: string, prefix = '', placeholder?: string): Promise<void> {
  const input = page.locator(placeholder ? `.quick-input-widget .quick-input-box input[placeholder*="${placeholder}"]` : '.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout: 10_000 });
  const focused = () => input.evaluate((element) => element === element.ownerDocument.activeElement);
  // A notification closing as the palette opens can keep the focus; a click puts it in the box, as a user would.
  await waitUntil('the quick input has focus', focused, (yes) => yes, 5_000).catch(() => input.click({ timeout: 5_000 }));
  await waitUntil('the quick input has focus', focused, (yes) => yes, 10_000);
  // Filled into the box itself rather than typed as keystrokes: a notification that takes the focus
  // mid-word would send the rest of the keys to whatever it left focused (once only ">Vie" arrived).
  await input.fill(prefix + text);
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

export const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' } as const;
export type Theme = keyof typeof THEMES;

/** Picks a colour theme the way a user does, and waits until the workbench wears it. */
export async function switchTheme(page: Page, theme: Theme): Promise<void> {
  await palette(page, 'Preferences: Color Theme');
  await typeIntoQuickInput(page, THEMES[theme], '', 'Select Color Theme');
  // The picker shows a theme's short name, then the name its setting holds.
  await quickInputRow(page, `${THEMES[theme].replace(/^Default /, '')}, ${THEMES[theme]}`).click({ timeout: 15_000 });
  await page.locator(`.monaco-workbench.${theme === 'dark' ? 'vs-dark' : 'vs'}`).waitFor({ timeout: 15_000 });
}

export interface Toast {
  message: string;
  buttons: string[];
}

/** The toasts on screen, newest first, as their text and buttons read. */
export async function toasts(page: Page): Promise<Toast[]> {
  return page.locator('.notifications-toasts .notification-toast').evaluateAll((elements) => elements.map((toast) => ({
    message: toast.querySelector('.notification-list-item-message')?.textContent ?? '',
    buttons: [...toast.querySelectorAll('.notification-list-item-buttons-container .monaco-button')].map((b) => b.textContent ?? ''),
  })));
}

/** Waits for a toast whose text matches, and returns it once it has slid in. */
export async function toastMatching(page: Page, what: string, pattern: RegExp, timeoutMs = 90_000): Promise<Toast> {
  const shown = await waitUntil(what, () => toasts(page), (all) => all.some((t) => pattern.test(t.message)), timeoutMs);
  await page.waitForTimeout(600); // the toast slides in
  return shown.find((t) => pattern.test(t.message)) as Toast;
}
