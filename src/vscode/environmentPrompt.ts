// The question before a workspace's requirements are installed, and the builder the editor uses.
import type { SelfHealSettings } from '../core/settings/settingsModel';
import type { DockerSandbox } from '../sandbox/dockerSandbox';
import type { EnvironmentBuilder } from '../sandbox/environment/environmentBuilder';
import { withoutCredentials } from '../core/environment/requirementSources';
import type { AskToBuild } from './environmentConsent';
import type { Questions } from './questions';

export const BUILD = 'Build Environment';
/** A modal's detail stays readable; the rest are counted. */
const SHOWN_PACKAGES = 30;

export function askToBuild(questions: Questions): AskToBuild {
  return async (requirements) => {
    const shown = requirements.slice(0, SHOWN_PACKAGES).map((r) => `• ${withoutCredentials(r)}`);
    if (requirements.length > SHOWN_PACKAGES) shown.push(`… and ${requirements.length - SHOWN_PACKAGES} more`);
    const choice = await questions.modal(
      `Self-Heal: install this workspace's ${requirements.length === 1 ? 'requirement' : `${requirements.length} requirements`} into an environment image?`,
      `pip downloads them from the package index (wheels only unless selfHeal.environment.allowSourceBuilds is on) in a build container; programs then run with them, offline.\n\n${shown.join('\n')}`,
      BUILD,
    );
    return choice === BUILD;
  };
}

/** The builder over the docker runner's engine, image and labels, with the user's source-build choice. */
export async function editorEnvironmentBuilder(runner: DockerSandbox, settings: SelfHealSettings, log: (line: string) => void): Promise<EnvironmentBuilder> {
  const { EnvironmentBuilder } = await import('../edge');
  return new EnvironmentBuilder(runner, { allowSourceBuilds: settings.environment.allowSourceBuilds, onProgress: (line) => log(`pip: ${line}`) });
}
