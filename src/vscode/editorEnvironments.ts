// The environment images the editor runs programs in, for every run command alike (Run Python File,
// Run & Self-Heal, the quick fixes, a test run in the Test Explorer): made through the runner provider, built only after the user
// said yes to the workspace's set, with the install shown as it happens: a step in the run's
// progress notification with pip's lines, and the same lines in Self-Heal's log.
import { buildNetworkFor, packageIndexPhrase } from '../core/environment/packageIndex';
import { withoutCredentials } from '../core/environment/requirementSources';
import { imagesFrom, type ImageFor } from '../core/heal/healTargets';
import type { SelfHealSettings } from '../core/settings/settingsModel';
import type { TestEnvironment } from '../core/testing/testEnvironment';
import type { EnvironmentConsent } from './environmentConsent';
import type { RunnerProvider } from './runnerProvider';

/** The message of the progress step while pip runs. */
export const INSTALLING = 'Installing requirements';
/** A progress notification's message stays on one line. */
const SHOWN_LINE_CHARS = 80;

/** Lines kept of what the installs showed, for the tests. */
const KEPT_LINES = 500;

export class EditorEnvironments {
  /** What the installs showed, oldest first: the progress messages, and the lines written to the log. */
  readonly shown: { progress: string[]; log: string[] } = { progress: [], log: [] };

  constructor(private readonly runners: RunnerProvider, private readonly consent: EnvironmentConsent, private readonly writeLog: (line: string) => void) {}

  /**
   * The images for one run; undefined when the runner has none (local). Requirements in `approved`
   * (a fix added them and the user chose Install) are not asked about a second time. `report`
   * receives the install step for the run's progress notification.
   */
  async imageFor(settings: SelfHealSettings, approved: ReadonlySet<string>, report?: (message: string) => void): Promise<ImageFor | undefined> {
    const provider = await this.runners.environmentsFor(settings, (line) => this.log(`pip: ${line}`));
    if (!provider) return undefined;
    const { beforeBuild, onInstall, onLine } = this.installSteps(settings, approved, report);
    return imagesFrom(provider, beforeBuild, { onInstall, onLine });
  }

  /**
   * The environment of a test run (the project's requirements and test requirements): the same
   * provider, question and install display as a program's, so a test run asks exactly as a run does.
   */
  async testEnvironmentFor(settings: SelfHealSettings, report?: (message: string) => void): Promise<TestEnvironment | undefined> {
    const provider = await this.runners.environmentsFor(settings, (line) => this.log(`pip: ${line}`));
    if (!provider) return undefined;
    return { provider, ...this.installSteps(settings, new Set(), report) };
  }

  private installSteps(settings: SelfHealSettings, approved: ReadonlySet<string>, report?: (message: string) => void): Required<Omit<TestEnvironment, 'provider'>> {
    const show = (message: string): void => {
      keep(this.shown.progress, message);
      report?.(message);
    };
    const onThisMachine = buildNetworkFor(settings.environment) === 'host' ? "; through the host's network: the index is on this machine" : '';
    const index = packageIndexPhrase(settings.environment) + onThisMachine;
    return {
      beforeBuild: async (requirements) => {
        // A cloned repository's list is built only once the user said yes to it.
        const declared = requirements.filter((requirement) => !approved.has(requirement));
        if (declared.length > 0) await this.consent.confirm(declared);
      },
      onInstall: (requirements) => {
        this.log(`${INSTALLING.toLowerCase()}: ${requirements.map(withoutCredentials).join(', ')}${index ? ` (${index})` : ''}`);
        show(`${INSTALLING}…`);
      },
      onLine: (line) => {
        this.log(`pip: ${line}`);
        if (line.trim() !== '') show(`${INSTALLING}: ${shortened(line.trim())}`);
      },
    };
  }

  private log(line: string): void {
    keep(this.shown.log, line);
    this.writeLog(line);
  }
}

function keep(lines: string[], line: string): void {
  lines.push(line);
  if (lines.length > KEPT_LINES) lines.shift();
}

function shortened(line: string): string {
  return line.length > SHOWN_LINE_CHARS ? `${line.slice(0, SHOWN_LINE_CHARS - 1)}…` : line;
}
