// The question before a workspace's requirements are installed.
import { withoutCredentials } from '../core/environment/requirementSources';
import type { AskToBuild } from './environmentConsent';
import type { Questions } from './questions';

export const BUILD = 'Build Environment';
/** A modal's detail stays readable; the rest are counted. */
const SHOWN_PACKAGES = 30;

export function askToBuild(questions: Questions): AskToBuild {
  return async (requirements) => {
    const shown = requirements.slice(0, SHOWN_PACKAGES).map((r) => `• ${withoutCredentials(r)}`);
    const them = requirements.length === 1 ? 'it' : 'them';
    if (requirements.length > SHOWN_PACKAGES) shown.push(`… and ${requirements.length - SHOWN_PACKAGES} more`);
    const choice = await questions.modal(
      `Self-Heal: install this workspace's ${requirements.length === 1 ? 'requirement' : `${requirements.length} requirements`} into an environment image?`,
      `pip downloads ${them} from the package index (wheels only unless selfHeal.environment.allowSourceBuilds is on) in a build container; programs then run with ${them}, offline.\n\n${shown.join('\n')}`,
      BUILD,
    );
    return choice === BUILD;
  };
}
