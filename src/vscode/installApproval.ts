// The editor's answer to "may this fix install these packages?": a modal that names each one. A fix
// that changes requirements.txt or pyproject.toml is built only after the user chooses Install;
// dismissing the question is a no.
import { askingOncePerRequirement, needsApprovalReason, type InstallApproval } from '../core/environment/installGate';
import { reviewRequirementChanges } from '../core/environment/requirementChanges';
import { withoutCredentials } from '../core/environment/requirementSources';
import type { Questions } from './questions';

export const INSTALL = 'Install';

export function installModal(questions: Questions): InstallApproval {
  return async (requirements) => {
    const named = requirements.length === 1 ? `'${withoutCredentials(requirements[0])}'` : `${requirements.length} packages`;
    const detail = [
      'A fix adds these requirements to the program\'s environment:',
      '',
      ...requirements.map((requirement) => `• ${withoutCredentials(requirement)}`),
      '',
      'To verify the fix they are downloaded from the package index into a build container (wheels only unless selfHeal.environment.allowSourceBuilds is on). Install only packages you know.',
    ].join('\n');
    return (await questions.modal(`Self-Heal: install ${named}?`, detail, INSTALL)) === INSTALL;
  };
}

/**
 * For one Run & Self-Heal: files healed in parallel that need the same package ask once. What is
 * approved goes into `approved`, so building the environment does not ask about it a second time.
 */
export function installApprovalForRun(questions: Questions, approved: Set<string>): InstallApproval {
  const ask = askingOncePerRequirement(installModal(questions));
  return async (requirements, signal) => {
    const yes = await ask(requirements, signal);
    if (yes) for (const requirement of requirements) approved.add(requirement);
    return yes;
  };
}

/**
 * For a rule fix applied on its own: undefined when it may go ahead, else the message saying why not.
 * What the user approves goes into `approved`, so building the environment does not ask again.
 */
export async function vetRequirementChanges(questions: Questions, before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>, approved?: Set<string>): Promise<string | undefined> {
  const review = reviewRequirementChanges(before, after);
  if (review.verdict === 'unchanged') return undefined;
  if (review.verdict === 'refused') return `Self-Heal: not applied: ${review.reason}.`;
  if (!(await installModal(questions)(review.requirements))) return `Self-Heal: not applied: ${needsApprovalReason(review.requirements)}.`;
  for (const requirement of review.requirements) approved?.add(requirement);
  return undefined;
}
