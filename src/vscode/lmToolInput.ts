// What the language model tools accept: each input checked by hand against the bounds the
// contributed schemas state (the workbench validates too, but a call from another extension's
// invokeTool need not pass through it), and paths confined to the workspace's folders with links
// followed, so a model cannot reach a file outside the folders the user opened.
import * as fs from 'fs/promises';
import * as path from 'path';
import * as vscode from 'vscode';

/** A bad argument, a refused path or a refused run: the tool answers with its text, never a throw. */
export class ToolRefusal extends Error {
  override readonly name = 'ToolRefusal';
}

export const MAX_PATHS = 64;
export const MAX_ARGS = 256;
export const MAX_STDIN_CHARS = 1024 * 1024;
export const MAX_TIMEOUT_SECONDS = 600;

/** A file of the workspace: its folder (the run's root) and its path in it. */
export interface WorkspacePath {
  root: string;
  /** Absolute, under the folder as the editor names it (links inside followed). */
  file: string;
  /** Relative to the root, with forward slashes. */
  relative: string;
}

export function objectInput(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ToolRefusal('the input must be an object');
  return input as Record<string, unknown>;
}

/** Names the first property the tool does not know, so a misspelt one is not silently ignored. */
export function onlyKnown(input: Record<string, unknown>, known: readonly string[]): void {
  const unknown = Object.keys(input).find((key) => !known.includes(key));
  if (unknown !== undefined) throw new ToolRefusal(`unknown property "${unknown}"; this tool takes ${known.join(', ')}`);
}

export function stringList(input: Record<string, unknown>, key: string, { min, max }: { min: number; max: number }): string[] | undefined {
  const value = input[key];
  if (value === undefined && min === 0) return undefined;
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) throw new ToolRefusal(`${key} must be an array of strings`);
  if (value.length < min || value.length > max) throw new ToolRefusal(`${key} must hold ${min} to ${max} items, not ${value.length}`);
  if (value.some((item) => item.length > 4096)) throw new ToolRefusal(`${key}: an item is longer than 4096 characters`);
  return value;
}

export function optionalString(input: Record<string, unknown>, key: string, maxLength: number): string | undefined {
  const value = input[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ToolRefusal(`${key} must be a string`);
  if (value.length > maxLength) throw new ToolRefusal(`${key} is longer than ${maxLength} characters`);
  return value;
}

export function optionalSeconds(input: Record<string, unknown>, key: string): number | undefined {
  const value = input[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMEOUT_SECONDS) {
    throw new ToolRefusal(`${key} must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}`);
  }
  return value;
}

/**
 * The path inside a workspace folder: relative to the first folder, or absolute inside any. Links
 * are followed before the check, so a link in the workspace to a file outside it is refused too.
 */
export async function workspacePath(given: string, { kind }: { kind: 'python-file' | 'folder' }): Promise<WorkspacePath> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) throw new ToolRefusal('no folder is open, so there is no workspace to run files from');
  const absolute = path.isAbsolute(given) ? given : path.join(folders[0].uri.fsPath, given);
  let real: string;
  try {
    real = await fs.realpath(absolute);
  } catch {
    throw new ToolRefusal(`${given} does not exist`);
  }
  for (const folder of folders) {
    const root = await fs.realpath(folder.uri.fsPath).catch(() => folder.uri.fsPath);
    const relative = path.relative(root, real);
    if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
    const stat = await fs.stat(real);
    if (kind === 'python-file' && (!stat.isFile() || !real.endsWith('.py'))) throw new ToolRefusal(`${given} is not a Python file (.py)`);
    if (kind === 'folder' && !stat.isDirectory()) throw new ToolRefusal(`${given} is not a folder`);
    // The folder as the editor names it, so edits land on the documents the editor has open.
    return { root: folder.uri.fsPath, file: path.join(folder.uri.fsPath, relative), relative: relative.split(path.sep).join('/') };
  }
  throw new ToolRefusal(`${given} is outside the workspace; only files in the open folders can be used`);
}
