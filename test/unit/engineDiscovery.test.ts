import * as assert from 'assert';
import { candidateHosts, dockerOptionsFor, engineFromPing } from '../../src/sandbox/engineDiscovery';

describe('engine discovery', () => {
  it('uses only the explicit host when one is given', () => {
    assert.deepStrictEqual(candidateHosts({ explicitHost: 'tcp://10.0.0.5:2375', env: { DOCKER_HOST: 'unix:///x.sock' } }), ['tcp://10.0.0.5:2375']);
  });

  it('uses only DOCKER_HOST when it is set', () => {
    assert.deepStrictEqual(candidateHosts({ env: { DOCKER_HOST: 'unix:///x.sock' } }), ['unix:///x.sock']);
  });

  it('probes Docker, Docker Desktop, rootless Docker, Podman and Colima sockets in that order', () => {
    const hosts = candidateHosts({ env: { XDG_RUNTIME_DIR: '/run/user/1000' } }, 'linux', '/home/ada');
    assert.deepStrictEqual(hosts, [
      'unix:///var/run/docker.sock',
      'unix:///home/ada/.docker/run/docker.sock',
      'unix:///home/ada/.docker/desktop/docker.sock',
      'unix:///run/user/1000/docker.sock',
      'unix:///run/podman/podman.sock',
      'unix:///run/user/1000/podman/podman.sock',
      'unix:///home/ada/.local/share/containers/podman/machine/podman.sock',
      'unix:///home/ada/.local/share/containers/podman/machine/qemu/podman.sock',
      'unix:///home/ada/.colima/default/docker.sock',
      'unix:///home/ada/.colima/docker.sock',
    ]);
  });

  it('probes the Docker and Podman named pipes on Windows', () => {
    assert.deepStrictEqual(candidateHosts({ env: {} }, 'win32', 'C:\\Users\\ada'), [
      'npipe:////./pipe/docker_engine',
      'npipe:////./pipe/podman-machine-default',
    ]);
  });

  it('turns host addresses into connection options', () => {
    assert.deepStrictEqual(dockerOptionsFor('unix:///run/podman/podman.sock'), { socketPath: '/run/podman/podman.sock' });
    assert.deepStrictEqual(dockerOptionsFor('npipe:////./pipe/docker_engine'), { socketPath: '\\\\.\\pipe\\docker_engine' });
    assert.deepStrictEqual(dockerOptionsFor('tcp://127.0.0.1:2376'), { host: '127.0.0.1', port: 2376, protocol: 'http' });
    assert.deepStrictEqual(dockerOptionsFor('https://docker.example:2376'), { host: 'docker.example', port: 2376, protocol: 'https' });
  });

  it('names the engine from the ping headers of Podman and Docker', () => {
    assert.deepStrictEqual(engineFromPing({ 'libpod-api-version': '4.3.1' }), { name: 'Podman Engine 4.3.1', isPodman: true });
    assert.deepStrictEqual(engineFromPing({ server: 'Docker/27.1.1 (linux)' }), { name: 'Docker Engine 27.1.1', isPodman: false });
    assert.strictEqual(engineFromPing({ server: 'nginx' }), undefined);
  });
});
