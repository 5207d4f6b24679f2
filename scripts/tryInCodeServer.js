// Starts code-server on examples/ with this repository as the extension under development, prints
// the address, and stops code-server's whole process group on Ctrl+C.
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

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

const stop = () => {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
  fs.rmSync(scratch, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => {
  console.log(`code-server exited (${code})`);
  process.exit(code ?? 1);
});
