// What `npm run try` leaves behind when it stops, removed by process id: code-server and every
// process under it (the extension host), and the sandbox containers those processes made (the warm
// container the extension keeps), found by the owner label the extension puts on every container
// (src/sandbox/containerSpec.ts, processOwner.ts: boot, pid namespace, pid and start time of the
// process that made it), so a pid reused by another process since is never taken for ours.
const fs = require('fs');
const os = require('os');

const LABEL_MANAGED = 'dev.self-heal.managed';
const LABEL_OWNER = 'dev.self-heal.owner';

/** The pid and every process under it (by parent pid) or in its process group, from /proc. */
function processTree(rootPid) {
  const parents = new Map();
  const groups = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) {
      parents.set(Number(name), stat.ppid);
      groups.set(Number(name), stat.pgid);
    }
  }
  const tree = new Set([rootPid]);
  for (const [pid, pgid] of groups) if (pgid === rootPid) tree.add(pid);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

/** ppid and pgid of a live process; undefined when it is gone (or a zombie, which holds nothing). */
function readStat(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: the fields after it are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
    return { ppid: Number(fields[1]), pgid: Number(fields[2]), started: fields[19] };
  } catch {
    return undefined;
  }
}

/** The owner label a container made by this live process carries (processOwner.ts's ownerLabel); undefined once it is gone. */
function ownerLabelOf(pid) {
  const stat = readStat(pid);
  if (!stat) return undefined;
  const boot = readOr('/proc/sys/kernel/random/boot_id', `host:${os.hostname()}`).trim();
  let namespace = 'pid:unknown';
  try {
    namespace = fs.readlinkSync(`/proc/${pid}/ns/pid`);
  } catch {
    // not readable: the label cannot be matched, as the extension could not have made it either
  }
  return [boot, namespace, pid, stat.started].join('/');
}

function readOr(file, fallback) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

function isAlive(pid) {
  return readStat(pid) !== undefined;
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/**
 * Stops `pids` (the process group led by `leader` first): SIGTERM, up to `graceMs` to end, then
 * SIGKILL for what is left. Resolves once none of them is alive (or after 5 s more).
 */
async function stopProcesses(leader, pids, graceMs = 3000) {
  signal(-leader, 'SIGTERM');
  for (const pid of pids) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pids.some(isAlive)) await sleep(100);
  signal(-leader, 'SIGKILL');
  for (const pid of pids) if (isAlive(pid)) signal(pid, 'SIGKILL');
  const killed = Date.now() + 5000;
  while (Date.now() < killed && pids.some(isAlive)) await sleep(100);
}

/** Removes (forcibly, running or not) the Self-Heal containers whose owner label is one of `owners`; returns their ids. */
async function removeContainersOf(owners, docker = defaultDocker()) {
  const wanted = new Set(owners);
  const found = await docker.listContainers({ all: true, filters: { label: [`${LABEL_MANAGED}=true`, LABEL_OWNER] } });
  const ours = found.filter((c) => wanted.has(c.Labels[LABEL_OWNER]));
  for (const c of ours) {
    await docker.getContainer(c.Id).remove({ force: true }).catch((error) => {
      if (error.statusCode !== 404) throw error;
    });
  }
  return ours.map((c) => c.Id);
}

/** The engine the extension under try uses: DOCKER_HOST (set by withEngine.sh), else the default socket. */
function defaultDocker() {
  const Docker = require('dockerode');
  return new Docker();
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

module.exports = { processTree, ownerLabelOf, stopProcesses, removeContainersOf, isAlive };
