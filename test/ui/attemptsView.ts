// The Fix Attempts view as a user sees it: opened from its activity bar icon, read through the two
// frames VS Code puts around a webview (the view's iframe, then the page in #active-frame).
import type { FrameLocator, Page } from 'playwright-core';

export function attemptsFrame(page: Page): FrameLocator {
  // Webviews live in an overlay laid over their view, not inside the side bar's DOM; this is the only one.
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

export async function openAttemptsView(page: Page): Promise<void> {
  // The only view of its container: its name is in the side bar's title, not a section header.
  const title = page.locator('.part.sidebar .composite.title', { hasText: /Fix Attempts/i });
  // Clicking the icon of the container already shown would close the side bar.
  if (!(await title.isVisible())) await page.locator('.activitybar .action-item a.action-label[aria-label^="Self-Heal"]').click();
  await title.waitFor({ timeout: 15_000 });
}

/** The newest run's lines of text as drawn (status glyphs included; a blank diff line is " "). */
export async function newestRunText(page: Page): Promise<string[]> {
  const run = attemptsFrame(page).locator('.run').first();
  await run.waitFor({ timeout: 15_000 });
  return (await run.innerText()).split('\n').filter((line) => line !== '');
}

/** The lines with the start time as HH:MM and durations as TIME, which differ from run to run. */
export function withoutTimes(lines: string[]): string[] {
  return lines.map((line) => line
    .replace(/ · \d{1,2}:\d{2}( [AP]M)? · /, ' · HH:MM · ')
    .replace(/\b\d+(\.\d+)? (ms|s)$/, 'TIME'));
}

/** How much of the newest run's diff is cut off at the right (0: every character is on screen). */
export async function diffHiddenWidth(page: Page): Promise<number> {
  return attemptsFrame(page).locator('.run pre.diff').first().evaluate((pre) => pre.scrollWidth - pre.clientWidth);
}

/** The characters the newest run's first diff marks as changed, each after its line's + or -. */
export async function markedChanges(page: Page): Promise<string[]> {
  const diff = attemptsFrame(page).locator('.run pre.diff').first();
  return diff.locator('.change').evaluateAll((spans) => spans.map((span) => `${span.parentElement.classList.contains('added') ? '+' : '-'}${span.textContent}`));
}

/** Presses Tab until the button labelled `label` has focus; returns its outline and the theme's focus border. */
export async function tabTo(page: Page, label: string, maxPresses: number): Promise<{ style: string; width: string; color: string; focusBorder: string }> {
  const focused = attemptsFrame(page).locator('*:focus');
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if ((await focused.count()) === 1 && (await focused.innerText()) === label) {
      return focused.evaluate((element) => {
        const probe = element.ownerDocument.createElement('span');
        probe.style.color = 'var(--vscode-focusBorder)';
        element.ownerDocument.body.append(probe);
        const focusBorder = getComputedStyle(probe).color;
        probe.remove();
        const style = getComputedStyle(element);
        return { style: style.outlineStyle, width: style.outlineWidth, color: style.outlineColor, focusBorder };
      });
    }
  }
  throw new Error(`Tab did not reach "${label}" within ${maxPresses} presses`);
}

/** Red, green, blue, alpha of a CSS colour as the page computed it. */
export type Rgba = [number, number, number, number];

/** What the theme decided for the page: its theme kind, text colour and the diff's line backgrounds. */
export async function panelColours(page: Page): Promise<{ themeKind: string; text: Rgba; added: Rgba; removed: Rgba; addedChange: Rgba }> {
  const frame = attemptsFrame(page);
  const read = (selector: string, property: 'color' | 'backgroundColor') =>
    frame.locator(selector).first().evaluate((element, name) => getComputedStyle(element)[name], property).then(parseRgba);
  const bodyClass = (await frame.locator('body').getAttribute('class')) ?? '';
  return {
    themeKind: bodyClass.split(/\s+/).find((name) => /^vscode-(light|dark|high-contrast)/.test(name)) ?? '',
    text: await read('body', 'color'),
    added: await read('.run .diff-line.added', 'backgroundColor'),
    removed: await read('.run .diff-line.removed', 'backgroundColor'),
    addedChange: await read('.run .diff-line.added .change', 'backgroundColor'),
  };
}

function parseRgba(css: string): Rgba {
  const parts = css.match(/[\d.]+/g)?.map(Number) ?? [];
  if (parts.length < 3) throw new Error(`not a colour: ${css}`);
  return [parts[0], parts[1], parts[2], parts[3] ?? 1];
}

/** Relative luminance (0 black .. 1 white), enough to tell a light text colour from a dark one. */
export function luminance([r, g, b]: Rgba): number {
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

// Runs inside the webview page, where the DOM exists; this file is compiled without the DOM library.
declare function getComputedStyle(element: unknown): Record<'color' | 'backgroundColor' | 'outlineStyle' | 'outlineWidth' | 'outlineColor', string>;
