// Where a file's fix stands after its heal, as one state machine: the Fix Attempts panel shows only
// states reached through it, so it cannot say "Healed" with a Revert button for a fix that was
// discarded, or "Running" while a fix waits for the user. A run's status is read from its files'
// states by the same rules. Pure, so the unit tests hold every transition.
import type { ExpectedOutcome } from '../errors/expectedExits';
import type { FileHealRecord } from './ledger';

/**
 * running: the heal goes on; waiting: a verified fix is shown and waits for Apply or Discard;
 * applied: the fix is in the files (chosen, or applied at once in auto mode or from the lightbulb);
 * discarded: the user chose not to apply it; reverted: it was applied, then undone; cancelled:
 * stopped midway, nothing changed; failed: the engine failed, or the fix could not be applied.
 * No choice is needed for: clean (nothing to heal), not-healed (no fix held, or healing was off), and
 * the needs (needs-input, needs-arguments, stopped-at-limit): the program ended waiting for input or
 * arguments, or at a limit, which no fix is tried for, so it is neither healed nor failed.
 */
export type FixState = 'running' | 'waiting' | 'applied' | 'discarded' | 'reverted' | 'cancelled' | 'failed' | 'clean' | 'not-healed' | ExpectedOutcome;

export const FIX_STATES: readonly FixState[] = ['running', 'waiting', 'applied', 'discarded', 'reverted', 'cancelled', 'failed', 'clean', 'not-healed', 'needs-input', 'needs-arguments', 'stopped-at-limit'];

const NEEDS: readonly FixState[] = ['needs-input', 'needs-arguments', 'stopped-at-limit'];

/** The states each state may move to; every state not listed here is final. */
const NEXT: Readonly<Record<FixState, readonly FixState[]>> = {
  running: ['waiting', 'applied', 'clean', 'not-healed', 'cancelled', 'failed', ...NEEDS],
  // A choice cannot be cancelled; an Apply the editor refuses (the file changed since) fails.
  waiting: ['applied', 'discarded', 'failed'],
  applied: ['reverted'],
  discarded: [],
  reverted: [],
  cancelled: [],
  failed: [],
  clean: [],
  'not-healed': [],
  'needs-input': [],
  'needs-arguments': [],
  'stopped-at-limit': [],
};

export type FixMove = { ok: true; state: FixState } | { ok: false; why: string };

/** The move from `from` to `to`, or why it is refused (the caller logs it and keeps `from`). */
export function moveFix(from: FixState, to: FixState): FixMove {
  if (NEXT[from].includes(to)) return { ok: true, state: to };
  return { ok: false, why: `a fix that is ${from} cannot become ${to}` };
}

export function isFixState(value: unknown): value is FixState {
  return typeof value === 'string' && (FIX_STATES as readonly string[]).includes(value);
}

/** How the editor ends a heal that found a fix: shown for a choice, or applied at once. */
export type Delivery = 'preview' | 'auto';

/**
 * The state a heal's end puts its file in. `fixFound`: the record changes files. A need reached after
 * fixes that got the program that far is a fix like any other (applied, or waiting for a choice).
 */
export function endingOf(record: Pick<FileHealRecord, 'outcome'>, fixFound: boolean, delivery: Delivery): FixState {
  switch (record.outcome) {
    case 'cancelled':
      return 'cancelled';
    case 'engine-error':
      return 'failed';
    case 'clean':
      return 'clean';
    case 'needs-input':
    case 'needs-arguments':
    case 'stopped-at-limit':
      if (!fixFound) return record.outcome;
      return delivery === 'auto' ? 'applied' : 'waiting';
    default:
      if (!fixFound) return 'not-healed';
      return delivery === 'auto' ? 'applied' : 'waiting';
  }
}

/** Why a run ended before every file it set out to heal was reported: stopped, or broken. */
export type CutShort = 'cancelled' | 'failed';

/**
 * A run's status. While its heals go on it is running; once they are over it waits while any of
 * its files waits; then the first of these its files (or the reason it was cut short) hold:
 * cancelled, failed, not-healed, a need (the first file's, in the run's order), applied, discarded,
 * reverted; else clean. So a run ends as a need only when nothing else in it failed.
 */
export function runStatusOf(run: { healing: boolean; cutShort?: CutShort }, files: readonly FixState[]): FixState {
  if (run.healing) return 'running';
  const held = run.cutShort ? [...files, run.cutShort] : files;
  const worse: readonly FixState[] = ['waiting', 'running', 'cancelled', 'failed', 'not-healed'];
  const better: readonly FixState[] = ['applied', 'discarded', 'reverted'];
  return worse.find((state) => held.includes(state)) ?? held.find((state) => NEEDS.includes(state)) ?? better.find((state) => held.includes(state)) ?? 'clean';
}
