// The command ends once its work is done, whatever an engine left hanging: an engine that accepts
// connections and never answers gets the timeout error, and the process exits with it (a request
// still open would otherwise keep it running for good, and SIGTERM with it).
import * as assert from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { makeTree, removeTree } from '../support/tempDir';
import { cli } from './cliProcess';

describe('self-heal run ends', function () {
  this.timeout(60_000);
  let dir: string;
  let silent: net.Server;
  const open = new Set<net.Socket>();

  before(async () => {
    dir = makeTree({ 'hello.py': 'print("hello")\n' });
    silent = net.createServer((socket) => {
      open.add(socket);
      socket.on('data', () => undefined); // reads every request, answers none
    });
    await new Promise<void>((resolve) => silent.listen(path.join(dir, 'silent.sock'), resolve));
  });

  after(async () => {
    for (const socket of open) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
    removeTree(dir);
  });

  it('exits with status 2 after an engine that never answers, within its deadline', async () => {
    const started = Date.now();
    const run = await cli(['run', 'hello.py', '--docker-host', `unix://${path.join(dir, 'silent.sock')}`], { cwd: dir });
    const tookMs = Date.now() - started;
    assert.deepStrictEqual([run.status, run.stderr], [2, `✗ hello.py: The container engine at unix://${path.join(dir, 'silent.sock')} did not answer in time; restart it or pass --docker-host or set DOCKER_HOST.\n`]);
    assert.ok(tookMs < 30_000, `took ${tookMs} ms`);
    assert.ok(fs.existsSync(path.join(dir, 'silent.sock')));
  });
});
