// One diagnostic collection, "Self-Heal". Each problem belongs to the target whose run found it
// (core/errors/ownedProblems.ts decides): a run replaces its own target's problems and those left in
// the files its error points into, never another target's; a clean run clears its own. An edit to the
// lines a problem points at drops it, and undo brings it back once the text is again what the run
// saw. Each diagnostic remembers the error and the text it was found in, for the quick fixes.
import * as path from 'path';
import * as vscode from 'vscode';
import { diagnosticFor, type DiagnosticSpec } from '../core/errors/diagnosticModel';
import { OwnedProblems, ownerOf, type OwnedProblem } from '../core/errors/ownedProblems';
import { fileText } from '../core/files/fileTexts';
import type { RunRecipe } from '../core/heal/healTargets';
import type { PythonError } from '../core/errors/pythonError';
import type { RunLimits } from '../core/run/runTypes';
import type { RunMode } from './runNeeds';

/** How a run was made, so a limit's quick fix makes it again the same way with the limit raised. */
export interface RunMade {
  mode: RunMode;
  limits: RunLimits;
}

export const DIAGNOSTIC_SOURCE = 'Self-Heal';

/** What a diagnostic was made from: enough to propose and verify fixes later. */
export interface DiagnosedError {
  error: PythonError;
  /** The run's files as they were run (root-relative path -> text). */
  files: Readonly<Record<string, string>>;
  entry: string;
  /** How the run was made (driver, arguments): a fix for this error is verified by the same run. */
  recipe: RunRecipe;
  /** The workspace folder the paths are relative to. */
  root: string;
  /**
   * The document's version when its text was the run's; a fix is refused once it moves on. Brought
   * up to date when undo gives the document the run's text again.
   */
  version: number | undefined;
  /** Bytes the program printed before failing: a verified fix must not make it stop sooner. */
  stdoutBytes: number;
  made?: RunMade;
}

export interface ShownRun {
  root: string;
  entry: string;
  files: Readonly<Record<string, string>>;
  /** The run these problems come from: the targets of one workspace run share it. */
  batch: string;
  stdoutBytes?: number;
  recipe?: RunRecipe;
  made?: RunMade;
  /**
   * A quick fix's re-run: the files it changed (root-relative), whose new text it saw. The target's
   * earlier problems are kept in memory, so undoing the fix brings them back.
   */
  edited?: readonly string[];
}

interface Shown {
  diagnostic: vscode.Diagnostic;
  origin: DiagnosedError;
}

export class RunDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly problems = new OwnedProblems<Shown>((a, b) => sameDiagnostic(a.diagnostic, b.diagnostic));
  /** The URIs behind the problems' file keys, for publishing. */
  private readonly uris = new Map<string, vscode.Uri>();
  private readonly listener = vscode.workspace.onDidChangeTextDocument((event) => this.followEdit(event));

  /** Shows what a run found (`error`, or nothing for a clean run), replacing what it owns. */
  show(run: ShownRun, error: PythonError | null, versions: ReadonlyMap<string, number>): void {
    const owner = ownerOf(run.root, run.entry);
    const seen = new Map<string, string>();
    for (const file of run.edited ?? []) seenIn(seen, run, file);
    const found: Array<OwnedProblem<Shown>> = [];
    if (error) {
      const spec = diagnosticFor(error, run.entry, run.files);
      const uri = uriOf(run.root, spec.file);
      const file = uri.toString();
      this.uris.set(file, uri);
      const diagnostic = toDiagnostic(spec, run.root);
      const origin: DiagnosedError = { error, files: run.files, entry: run.entry, recipe: run.recipe ?? { entry: run.entry }, root: run.root, version: versions.get(file), stdoutBytes: run.stdoutBytes ?? 0, made: run.made };
      found.push({ owner, batch: run.batch, file, startLine: spec.startLine - 1, endLine: spec.endLine - 1, seenText: seenIn(seen, run, spec.file), payload: { diagnostic, origin } });
    }
    const changed = this.problems.record({ owner, batch: run.batch, files: found.map((p) => p.file), keepsHistory: run.edited !== undefined }, found, seen);
    this.publish(changed);
  }

  originOf(diagnostic: vscode.Diagnostic, uri: vscode.Uri): { diagnostic: vscode.Diagnostic; origin: DiagnosedError } | undefined {
    // The lightbulb hands back copies; match them to ours by range, message and code.
    const ours = this.problems.shownIn(uri.toString()).find((p) => p.payload.diagnostic === diagnostic || sameDiagnostic(p.payload.diagnostic, diagnostic));
    return ours && { diagnostic: ours.payload.diagnostic, origin: ours.payload.origin };
  }

  all(): Array<{ uri: vscode.Uri; diagnostics: readonly vscode.Diagnostic[] }> {
    const result: Array<{ uri: vscode.Uri; diagnostics: readonly vscode.Diagnostic[] }> = [];
    this.collection.forEach((uri, diagnostics) => result.push({ uri, diagnostics }));
    return result;
  }

  private followEdit(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length === 0) return;
    const file = event.document.uri.toString();
    const spans = event.contentChanges.map((change) => ({ startLine: change.range.start.line, endLine: change.range.end.line }));
    let changed = this.problems.dropEdited(file, spans);
    if (this.problems.watches(file)) {
      const now = this.problems.textChanged(file, event.document.getText());
      // The document holds the run's text again: a fix made from that text fits this version.
      for (const problem of now.current) problem.payload.origin.version = event.document.version;
      changed ||= now.changed;
    }
    if (changed) this.publish([file]);
  }

  private publish(files: Iterable<string>): void {
    for (const file of files) {
      const uri = this.uris.get(file) ?? vscode.Uri.parse(file);
      const shown = this.problems.shownIn(file);
      if (shown.length === 0) this.collection.delete(uri);
      else this.collection.set(uri, shown.map((p) => p.payload.diagnostic));
    }
  }

  dispose(): void {
    this.listener.dispose();
    this.collection.dispose();
  }
}

export function uriOf(root: string, relative: string): vscode.Uri {
  return vscode.Uri.file(path.join(root, ...relative.split('/')));
}

/** Notes the text the run saw for `file` under its URI key, and returns it. */
function seenIn(seen: Map<string, string>, run: ShownRun, file: string): string | undefined {
  const text = fileText(run.files, file);
  if (text !== undefined) seen.set(uriOf(run.root, file).toString(), text);
  return text;
}

function toDiagnostic(spec: DiagnosticSpec, root: string): vscode.Diagnostic {
  const range = new vscode.Range(spec.startLine - 1, spec.startColumn - 1, spec.endLine - 1, spec.endColumn - 1);
  // Needing input or arguments, or a limit, is about how the program was run, not a fault in it.
  const diagnostic = new vscode.Diagnostic(range, spec.message, spec.expected ? vscode.DiagnosticSeverity.Information : vscode.DiagnosticSeverity.Error);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = spec.docsUrl ? { value: spec.code, target: vscode.Uri.parse(spec.docsUrl) } : spec.code;
  diagnostic.relatedInformation = spec.related.map(
    (frame) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uriOf(root, frame.file), new vscode.Position(frame.line - 1, 0)), frame.message),
  );
  return diagnostic;
}

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

function sameDiagnostic(a: vscode.Diagnostic, b: vscode.Diagnostic): boolean {
  return a.range.isEqual(b.range) && a.message === b.message && codeOf(a) === codeOf(b) && a.source === b.source;
}
