// Nothing is installed that nobody vetted: before a fix that changes the program's requirements is
// verified (which builds its environment, running the new packages' build code), the change is
// reviewed against the files as the heal found them. Refused lines end the fix; the rest wait for
// the user's approval, and without it the heal stops before anything is built.
import { reviewRequirementChanges } from './requirementChanges';

/** Asks the user to allow installing these requirement lines; true only for an explicit yes. */
export type InstallApproval = (requirements: readonly string[], signal?: AbortSignal) => Promise<boolean>;

export type InstallGateOutcome = { pass: true } | { refused: string } | { needsApproval: string };

export function needsApprovalReason(requirements: readonly string[]): string {
  return `needs approval to install ${requirements.join(', ')}`;
}

/** `approved` holds the lines allowed so far in this heal, so one answer covers later fixes too. */
export async function installGate(
  start: Readonly<Record<string, string>>,
  candidate: Readonly<Record<string, string>>,
  approved: Set<string>,
  approve: InstallApproval | undefined,
  signal?: AbortSignal,
): Promise<InstallGateOutcome> {
  const review = reviewRequirementChanges(start, candidate);
  if (review.verdict === 'unchanged') return { pass: true };
  if (review.verdict === 'refused') return { refused: review.reason };
  const pending = review.requirements.filter((line) => !approved.has(line));
  if (pending.length === 0) return { pass: true };
  const allowed = approve !== undefined && !signal?.aborted && (await approve(pending, signal).catch(() => false)) === true;
  if (!allowed) return { needsApproval: needsApprovalReason(pending) };
  for (const line of pending) approved.add(line);
  return { pass: true };
}

/**
 * One question per requirement for a whole run: files healed in parallel that need the same package
 * ask once, and one question is open at a time. A no is remembered as firmly as a yes.
 */
export function askingOncePerRequirement(ask: InstallApproval): InstallApproval {
  const answers = new Map<string, boolean>();
  let queue: Promise<unknown> = Promise.resolve();
  return (requirements, signal) => {
    const answer = queue.then(async () => {
      const unanswered = requirements.filter((requirement) => !answers.has(requirement));
      if (unanswered.length > 0 && !signal?.aborted) {
        const yes = await ask(unanswered, signal).catch(() => false);
        for (const requirement of unanswered) answers.set(requirement, yes === true);
      }
      return requirements.every((requirement) => answers.get(requirement) === true);
    });
    queue = answer.catch(() => undefined);
    return answer;
  };
}
