// The environment images the editor runs programs in, for Run & Self-Heal and the quick fixes alike:
// made through the runner provider, built only after the user said yes to the workspace's set.
import { imagesFrom, type ImageFor } from '../core/heal/healTargets';
import type { SelfHealSettings } from '../core/settings/settingsModel';
import type { EnvironmentConsent } from './environmentConsent';
import type { RunnerProvider } from './runnerProvider';

export class EditorEnvironments {
  constructor(private readonly runners: RunnerProvider, private readonly consent: EnvironmentConsent, private readonly log: (line: string) => void) {}

  /**
   * The images for one run; undefined when the runner has none (local). Requirements in `approved`
   * (a fix added them and the user chose Install) are not asked about a second time.
   */
  async imageFor(settings: SelfHealSettings, approved: ReadonlySet<string>): Promise<ImageFor | undefined> {
    const provider = await this.runners.environmentsFor(settings, (line) => this.log(`pip: ${line}`));
    if (!provider) return undefined;
    return imagesFrom(provider, async (requirements) => {
      // A cloned repository's list is built only once the user said yes to it.
      const declared = requirements.filter((requirement) => !approved.has(requirement));
      if (declared.length > 0) await this.consent.confirm(declared);
    });
  }
}
