// Who owns a container: the process that made it, named so that no other process can be mistaken
// for it. A pid alone is not enough: two Self-Heal processes in different pid namespaces (a dev
// container and the host, two CI jobs) sharing one engine can hold the same pid, and a pid is reused
// after its process ends. So the owner is the boot, the pid namespace, the pid and the process's
// start time; only a process that shares our boot and namespace can be judged gone.
import * as fs from 'fs';
import * as os from 'os';

export interface ProcessOwner {
  boot: string;
  namespace: string;
  pid: number;
  /** Clock ticks since boot when the process started (/proc/PID/stat field 22). */
  started: string;
}

export function ownerLabel(owner: ProcessOwner = thisProcess()): string {
  return [owner.boot, owner.namespace, owner.pid, owner.started].join('/');
}

export function parseOwnerLabel(label: string | undefined): ProcessOwner | undefined {
  const parts = label?.split('/');
  if (!parts || parts.length !== 4 || !/^\d+$/.test(parts[2])) return undefined;
  return { boot: parts[0], namespace: parts[1], pid: Number(parts[2]), started: parts[3] };
}

let cached: ProcessOwner | undefined;

export function thisProcess(): ProcessOwner {
  cached ??= {
    boot: readOr('/proc/sys/kernel/random/boot_id', `host:${os.hostname()}`).trim(),
    namespace: linkOr('/proc/self/ns/pid', 'pid:unknown'),
    pid: process.pid,
    started: startTimeOf(process.pid) ?? 'unknown',
  };
  return cached;
}

/** false: certainly gone. undefined: another machine, boot or namespace, so it cannot be told. */
export function isOwnerAlive(owner: ProcessOwner, self: ProcessOwner = thisProcess()): boolean | undefined {
  if (owner.boot !== self.boot || owner.namespace !== self.namespace || self.namespace === 'pid:unknown') return undefined;
  const started = startTimeOf(owner.pid);
  if (started === 'exited') return false;
  // /proc mounted with hidepid hides other users' processes: only the kernel's "no such process" is gone.
  if (started === undefined) return isSignalable(owner.pid) ? undefined : false;
  // The pid was handed to another process since.
  return started === owner.started;
}

/** Whether a process with this pid exists (kill 0: EPERM still means it does). */
function isSignalable(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** undefined when /proc shows no such process; 'exited' when it has exited and waits to be reaped. */
function startTimeOf(pid: number): string | 'exited' | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name may hold spaces and parentheses: the fields start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] === 'Z' || fields[0] === 'X') return 'exited';
  return fields[19];
}

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

function linkOr(file: string, fallback: string): string {
  try {
    return fs.readlinkSync(file);
  } catch {
    return fallback;
  }
}
