// Owns the current Runner, made lazily from the settings and made anew when they change.
import * as vscode from 'vscode';
import type { Runner } from '../core/runTypes';
import { RUNNER_SETTINGS, type SelfHealSettings } from '../core/settingsModel';
import { LocalRunner } from '../local/localRunner';
import { DockerSandbox } from '../sandbox/dockerSandbox';

export class RunnerProvider implements vscode.Disposable {
  private current: { runner: Runner; key: string } | undefined;
  private readonly listener: vscode.Disposable;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.listener = vscode.workspace.onDidChangeConfiguration((event) => {
      if (RUNNER_SETTINGS.some((setting) => event.affectsConfiguration(setting))) this.reset();
    });
  }

  runnerFor(settings: SelfHealSettings): Runner {
    const key = JSON.stringify([settings.runner, settings.dockerHost, settings.image, settings.pythonPath]);
    if (this.current?.key !== key) {
      this.reset();
      this.current = { key, runner: this.create(settings) };
    }
    return this.current.runner;
  }

  reset(): void {
    const old = this.current?.runner;
    this.current = undefined;
    void old?.dispose();
  }

  private create(settings: SelfHealSettings): Runner {
    if (settings.runner === 'local') return new LocalRunner(settings.pythonPath);
    return new DockerSandbox({
      image: settings.image,
      host: settings.dockerHost,
      howToSetHost: 'set selfHeal.docker.host',
      onPullProgress: (p) => p.status.startsWith('Pulling ') && this.log.info(p.status),
    });
  }

  async disposeAsync(): Promise<void> {
    this.listener.dispose();
    await this.current?.runner.dispose();
    this.current = undefined;
  }

  dispose(): void {
    void this.disposeAsync();
  }
}
