// The editor builds a workspace's declared requirements only after the user said yes to that set
// once: installing runs pip with network against whatever a cloned repository names. The answer is
// remembered per workspace by a hash of the set, so a new or changed requirement asks again.
import { createHash } from 'crypto';
import { InstallNotApproved } from '../core/environment/environmentTypes';

/** The part of vscode.Memento this needs (workspaceState), so tests can give a plain map. */
export interface ConsentState {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/** Asks the user (a modal naming each package); true means build. */
export type AskToBuild = (requirements: readonly string[]) => Thenable<boolean>;

export const CONSENT_STATE_KEY = 'selfHeal.environmentConsent';
/** Old answers past this many are forgotten (asked again), so the state stays small. */
const MAX_REMEMBERED = 100;

export class EnvironmentConsent {
  /** One question per set at a time, however many programs of a run need it. */
  private readonly asking = new Map<string, Promise<boolean>>();

  constructor(private readonly state: ConsentState, private readonly ask: AskToBuild) {}

  /** Resolves when the set may be built; rejects with an InstallNotApproved (an EnvironmentError) the heal reports when it may not. */
  async confirm(requirements: readonly string[]): Promise<void> {
    if (!(await this.allowed(requirements))) {
      throw new InstallNotApproved(`The environment was not built: installing ${requirements.join(', ')} was not approved. Run again to be asked again.`);
    }
  }

  allowed(requirements: readonly string[]): Promise<boolean> {
    const key = requirementSetKey(requirements);
    if (this.remembered().includes(key)) return Promise.resolve(true);
    let answer = this.asking.get(key);
    if (!answer) {
      answer = this.askAndRemember(key, requirements).finally(() => this.asking.delete(key));
      this.asking.set(key, answer);
    }
    return answer;
  }

  private async askAndRemember(key: string, requirements: readonly string[]): Promise<boolean> {
    if (!(await this.ask(requirements))) return false;
    await this.state.update(CONSENT_STATE_KEY, [...this.remembered().filter((k) => k !== key), key].slice(-MAX_REMEMBERED));
    return true;
  }

  private remembered(): string[] {
    const value = this.state.get<unknown>(CONSENT_STATE_KEY);
    return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : [];
  }
}

/** The same set in any order or with repeats gives the same key. */
export function requirementSetKey(requirements: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify([...new Set(requirements)].sort())).digest('hex');
}
