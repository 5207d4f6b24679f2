// The package index settings as pip gets them, the network a build needs to reach them, and the
// environment's identity: a different index is a different build.
import * as assert from 'assert';
import { buildNetworkFor, NO_PACKAGE_INDEX, packageIndexPhrase, pipEnvOf } from '../../src/core/environment/packageIndex';
import { environmentHash } from '../../src/sandbox/environment/environmentBuilder';
import { pipJob } from '../../src/sandbox/environment/pipJob';

const PRIVATE = { indexUrl: 'https://user:token@pypi.example.com/simple', extraIndexUrls: ['https://a.example/simple', 'https://b.example/simple'], trustedHosts: ['pypi.example.com', 'a.example:8443'] };

describe('package index settings', () => {
  it("become pip's own variables, lists separated by spaces, and nothing when unset", () => {
    assert.deepStrictEqual(pipEnvOf(PRIVATE), {
      PIP_INDEX_URL: 'https://user:token@pypi.example.com/simple',
      PIP_EXTRA_INDEX_URL: 'https://a.example/simple https://b.example/simple',
      PIP_TRUSTED_HOST: 'pypi.example.com a.example:8443',
    });
    assert.deepStrictEqual(pipEnvOf(NO_PACKAGE_INDEX), {});
    assert.deepStrictEqual(pipEnvOf({ ...NO_PACKAGE_INDEX, trustedHosts: ['127.0.0.1'] }), { PIP_TRUSTED_HOST: '127.0.0.1' });
  });

  it("reach an index on this machine through the host's network, any other through the engine's default", () => {
    const on = (url: string, extra: string[] = []) => buildNetworkFor({ ...NO_PACKAGE_INDEX, indexUrl: url, extraIndexUrls: extra });
    assert.deepStrictEqual(
      ['http://127.0.0.1:3141/simple/', 'http://localhost:3141/simple', 'http://[::1]:8080/simple', 'http://127.1.2.3/simple'].map((url) => on(url)),
      ['host', 'host', 'host', 'host'],
    );
    assert.deepStrictEqual([on('https://pypi.example.com/simple'), on('http://127.0.0.1.example.com/simple'), on('not a url')], ['bridge', 'bridge', 'bridge']);
    assert.strictEqual(on('https://pypi.example.com/simple', ['http://localhost:3141/simple']), 'host');
    assert.strictEqual(buildNetworkFor(NO_PACKAGE_INDEX), 'bridge');
  });

  it('are named in the log without the credentials in a URL', () => {
    assert.strictEqual(packageIndexPhrase(PRIVATE), 'index https://***@pypi.example.com/simple; extra https://a.example/simple, https://b.example/simple; trusted pypi.example.com, a.example:8443');
    assert.strictEqual(packageIndexPhrase(NO_PACKAGE_INDEX), '');
  });

  it('are part of the environment image\'s identity: each one changes the tag', () => {
    const tag = (index: typeof PRIVATE | typeof NO_PACKAGE_INDEX) => environmentHash('python:3.11-slim', 'sha256:aaaa', ['PyYAML==6.0.99'], pipJob([], pipEnvOf(index)));
    const tags = [
      tag(NO_PACKAGE_INDEX),
      tag({ ...NO_PACKAGE_INDEX, indexUrl: 'http://127.0.0.1:3141/simple/' }),
      tag({ ...NO_PACKAGE_INDEX, indexUrl: 'http://127.0.0.1:3142/simple/' }),
      tag({ ...NO_PACKAGE_INDEX, extraIndexUrls: ['http://127.0.0.1:3141/simple/'] }),
      tag({ ...NO_PACKAGE_INDEX, trustedHosts: ['127.0.0.1'] }),
    ];
    assert.strictEqual(new Set(tags).size, tags.length);
    assert.strictEqual(tag({ ...NO_PACKAGE_INDEX, indexUrl: 'http://127.0.0.1:3141/simple/' }), tags[1]);
  });
});
