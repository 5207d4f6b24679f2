// `self-heal env list|prune`: the environment images Self-Heal built on the engine, and their removal.
import { EngineError } from '../core/run/engineError';
import { describeBytes } from '../core/run/limits';
import { connectEngine } from '../sandbox/engineDiscovery';
import { listEnvironmentImages, pruneEnvironmentImages, type EnvironmentImage } from '../sandbox/environment/environmentImages';
import { flagTable, parseArgs, UsageError, type ParsedArgs } from './cliArgs';
import type { CliIo } from './cliIo';
import { dockerHostsFrom, ENGINE_VALUE_FLAGS, engineAccessFrom } from './engineFlags';

export const ENV_USAGE = `Usage: self-heal env list [--json] [--docker-host URL] [--tls-ca/--tls-cert/--tls-key FILE] [--ssh-key FILE]
       self-heal env prune (--all | --older-than DAYS | TAG...) [--docker-host URL]

Environment images are built from a project's requirements.txt / pyproject.toml and reused by a
hash of the requirements, the base image's ID and pip's options (localhost/self-heal-env:<hash>).

  list                 tag, created, size, base image and requirements of each
  prune --all          remove every environment image
  prune --older-than DAYS
                       remove those created more than DAYS days ago
  prune TAG...         remove the named environment images
An image a container still uses is kept, and the reason printed.
`;

const ENV_FLAGS = flagTable({ switch: ['json', 'all', 'help'], value: ['older-than', ...ENGINE_VALUE_FLAGS] });

const DAY_MS = 24 * 60 * 60 * 1000;

export async function envCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [action, ...rest] = argv;
  const parsed = parseArgs(rest, ENV_FLAGS);
  if (action === undefined || action === '--help' || parsed.flags.has('help')) {
    io.stdout.write(ENV_USAGE);
    return action === undefined ? 2 : 0;
  }
  if (action !== 'list' && action !== 'prune') throw new UsageError(`unknown env action "${action}"; use list or prune`);
  const hosts = dockerHostsFrom(parsed);
  if (hosts.length > 1) throw new UsageError(`env ${action} works on one engine at a time; give --docker-host once`);
  try {
    return await envAction(action, parsed, hosts[0], io);
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    io.stderr.write(`self-heal: ${error.message}\n`);
    return 2;
  }
}

async function envAction(action: 'list' | 'prune', parsed: ParsedArgs, host: string | undefined, io: CliIo): Promise<number> {
  const { docker } = await connectEngine({ explicitHost: host, access: engineAccessFrom(parsed), env: io.env, howToSetHost: 'pass --docker-host or set DOCKER_HOST' });
  if (action === 'list') {
    if (parsed.positionals.length > 0) throw new UsageError('env list takes no arguments');
    const images = await listEnvironmentImages(docker);
    if (parsed.flags.has('json')) io.stdout.write(`${JSON.stringify(images.map(asJson), null, 2)}\n`);
    else io.stdout.write(images.length === 0 ? 'no environment images\n' : images.map(describe).join(''));
    return 0;
  }
  return prune(docker, parsed.flags, parsed.positionals, io);
}

async function prune(docker: Parameters<typeof pruneEnvironmentImages>[0], flags: Map<string, string | true>, tags: string[], io: CliIo): Promise<number> {
  const olderThanText = flags.get('older-than');
  const chosen = [flags.has('all'), olderThanText !== undefined, tags.length > 0].filter(Boolean).length;
  if (chosen !== 1) throw new UsageError('env prune needs exactly one of --all, --older-than DAYS or TAG...');
  let olderThan: Date | undefined;
  if (typeof olderThanText === 'string') {
    const days = Number(olderThanText);
    if (olderThanText.trim() === '' || !Number.isFinite(days) || days < 0) throw new UsageError(`--older-than must be a number of days, not "${olderThanText}"`);
    olderThan = new Date(Date.now() - days * DAY_MS);
  }
  if (tags.length > 0) {
    const known = new Set((await listEnvironmentImages(docker)).map((image) => image.tag));
    const unknown = tags.filter((tag) => !known.has(tag));
    if (unknown.length > 0) throw new UsageError(`not an environment image: ${unknown.join(', ')} (see "self-heal env list")`);
  }
  const { removed, kept } = await pruneEnvironmentImages(docker, { olderThan, tags: tags.length > 0 ? tags : undefined });
  for (const image of removed) io.stdout.write(`removed ${image.tag} (${describeBytes(image.sizeBytes)})\n`);
  for (const { image, reason } of kept) io.stderr.write(`self-heal: kept ${image.tag}: ${reason}\n`);
  if (removed.length === 0 && kept.length === 0) io.stdout.write('no environment image to remove\n');
  return kept.length === 0 ? 0 : 1;
}

function describe(image: EnvironmentImage): string {
  return [
    `${image.tag}`,
    `  created      ${image.created.toISOString()}`,
    `  size         ${describeBytes(image.sizeBytes)}`,
    `  base image   ${image.baseImage} (${image.baseImageId.slice(0, 12)})`,
    `  source builds ${image.sourceBuilds ? 'allowed' : 'no (wheels only)'}`,
    `  requirements ${image.requirements.join(', ')}`,
    '',
  ].join('\n');
}

function asJson(image: EnvironmentImage): Record<string, unknown> {
  return { ...image, created: image.created.toISOString() };
}
