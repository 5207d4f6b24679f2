// Starts code-server on examples/ with this repository as the extension under development, prints
// the address, and on Ctrl+C (SIGINT) or SIGTERM stops what it started, by process id: code-server
// and every process under it, then the sandbox containers those processes made (the extension's
// warm container), then its scratch folder. withEngine.sh waits for this before it stops the engine.
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ownerLabelOf, processTree, removeContainersOf, stopProcesses } = require('./tryCleanup');

const repo = path.resolve(__dirname, '..');
const codeServer = process.argv[2];
const port = Number(process.env.PORT || 8080);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'self-heal-try-'));
fs.mkdirSync(path.join(scratch, 'user/User'), { recursive: true });
fs.writeFileSync(path.join(scratch, 'user/User/settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none' }));

const child = spawn(
  codeServer,
  ['--config', '/dev/null', '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', path.join(scratch, 'user'),
    '--extensions-dir', path.join(scratch, 'extensions'), '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened'],
  { detached: true, stdio: 'ignore', env: { ...process.env, EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: path.join(scratch, 'config') } },
);
const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${repo}`]]);
const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(path.join(repo, 'examples'))}&payload=${encodeURIComponent(payload)}`;
console.log(`\nSelf-Heal is running in VS Code at:\n\n  ${url}\n\nOpen a Python file there and run "Self-Heal: Run Python File in Sandbox". Ctrl+C stops it.\n`);

// The processes under code-server, noted as they come with the owner label their containers carry:
// a container's maker may have ended by the time everything is stopped.
const owners = new Map();
const noteProcesses = () => {
  for (const pid of processTree(child.pid)) if (!owners.has(pid)) owners.set(pid, ownerLabelOf(pid));
};
noteProcesses();
const watch = setInterval(noteProcesses, 1000);

let stopping;
const stop = (code) => {
  stopping ??= (async () => {
    clearInterval(watch);
    noteProcesses();
    // Only processes under code-server now are signalled: a pid seen earlier may belong to another process since.
    await stopProcesses(child.pid, processTree(child.pid));
    try {
      const removed = await removeContainersOf([...owners.values()].filter(Boolean));
      if (removed.length > 0) console.log(`removed ${removed.length} sandbox container${removed.length === 1 ? '' : 's'}`);
    } catch (error) {
      console.error(`could not remove the sandbox containers: ${error.message}`);
    }
    fs.rmSync(scratch, { recursive: true, force: true });
    process.exit(code);
  })();
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
child.on('exit', (code) => {
  if (stopping) return;
  console.log(`code-server exited (${code})`);
  stop(code ?? 1);
});
