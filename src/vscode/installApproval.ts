// The editor's answer to "may this fix install these packages?": a modal that names each one. A fix
// that changes requirements.txt or pyproject.toml is built (and its packages' install code run) only
// after the user chooses Install; dismissing the question is a no.
import * as vscode from 'vscode';
import { askingOncePerRequirement, needsApprovalReason, type InstallApproval } from '../core/heal/installGate';
import { reviewRequirementChanges } from '../core/heal/requirementChanges';

export const approveInstallModal: InstallApproval = async (requirements) => {
  const named = requirements.length === 1 ? `'${requirements[0]}'` : `${requirements.length} packages`;
  const detail = [
    'A fix adds these requirements to the program\'s environment:',
    '',
    ...requirements.map((requirement) => `• ${requirement}`),
    '',
    'To verify the fix they are downloaded from the package index and their install code runs. Install only packages you know.',
  ].join('\n');
  const choice = await vscode.window.showWarningMessage(`Self-Heal: install ${named}?`, { modal: true, detail }, 'Install');
  return choice === 'Install';
};

/** For one Run & Self-Heal: files healed in parallel that need the same package ask once. */
export function installApprovalForRun(): InstallApproval {
  return askingOncePerRequirement(approveInstallModal);
}

/** For a rule fix applied on its own: undefined when it may go ahead, else the message saying why not. */
export async function vetRequirementChanges(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): Promise<string | undefined> {
  const review = reviewRequirementChanges(before, after);
  if (review.verdict === 'unchanged') return undefined;
  if (review.verdict === 'refused') return `Self-Heal: not applied: ${review.reason}.`;
  return (await approveInstallModal(review.requirements)) ? undefined : `Self-Heal: not applied: ${needsApprovalReason(review.requirements)}.`;
}
