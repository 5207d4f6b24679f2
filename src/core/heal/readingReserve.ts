// A rule's reading of a syntax slip whose re-run got further without running clean (the program's
// own checks fail, or it crashes further down) may be the wrong reading: a closer put back in the
// wrong place compiles and computes something else. While other readings of the same slip are left,
// it is set aside (undone, its attempt recorded as reverted) and they are tried; it is taken back,
// with its attempt recorded as kept, only when none of them runs clean.
import type { FixCandidate } from '../fixes/fixTypes';
import type { AttemptRecord } from './ledger';
import type { HealSession } from './healSession';
import type { RunState } from './progress';

export interface SetAside {
  /** The files with the reading, and its re-run. */
  files: Record<string, string>;
  state: RunState;
  /** Its attempt as it was recorded when kept, and where it stands in the session's attempts. */
  record: AttemptRecord;
  index: number;
}

/** Errors that no placement of a bracket, quote or indent in another file can cause. */
const ELSEWHERE_ONLY: readonly string[] = ['name', 'module-not-found', 'import-name', 'syntax', 'indentation'];

/**
 * Whether the reading that got further should wait for the others of its slip. Not when the run now
 * fails on its own in a file the reading did not touch (a missing import or a slip of that file's
 * own): the reading did its part, and the next bug is another one.
 */
export function worthSettingAside(before: RunState, candidate: FixCandidate, readingsLeft: boolean, after?: RunState): boolean {
  const kind = before.error?.kind;
  if (!readingsLeft || !candidate.source.startsWith('rule:') || (kind !== 'syntax' && kind !== 'indentation')) return false;
  const next = after?.error;
  const edited = new Set(candidate.edits.map((edit) => edit.file));
  return !(next && next.file !== null && !edited.has(next.file) && ELSEWHERE_ONLY.includes(next.kind));
}

/**
 * Undoes the reading just kept (the session's files go back to `filesBefore`) and records its attempt
 * as reverted; the first reading set aside is the one kept in reserve, being the likelier.
 */
export function setAside(session: HealSession, filesBefore: Record<string, string>, after: RunState, reserve: SetAside | undefined): SetAside {
  const index = session.attempts.length - 1;
  const record = session.attempts[index];
  const kept: SetAside = reserve ?? { files: session.current, state: after, record, index };
  session.attempts[index] = { ...record, outcome: 'reverted', why: `${record.why}, but it did not run clean: another reading of the slip is tried first` };
  session.current = filesBefore;
  return kept;
}

/** Puts the reading in reserve back in place and its attempt back as kept; the run to go on from. */
export function takeBack(session: HealSession, reserve: SetAside): RunState {
  session.current = reserve.files;
  session.attempts[reserve.index] = reserve.record;
  return reserve.state;
}
