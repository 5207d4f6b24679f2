// The diff of a fix that waits for a choice: one file in a diff editor, several in one multi-file
// diff editor (vscode.changes), the current text on the left and the fixed text on the right. While
// such a diff is the active tab, `selfHeal.fixPreviewActive` is set, which puts Apply and Discard in
// its title bar. The tabs close when the choice is made, wherever it was made.
import * as vscode from 'vscode';
import { uriOf } from './runDiagnostics';

export const FIX_SCHEME = 'self-heal-fix';
/** The context key the diff editor's title actions show on. */
export const FIX_PREVIEW_ACTIVE = 'selfHeal.fixPreviewActive';

/** Which fix: the run it comes from and the file that was run. */
export interface FixRef {
  runId: string;
  entry: string;
}

export interface FixSides {
  ref: FixRef;
  root: string;
  /** The texts the fix was made from, and the fixed texts of the files it changes (root-relative). */
  current: Readonly<Record<string, string>>;
  fixed: Readonly<Record<string, string>>;
}

interface Shown {
  sides: FixSides;
  /** The multi-file diff's title (its tab adds " (N files)"), the only way that tab can be told apart. */
  title: string;
}

/**
 * How long a choice waits for its diff to finish opening before closing it, and how long a run waits
 * for the diff to open: a busy workbench must not hold either forever.
 */
const OPEN_WAIT_MS = 10_000;

export class FixPreview implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly shown = new Map<string, Shown>();
  /** Diffs still opening: a choice made meanwhile closes the tab once it is there. */
  private readonly opening = new Map<string, Promise<void>>();
  private readonly subscriptions = [
    vscode.workspace.registerTextDocumentContentProvider(FIX_SCHEME, this),
    vscode.window.tabGroups.onDidChangeTabs(() => this.updateContext()),
    vscode.window.tabGroups.onDidChangeTabGroups(() => this.updateContext()),
  ];
  /** The context key's value as last set, for the tests. */
  active = false;

  provideTextDocumentContent(uri: vscode.Uri): string {
    const side = sideOf(uri);
    const shown = side && this.shown.get(keyOf(side.ref));
    if (!side || !shown || side.side === 'missing') return '';
    return shown.sides.fixed[uri.path.slice(1)] ?? '';
  }

  /** Opens the fix's diff (again, when it was closed); it stays known until `close`. */
  async show(sides: FixSides): Promise<void> {
    const key = keyOf(sides.ref);
    const files = Object.keys(sides.fixed).sort();
    const title = files.length === 1 ? `${files[0]}: current ↔ fixed (Self-Heal)` : `Self-Heal: fix for ${sides.ref.entry}`;
    this.shown.set(key, { sides, title });
    const triples = files.map((file) => {
      const left = Object.hasOwn(sides.current, file) ? uriOf(sides.root, file) : fixUri(sides.ref, file, 'missing');
      return [uriOf(sides.root, file), left, fixUri(sides.ref, file, 'fixed')] as const;
    });
    const opened = Promise.resolve(
      triples.length === 1
        ? vscode.commands.executeCommand('vscode.diff', triples[0][1], triples[0][2], title, { preview: false })
        : vscode.commands.executeCommand('vscode.changes', title, triples),
    ).then(
      // Decided while it opened (or opened after the wait gave up): the tab must not outlive the choice.
      () => (this.shown.has(key) ? undefined : this.closeTabs(sides.ref, multiTitleOf({ sides, title }))),
      () => undefined,
    );
    const settled = opened.finally(() => this.opening.delete(key));
    this.opening.set(key, settled);
    await settledWithin(settled, OPEN_WAIT_MS);
    this.updateContext();
  }

  /** Closes every tab showing the fix's diff (once it has opened) and forgets its texts. */
  async close(ref: FixRef): Promise<void> {
    const opening = this.opening.get(keyOf(ref));
    if (opening) await settledWithin(opening, OPEN_WAIT_MS);
    const shown = this.shown.get(keyOf(ref));
    this.shown.delete(keyOf(ref));
    await this.closeTabs(ref, shown && multiTitleOf(shown));
  }

  /** A one-file diff's tab names its fix; the multi-file diff's tab only by its title. */
  private async closeTabs(ref: FixRef, multiTitle: string | undefined): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => sameRef(refOfDiffTab(tab), ref) || (multiTitle !== undefined && isTitled(tab, multiTitle)));
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
    this.updateContext();
  }

  /** The fix whose diff is the active tab, when it is still shown. */
  activeRef(): FixRef | undefined {
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    return tab && this.refOfTab(tab);
  }

  /** The fix a diff's URI belongs to (the title bar passes it), when it is still shown. */
  refOf(uri: vscode.Uri): FixRef | undefined {
    const side = sideOf(uri);
    return side && this.shown.has(keyOf(side.ref)) ? side.ref : undefined;
  }

  private refOfTab(tab: vscode.Tab): FixRef | undefined {
    if (tab.input instanceof vscode.TabInputTextDiff) return this.refOf(tab.input.modified);
    // The multi-file diff's tab input is not in the stable API; its title names the fix.
    const multi = [...this.shown.values()].filter((shown) => Object.keys(shown.sides.fixed).length > 1);
    return multi.find((shown) => isTitled(tab, shown.title))?.sides.ref;
  }

  private updateContext(): void {
    const active = this.activeRef() !== undefined;
    if (active === this.active) return;
    this.active = active;
    void vscode.commands.executeCommand('setContext', FIX_PREVIEW_ACTIVE, active);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

type Side = 'fixed' | 'missing';

/** The fix a one-file diff's tab shows, known or not (a tab opened after its fix was decided). */
function refOfDiffTab(tab: vscode.Tab): FixRef | undefined {
  return tab.input instanceof vscode.TabInputTextDiff ? sideOf(tab.input.modified)?.ref : undefined;
}

function multiTitleOf(shown: Shown): string | undefined {
  return Object.keys(shown.sides.fixed).length > 1 ? shown.title : undefined;
}

/** The multi-file diff's tab adds " (N files)" to its title. */
function isTitled(tab: vscode.Tab, title: string): boolean {
  return tab.label === title || tab.label.startsWith(`${title} (`);
}

function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([promise.then(() => undefined, () => undefined), waited]).finally(() => clearTimeout(timer));
}

function fixUri(ref: FixRef, file: string, side: Side): vscode.Uri {
  return vscode.Uri.from({ scheme: FIX_SCHEME, path: `/${file}`, query: JSON.stringify({ runId: ref.runId, entry: ref.entry, side }) });
}

function sideOf(uri: vscode.Uri): { ref: FixRef; side: Side } | undefined {
  if (uri.scheme !== FIX_SCHEME) return undefined;
  try {
    const value = JSON.parse(uri.query) as { runId?: unknown; entry?: unknown; side?: unknown };
    const valid = typeof value.runId === 'string' && typeof value.entry === 'string' && (value.side === 'fixed' || value.side === 'missing');
    return valid ? { ref: { runId: value.runId as string, entry: value.entry as string }, side: value.side as Side } : undefined;
  } catch {
    return undefined;
  }
}

export function keyOf(ref: FixRef): string {
  return JSON.stringify([ref.runId, ref.entry]);
}

function sameRef(a: FixRef | undefined, b: FixRef): boolean {
  return a !== undefined && a.runId === b.runId && a.entry === b.entry;
}
