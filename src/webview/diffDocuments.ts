// Read-only documents for the two sides of an attempt's diff, under their own scheme. The text is
// rebuilt on demand from the panel's state and the workspace (attemptSides.ts), so nothing is cached.
import { TextDecoder } from 'util';
import * as vscode from 'vscode';
import { attemptSides, type DiffSides } from './attemptSides';
import type { PanelFile } from './protocol';
import { parseUnifiedDiff } from './unifiedPatch';

export const DIFF_SCHEME = 'self-heal-diff';
export const GONE_TEXT = 'This fix is no longer in the Fix Attempts panel.\n';

interface SideQuery {
  runId: string;
  entry: string;
  attempt: number;
  side: 'before' | 'after';
}

type FileLookup = (runId: string, entry: string) => PanelFile | undefined;

export class DiffDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly lookup: FileLookup) {}

  /** The URI of one side; its path is the file's, so the editor picks the language from it. */
  static uriOf(query: SideQuery, path: string): vscode.Uri {
    return vscode.Uri.from({ scheme: DIFF_SCHEME, path: `/${path}`, query: JSON.stringify(query) });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const query = parseQuery(uri.query);
    const file = query && this.lookup(query.runId, query.entry);
    if (!query || !file) return GONE_TEXT;
    const side = (await sidesOf(file, query.attempt)).find((s) => `/${s.path}` === uri.path);
    if (!side) return GONE_TEXT;
    return query.side === 'before' ? side.before : side.after;
  }
}

/** The sides of an attempt (0: the whole change), against the file's workspace folder as it is now. */
export async function sidesOf(file: PanelFile, attempt: number): Promise<DiffSides[]> {
  const entryUri = vscode.Uri.parse(file.uri);
  const folder = vscode.workspace.getWorkspaceFolder(entryUri)?.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const diffs = [file.diff, ...file.attempts.map((a) => a.fix?.diff ?? '')];
  const paths = new Set(diffs.flatMap((diff) => parseUnifiedDiff(diff).map((p) => p.path)));
  const texts = new Map<string, string | undefined>();
  for (const path of paths) {
    // Ledger paths are workspace-relative; anything that would leave the folder is not read.
    const segments = path.split('/');
    const inside = !path.startsWith('/') && !segments.includes('..');
    texts.set(path, folder && inside ? await readText(vscode.Uri.joinPath(folder, ...segments)) : undefined);
  }
  return attemptSides(file, attempt, (path) => texts.get(path));
}

/** The editor's text when the file is open (unsaved edits included), else the file on disk. */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

function parseQuery(query: string): SideQuery | undefined {
  try {
    const value = JSON.parse(query) as SideQuery;
    const valid = typeof value.runId === 'string' && typeof value.entry === 'string' && Number.isSafeInteger(value.attempt) && (value.side === 'before' || value.side === 'after');
    return valid ? value : undefined;
  } catch {
    return undefined;
  }
}
