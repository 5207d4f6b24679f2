// `self-heal resident start|stop|status`: a background process that keeps warm containers for one
// engine, so each one-shot `self-heal run` skips the engine connection and a cold container.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import { setTimeout as pause } from 'timers/promises';
import { DEFAULT_LIMITS } from '../core/run/limits';
import { DEFAULT_IMAGE, DockerSandbox } from '../sandbox/dockerSandbox';
import { flagTable, flagValue, parseArgs, UsageError, type ParsedArgs } from './cliArgs';
import type { CliIo } from './cliIo';
import { dockerHostsFrom, ENGINE_FLAGS_USAGE, ENGINE_VALUE_FLAGS, engineAccessFrom } from './engineFlags';
import { ensureFolder, untrustedFolder, type ResidentPlace } from './resident/residentPlace';
import { readMessages, SILENCE_MS, writeMessage, type FromRunner, type RunnerStatus, type ToRunner } from './resident/residentProtocol';
import { ResidentServer } from './resident/residentServer';
import { noResidentRunner, residentPlaceFor } from './residentChoice';

export const RESIDENT_USAGE = `Usage: self-heal resident start|stop|status [options]

A resident runner is a background process that keeps started containers ready for one engine
(two of --image with the default limits from its start; of other images or limits from their first
run).
While it runs, "self-heal run" sends its runs to it (same sandbox, same limits, same reports) and
so skips connecting to the engine and making a container. It ends after --idle-minutes without a
run, or with "self-heal resident stop", and removes its containers. SELF_HEAL_RESIDENT=0 makes a
run ignore it. See docs/cli.md.

  start                start one for the engine the options name (once per engine)
  stop                 stop it; runs under way finish first
  status               say whether one runs, its PID and how many runs it made

Options:
${ENGINE_FLAGS_USAGE}  --image IMG          with start: the image to keep containers of at once (default python:3.11-slim)
  --idle-minutes N     with start: end after N minutes without a run (default 15, at most 1440)
`;

const RESIDENT_FLAGS = flagTable({ switch: ['help'], value: ['idle-minutes', 'image', ...ENGINE_VALUE_FLAGS] });
const START_WAIT_MS = 20_000;
/** A runner that does not answer a status request this soon is wedged or gone. */
const STATUS_WAIT_MS = 5_000;
/** While it stops, a runner says it is alive every few seconds; silent this long, it is given up on. */
const STOP_SILENCE_MS = SILENCE_MS;

export async function residentCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [action, ...rest] = argv;
  const parsed = parseArgs(rest, RESIDENT_FLAGS);
  if (action === undefined || action === '--help' || parsed.flags.has('help')) {
    io.stdout.write(RESIDENT_USAGE);
    return action === undefined ? 2 : 0;
  }
  const unavailable = noResidentRunner();
  if (unavailable) {
    io.stderr.write(`self-heal: ${unavailable}\n`);
    return 2;
  }
  const hosts = dockerHostsFrom(parsed);
  if (hosts.length > 1) throw new UsageError('a resident runner serves one engine; give --docker-host once');
  let place: ResidentPlace;
  try {
    place = residentPlaceFor(hosts, engineAccessFrom(parsed), io.env, io.cwd);
  } catch (error) {
    io.stderr.write(`self-heal: ${(error as Error).message}\n`);
    return 2;
  }
  if (action === 'start') return start(rest, parsed, place, io);
  if (action === 'serve') return serve(parsed, hosts[0], place, io);
  if (action === 'stop') return stop(place, io);
  if (action === 'status') return status(place, io);
  throw new UsageError(`unknown resident action "${action}"; use start, stop or status`);
}

function idleMinutes(parsed: ParsedArgs): number {
  const text = flagValue(parsed, 'idle-minutes') ?? '15';
  const minutes = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || minutes <= 0 || minutes > 24 * 60) throw new UsageError(`--idle-minutes must be a number of minutes above 0 and at most 1440, not "${text}"`);
  return minutes;
}

async function start(argv: readonly string[], parsed: ParsedArgs, place: ResidentPlace, io: CliIo): Promise<number> {
  idleMinutes(parsed); // a bad value is said here, not in a log no one reads
  const running = await runnerStatus(place);
  if (running) {
    io.stdout.write(`self-heal: a resident runner already runs for this engine (PID ${running.pid})\n`);
    return 0;
  }
  try {
    ensureFolder(place.folder);
  } catch (error) {
    io.stderr.write(`self-heal: ${(error as Error).message}\n`);
    return 2;
  }
  // Appended to: a runner still stopping may write its last lines there.
  const log = fs.openSync(place.log, 'a', 0o600);
  // The same CLI, in the background, with this command's engine options, folder and environment
  // (a relative --tls-ca or DOCKER_CERT_PATH means the same file to it).
  const child = spawn(process.execPath, [process.argv[1], 'resident', 'serve', ...argv], { cwd: io.cwd, env: io.env, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code) => resolve(`exit ${code}`));
    child.once('error', (error) => resolve(error.message));
  });
  child.unref();
  const deadline = Date.now() + START_WAIT_MS;
  while (Date.now() < deadline) {
    const answer = await runnerStatus(place);
    if (answer && answer.pid === child.pid) {
      io.stdout.write(`self-heal: resident runner started (PID ${child.pid}); it ends after ${answer.idleExitSeconds / 60} min without a run, or with "self-heal resident stop"\n`);
      return 0;
    }
    const ended = await Promise.race([exited, pause(100).then(() => undefined)]);
    if (ended !== undefined) {
      io.stderr.write(`self-heal: the resident runner did not start (${ended}): ${lastLine(place.log)}\n`);
      return 2;
    }
  }
  try {
    if (child.pid) process.kill(child.pid);
  } catch {
    // it ended on its own meanwhile
  }
  io.stderr.write(`self-heal: the resident runner did not answer within ${START_WAIT_MS / 1000} s; see ${place.log}\n`);
  return 2;
}

async function serve(parsed: ParsedArgs, host: string | undefined, place: ResidentPlace, io: CliIo): Promise<number> {
  const log = (line: string) => io.stderr.write(`${new Date().toISOString()} ${line}\n`);
  const idleExitMs = idleMinutes(parsed) * 60_000;
  // Its warm containers wait as long as it does: a run after a long pause still starts at once.
  const runner = new DockerSandbox({ host, access: engineAccessFrom(parsed), env: io.env, warmContainers: 2, idleMs: idleExitMs, howToSetHost: 'pass --docker-host or set DOCKER_HOST' });
  const server = new ResidentServer({ place, runner, warmWaiting: () => runner.warmWaiting, idleExitMs, log });
  // SIGTERM and SIGINT abort the signal (main.ts): the containers are removed before it ends. Heard
  // from the first moment, so a start that gives up on it can end it while it is still starting.
  io.signal?.addEventListener('abort', () => void server.stop('signalled'), { once: true });
  try {
    await server.listen();
  } catch (error) {
    log(`cannot listen: ${(error as Error).message}`);
    await runner.dispose();
    return 2;
  }
  if (io.signal?.aborted) void server.stop('signalled while starting');
  else runner.warmUp(flagValue(parsed, 'image') ?? DEFAULT_IMAGE, DEFAULT_LIMITS);
  await server.ended;
  log('ended');
  return 0;
}

const NONE_RUNS = 'self-heal: no resident runner runs for this engine\n';

/** The status of the runner for this place; undefined when none answers in time. */
async function runnerStatus(place: ResidentPlace): Promise<RunnerStatus | undefined> {
  const answer = await ask(place, { type: 'status' }, STATUS_WAIT_MS);
  return answer?.type === 'status' ? answer.status : undefined;
}

async function stop(place: ResidentPlace, io: CliIo): Promise<number> {
  const status = await runnerStatus(place);
  if (!status) {
    io.stdout.write(NONE_RUNS);
    return 0;
  }
  // Answered once the runs under way have ended and its containers are gone; until then it says
  // it is alive every few seconds, so a long run is waited for and a wedged runner is not.
  const stopped = await ask(place, { type: 'stop' }, STOP_SILENCE_MS);
  if (stopped?.type !== 'stopped') {
    io.stderr.write(`self-heal: the resident runner (PID ${status.pid}) fell silent while stopping; see ${place.log}\n`);
    return 2;
  }
  io.stdout.write(`self-heal: resident runner stopped (PID ${status.pid}, ${stopped.runs} runs)\n`);
  return 0;
}

async function status(place: ResidentPlace, io: CliIo): Promise<number> {
  const running = await runnerStatus(place);
  io.stdout.write(running ? describe(running, place) : NONE_RUNS);
  return running ? 0 : 1;
}

function describe(status: RunnerStatus, place: ResidentPlace): string {
  return `self-heal: a resident runner runs for this engine: PID ${status.pid}, since ${status.startedAt}, ${status.runs} runs, ${status.warm} containers waiting, ends after ${status.idleExitSeconds / 60} min without a run\n  socket ${place.socket}\n  log    ${place.log}\n`;
}

/**
 * The runner's answer to `message`; undefined when none answers, or its folder cannot be trusted.
 * An 'alive' restarts the wait, which is `silenceMs` without a word.
 */
async function ask(place: ResidentPlace, message: ToRunner, silenceMs: number): Promise<FromRunner | undefined> {
  if (!fs.existsSync(place.socket) || untrustedFolder(place.folder)) return undefined;
  return new Promise((resolve) => {
    const connection = net.connect(place.socket);
    let timer = setTimeout(() => done(undefined), silenceMs);
    const done = (answer: FromRunner | undefined) => {
      clearTimeout(timer);
      connection.destroy();
      resolve(answer);
    };
    connection.once('connect', () => writeMessage(connection, message));
    connection.once('error', () => done(undefined));
    connection.once('close', () => done(undefined));
    readMessages<FromRunner>(connection, (answer) => {
      if (answer.type !== 'alive') return done(answer);
      clearTimeout(timer);
      timer = setTimeout(() => done(undefined), silenceMs);
    });
  });
}

function lastLine(file: string): string {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
  return text.split('\n').pop() || 'no reason written';
}
