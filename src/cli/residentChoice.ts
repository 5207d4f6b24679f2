// Whether `self-heal run` sends its runs to a resident runner: only for the one engine the runner
// was started for, only through a folder no one else can write, and never when SELF_HEAL_RESIDENT=0.
import * as fs from 'fs';
import type { Runner } from '../core/run/runTypes';
import { DEFAULT_RUN_IMAGE } from '../core/settings/settingsModel';
import type { CliIo } from './cliIo';
import type { RunOptions } from './runOptions';
import { residentPlace, untrustedFolder } from './resident/residentPlace';
import { ResidentRunner } from './resident/residentRunner';

export function residentOrDirect(options: RunOptions, io: CliIo, makeDirect: () => Runner): Runner {
  if (options.runner !== 'docker' || options.dockerHosts.length > 1 || io.env.SELF_HEAL_RESIDENT === '0') return makeDirect();
  const place = residentPlace({ hosts: options.dockerHosts, access: options.engineAccess, env: io.env });
  if (!fs.existsSync(place.socket)) return makeDirect();
  const why = untrustedFolder(place.folder);
  if (why) {
    io.stderr.write(`self-heal: warning: the resident runner is not used: ${why}\n`);
    return makeDirect();
  }
  return new ResidentRunner(place.socket, options.image ?? DEFAULT_RUN_IMAGE, makeDirect);
}
