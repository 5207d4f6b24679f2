// Puts the image the project's Python version asks for into the settings of a run, and says which
// image and why in the log and the status item. The choice itself is core's (runImageChoice.ts),
// shared with the CLI; here only the editor's sources are gathered: the workspace folder's files and
// the interpreter selected in the Python extension.
import * as path from 'path';
import * as vscode from 'vscode';
import { chooseRunImage, type RunImageChoice } from '../core/environment/runImageChoice';
import { readStatedPython } from '../core/environment/statedPython';
import { DEFAULT_RUN_IMAGE, type SelfHealSettings } from '../core/settings/settingsModel';
import { selectedInterpreter } from './pythonInterpreter';
import type { EngineStatusBar } from './statusBar';

export class ProjectImages {
  /** The last choice and the line it wrote to the log, for the tests. */
  last: RunImageChoice | undefined;
  lastLogLine: string | undefined;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly statusBar: EngineStatusBar,
  ) {}

  /** `settings` with the image a run of `scope` uses; the local runner has no image and is left alone. */
  async withImage(settings: SelfHealSettings, scope: vscode.Uri | undefined): Promise<SelfHealSettings> {
    if (settings.runner === 'local') return settings;
    const root = projectRoot(scope);
    const stated = root === undefined ? {} : await readStatedPython(root);
    const interpreter = settings.imageSet ? undefined : await selectedInterpreter(scope);
    const choice = chooseRunImage({
      explicitImage: settings.imageSet ? settings.image : undefined,
      defaultImage: DEFAULT_RUN_IMAGE,
      imagesByVersion: settings.imagesByPythonVersion,
      stated: { ...stated, ...(interpreter ? { interpreter } : {}) },
      names: { image: 'selfHeal.image', table: 'selfHeal.imagesByPythonVersion' },
    });
    this.last = choice;
    this.lastLogLine = choice.warning ? `Image: ${choice.reason}. ${choice.warning}` : `Image: ${choice.reason}`;
    if (choice.warning) this.log.warn(this.lastLogLine);
    else this.log.info(this.lastLogLine);
    this.statusBar.showImage(choice);
    return { ...settings, image: choice.image };
  }
}

/** Where requirements are read from too: the workspace folder of `scope`, else the file's own folder. */
function projectRoot(scope: vscode.Uri | undefined): string | undefined {
  if (!scope || scope.scheme !== 'file') return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const folder = vscode.workspace.getWorkspaceFolder(scope);
  if (folder) return folder.uri.fsPath;
  return path.extname(scope.fsPath) === '' ? scope.fsPath : path.dirname(scope.fsPath);
}
