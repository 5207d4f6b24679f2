// Owns the current Runner, made lazily from the settings and made anew when they change. For the
// docker runner it also hands out environment providers over the same engine, image and labels, so
// nothing else needs to know which class the runner is.
import * as vscode from 'vscode';
import type { EnvironmentProvider, RunnerWithEnvironments } from '../core/environment/environmentTypes';
import { environmentChoicesOf } from '../core/environment/packageIndex';
import type { Runner } from '../core/run/runTypes';
import { PROOF_QUIET_MS, warmContainersFor } from '../core/run/parallel';
import { RUNNER_SETTINGS, type SelfHealSettings } from '../core/settings/settingsModel';
import type { Notifications } from './notifications';

export class RunnerProvider implements vscode.Disposable {
  private current: { made: Promise<RunnerWithEnvironments>; key: string } | undefined;
  private readonly listener: vscode.Disposable;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly notifications: Notifications,
  ) {
    this.listener = vscode.workspace.onDidChangeConfiguration((event) => {
      if (RUNNER_SETTINGS.some((setting) => event.affectsConfiguration(setting))) this.reset();
    });
  }

  runnerFor(settings: SelfHealSettings): Promise<Runner> {
    return this.madeFor(settings).then((made) => made.runner);
  }

  /**
   * The environment images for these settings (the workspace's requirements installed on the
   * runner's image, from the package index the settings name), or undefined when the runner is
   * local and has no images.
   */
  async environmentsFor(settings: SelfHealSettings, onProgress: (line: string) => void): Promise<EnvironmentProvider | undefined> {
    return (await this.madeFor(settings)).environments?.(environmentChoicesOf(settings.environment, onProgress));
  }

  reset(): void {
    const old = this.current?.made;
    this.current = undefined;
    void old?.then((made) => made.runner.dispose());
  }

  private madeFor(settings: SelfHealSettings): Promise<RunnerWithEnvironments> {
    const key = JSON.stringify([settings.runner, settings.dockerHost, settings.dockerHosts, settings.engineAccess, settings.image, settings.pythonPath]);
    if (this.current?.key !== key) {
      this.reset();
      this.current = { key, made: this.create(settings) };
    }
    return this.current.made;
  }

  // Loaded on first use: the engine client is most of the bundle and activation stays fast.
  private async create(settings: SelfHealSettings): Promise<RunnerWithEnvironments> {
    if (settings.runner === 'local') return { runner: new (await import('../local/localRunner')).LocalRunner(settings.pythonPath) };
    const { sandboxWithEnvironments } = await import('../edge');
    return sandboxWithEnvironments({
      // A heal's proof follows its failing run within milliseconds: three waiting containers (the run, the
      // readings' compile check, the proof) keep it warm, and housekeeping waits until it is done.
      warmContainers: warmContainersFor(1, 1, true),
      quietAfterRunMs: PROOF_QUIET_MS,
      image: settings.image,
      host: settings.dockerHost,
      // One entry adds nothing to selfHeal.docker.host: a list spreads only from two engines on.
      hosts: settings.dockerHosts.length >= 2 ? settings.dockerHosts : [],
      onEngineWarning: (message) => {
        this.log.warn(message);
        void this.notifications.show('warning', `Self-Heal: ${message}`);
      },
      access: settings.engineAccess,
      howToSetHost: 'set selfHeal.docker.host',
      onPullProgress: (p) => p.status.startsWith('Pulling ') && this.log.info(p.status),
    });
  }

  async disposeAsync(): Promise<void> {
    this.listener.dispose();
    await (await this.current?.made)?.runner.dispose();
    this.current = undefined;
  }

  dispose(): void {
    void this.disposeAsync();
  }
}
