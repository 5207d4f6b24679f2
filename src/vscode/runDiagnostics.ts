// One diagnostic collection, "Self-Heal": each run replaces its files' diagnostics, a clean run clears
// them, and an edit to the lines a diagnostic points at drops it, so nothing shown is stale. Each
// diagnostic remembers the error and the text it was found in, for the quick fixes.
import * as path from 'path';
import * as vscode from 'vscode';
import { diagnosticFor, type DiagnosticSpec } from '../core/errors/diagnosticModel';
import type { RunRecipe } from '../core/heal/healTargets';
import type { PythonError } from '../core/errors/pythonError';

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
  /** The document's version when it was run; a fix is refused once it moves on. */
  version: number | undefined;
  /** Bytes the program printed before failing: a verified fix must not make it stop sooner. */
  stdoutBytes: number;
}

export interface ShownRun {
  root: string;
  entry: string;
  files: Readonly<Record<string, string>>;
  stdoutBytes?: number;
  recipe?: RunRecipe;
  /** The files whose diagnostics this run replaces; every file of the run when absent. */
  clears?: readonly string[];
}

export class RunDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly origins = new WeakMap<vscode.Diagnostic, DiagnosedError>();
  private readonly listener = vscode.workspace.onDidChangeTextDocument((event) => this.dropEdited(event));

  /**
   * Replaces the diagnostics of the run's files (`clears`, else every file of the run) and adds the
   * error's. One file of a workspace run clears nothing: the files around it are other targets', whose
   * errors it must not wipe (the run cleared them all before it started).
   */
  show(run: ShownRun, error: PythonError | null, versions: ReadonlyMap<string, number>): void {
    for (const file of run.clears ?? Object.keys(run.files)) this.collection.delete(uriOf(run.root, file));
    if (!error) return;
    const spec = diagnosticFor(error, run.entry, run.files);
    const uri = uriOf(run.root, spec.file);
    const diagnostic = toDiagnostic(spec, run.root);
    this.origins.set(diagnostic, { error, files: run.files, entry: run.entry, recipe: run.recipe ?? { entry: run.entry }, root: run.root, version: versions.get(uri.toString()), stdoutBytes: run.stdoutBytes ?? 0 });
    const others = (this.collection.get(uri) ?? []).filter((d) => !sameDiagnostic(d, diagnostic));
    this.collection.set(uri, [...others, diagnostic]);
  }

  clear(uris: readonly vscode.Uri[]): void {
    for (const uri of uris) this.collection.delete(uri);
  }

  /** Removes one diagnostic (its fix was applied). */
  remove(uri: vscode.Uri, diagnostic: vscode.Diagnostic): void {
    const kept = (this.collection.get(uri) ?? []).filter((d) => d !== diagnostic && !sameDiagnostic(d, diagnostic));
    this.collection.set(uri, kept);
  }

  originOf(diagnostic: vscode.Diagnostic, uri: vscode.Uri): { diagnostic: vscode.Diagnostic; origin: DiagnosedError } | undefined {
    // The lightbulb hands back copies; match them to ours by range, message and code.
    const ours = (this.collection.get(uri) ?? []).find((d) => d === diagnostic || sameDiagnostic(d, diagnostic));
    const origin = ours && this.origins.get(ours);
    return ours && origin ? { diagnostic: ours, origin } : undefined;
  }

  all(): Array<{ uri: vscode.Uri; diagnostics: readonly vscode.Diagnostic[] }> {
    const result: Array<{ uri: vscode.Uri; diagnostics: readonly vscode.Diagnostic[] }> = [];
    this.collection.forEach((uri, diagnostics) => result.push({ uri, diagnostics }));
    return result;
  }

  private dropEdited(event: vscode.TextDocumentChangeEvent): void {
    const current = this.collection.get(event.document.uri);
    if (!current || current.length === 0 || event.contentChanges.length === 0) return;
    const touched = (d: vscode.Diagnostic) =>
      event.contentChanges.some((change) => change.range.start.line <= d.range.end.line && change.range.end.line >= d.range.start.line);
    const kept = current.filter((d) => !touched(d));
    if (kept.length !== current.length) this.collection.set(event.document.uri, kept);
  }

  dispose(): void {
    this.listener.dispose();
    this.collection.dispose();
  }
}

export function uriOf(root: string, relative: string): vscode.Uri {
  return vscode.Uri.file(path.join(root, ...relative.split('/')));
}

function toDiagnostic(spec: DiagnosticSpec, root: string): vscode.Diagnostic {
  const range = new vscode.Range(spec.startLine - 1, spec.startColumn - 1, spec.endLine - 1, spec.endColumn - 1);
  const diagnostic = new vscode.Diagnostic(range, spec.message, vscode.DiagnosticSeverity.Error);
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
