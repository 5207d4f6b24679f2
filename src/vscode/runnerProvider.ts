// Owns the current Runner, made lazily from the settings and made anew when they change.
import * as vscode from 'vscode';
import type { Runner } from '../core/runTypes';
import { RUNNER_SETTINGS, type SelfHealSettings } from '../core/settingsModel';

export class RunnerProvider implements vscode.Disposable {
  private current: { runner: Promise<Runner>; key: string } | undefined;
  private readonly listener: vscode.Disposable;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.listener = vscode.workspace.onDidChangeConfiguration((event) => {
      if (RUNNER_SETTINGS.some((setting) => event.affectsConfiguration(setting))) this.reset();
    });
  }

  runnerFor(settings: SelfHealSettings): Promise<Runner> {
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
    void old?.then((runner) => runner.dispose());
  }

  // Loaded on first use: the engine client is most of the bundle and activation stays fast.
  private async create(settings: SelfHealSettings): Promise<Runner> {
    if (settings.runner === 'local') return new (await import('../local/localRunner')).LocalRunner(settings.pythonPath);
    const { DockerSandbox } = await import('../edge');
    return new DockerSandbox({
      image: settings.image,
      host: settings.dockerHost,
      howToSetHost: 'set selfHeal.docker.host',
      onPullProgress: (p) => p.status.startsWith('Pulling ') && this.log.info(p.status),
    });
  }

  async disposeAsync(): Promise<void> {
    this.listener.dispose();
    await (await this.current?.runner)?.dispose();
    this.current = undefined;
  }

  dispose(): void {
    void this.disposeAsync();
  }
}
