// Problems from failed tests: one on the failing line in the test file, and one on the line of the
// project's code the exception came from when that is elsewhere, with the other frames as related
// information. Each test owns its problems: its next result replaces them, so a pass clears them.
// A collection of its own beside the runs' (runDiagnostics.ts), under the same source name.
import * as path from 'path';
import * as vscode from 'vscode';
import { fileText } from '../core/files/fileTexts';
import { failurePlacesOf, type TestFailurePlace } from '../core/testing/testFailure';
import type { TestResult } from '../core/testing/testTypes';
import { DIAGNOSTIC_SOURCE } from './runDiagnostics';

interface Owned {
  uri: vscode.Uri;
  diagnostic: vscode.Diagnostic;
}

export class TestDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  /** By test (root and node id): what its last result put on lines. */
  private readonly owned = new Map<string, Owned[]>();

  /** Replaces the test's problems with those of its new result (none when it did not fail). */
  show(root: string, nodeId: string, result: TestResult, files: Readonly<Record<string, string>>): void {
    const key = `${root}|${nodeId}`;
    const before = this.owned.get(key) ?? [];
    const now = result.outcome === 'failed' || result.outcome === 'error' ? problemsOf(root, result, files) : [];
    if (now.length === 0) this.owned.delete(key);
    else this.owned.set(key, now);
    this.publish([...before, ...now].map((p) => p.uri));
  }

  all(): Array<{ uri: vscode.Uri; diagnostics: readonly vscode.Diagnostic[] }> {
    const result: Array<{ uri: vscode.Uri; diagnostics: readonly vscode.Diagnostic[] }> = [];
    this.collection.forEach((uri, diagnostics) => result.push({ uri, diagnostics }));
    return result;
  }

  private publish(uris: readonly vscode.Uri[]): void {
    for (const uri of new Map(uris.map((u) => [u.toString(), u])).values()) {
      const shown = [...this.owned.values()].flat().filter((p) => p.uri.toString() === uri.toString());
      if (shown.length === 0) this.collection.delete(uri);
      else this.collection.set(uri, shown.map((p) => p.diagnostic));
    }
  }

  dispose(): void {
    this.collection.dispose();
  }
}

function problemsOf(root: string, result: TestResult, files: Readonly<Record<string, string>>): Owned[] {
  const places = failurePlacesOf(result);
  const message = `${result.id}: ${result.message ?? result.outcome}`;
  const made = (place: TestFailurePlace | undefined) => (place ? [problemAt(root, place, message, places.exceptionType, files)] : []);
  return [...made(places.inTest), ...made(places.inCode)];
}

function problemAt(root: string, place: TestFailurePlace, message: string, code: string, files: Readonly<Record<string, string>>): Owned {
  const uri = vscode.Uri.file(path.join(root, ...place.file.split('/')));
  const diagnostic = new vscode.Diagnostic(lineRange(fileText(files, place.file), place.line), message, vscode.DiagnosticSeverity.Error);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = code;
  diagnostic.relatedInformation = place.others.map(
    (frame) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(path.join(root, ...frame.file.split('/'))), new vscode.Position(frame.line - 1, 0)), `${frame.function} (${frame.file}:${frame.line})`),
  );
  return { uri, diagnostic };
}

/** The line's text without its indentation, as the run saw it. */
export function lineRange(text: string | undefined, line: number): vscode.Range {
  const content = text?.split(/\r\n|\r|\n/)[line - 1] ?? '';
  const start = content.length - content.trimStart().length;
  return new vscode.Range(line - 1, start, line - 1, Math.max(start, content.trimEnd().length));
}
