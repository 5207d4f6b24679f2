// The editor's package index settings (selfHeal.environment.indexUrl / trustedHosts) as they reach
// pip in a real build: read by the settings model, turned into the build's choices the way the
// editor's runner provider turns them, and built on the real engine against package indexes this
// test serves on 127.0.0.1 (plain HTTP, and HTTPS with a self-signed certificate).
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { EnvironmentError } from '../../src/core/environment/environmentTypes';
import { environmentChoicesOf } from '../../src/core/environment/packageIndex';
import { settingsFrom } from '../../src/core/settings/settingsModel';
import { EnvironmentBuilder } from '../../src/sandbox/environment/environmentBuilder';
import { makeTree, removeTree } from '../support/tempDir';
import { environmentFixture } from './environmentFixture';
import { startPackageIndex, type PackageIndex } from './packageIndex';
import { limits, SESSION } from './sandboxHelper';

const WHEEL = { name: 'idx-settings-pkg', version: '1.0', files: { 'idx_settings_pkg/__init__.py': "WHERE = 'the loopback index'\n" } };
const PROGRAM = 'import idx_settings_pkg\nprint(idx_settings_pkg.WHERE)\n';

/** A builder made from these editor settings, as src/vscode/runnerProvider.ts makes it. */
function builderFor(env: ReturnType<typeof environmentFixture>, values: Record<string, unknown>, progress: string[]): EnvironmentBuilder {
  const settings = settingsFrom((key) => values[key]);
  assert.deepStrictEqual(settings.problems, []);
  return new EnvironmentBuilder(env.sandbox, environmentChoicesOf(settings.environment, (line) => progress.push(line)));
}

/** A key and a self-signed certificate for 127.0.0.1, made with openssl. */
function selfSignedCertificate(): { key: string; cert: string } {
  const dir = makeTree({});
  const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const pair = { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
  removeTree(dir);
  return pair;
}

describe('sandbox: the package index settings reach pip', function () {
  this.timeout(300_000);
  const env = environmentFixture(`${SESSION}-index`, [WHEEL]);
  let secure: PackageIndex | undefined;

  after(async () => {
    await secure?.close();
  });

  it('installs from selfHeal.environment.indexUrl: the loopback index serves the package, and the program runs with it', async () => {
    const progress: string[] = [];
    const before = env.index.requests.length;
    const made = builderFor(env, { 'environment.indexUrl': env.index.url }, progress);
    const tag = await env.imageFor(made, ['idx-settings-pkg==1.0']);
    assert.ok(progress.includes(`Looking in indexes: ${env.index.url}`), progress.join('\n'));
    assert.ok(progress.includes('Successfully installed idx-settings-pkg-1.0'), progress.join('\n'));
    const prefix = new URL(env.index.url).pathname.replace(/simple\/$/, '');
    assert.deepStrictEqual(env.index.requests.slice(before), [`${prefix}simple/idx-settings-pkg/`, `${prefix}packages/idx_settings_pkg-1.0-py3-none-any.whl`]);
    const result = await env.sandbox.run({ files: { 'main.py': PROGRAM }, entry: 'main.py', limits: limits(), image: tag });
    assert.deepStrictEqual([result.reason, result.exitCode, result.stdout, result.stderr], ['exited', 0, 'the loopback index\n', '']);
  });

  it('passes selfHeal.environment.trustedHosts: an HTTPS index with a self-signed certificate is refused, then used once its host is trusted', async () => {
    secure = await startPackageIndex(`secure-${SESSION}`, [WHEEL], [], selfSignedCertificate());
    const host = `127.0.0.1:${secure.port}`;
    const untrusted: string[] = [];
    await assert.rejects(env.imageFor(builderFor(env, { 'environment.indexUrl': secure.url }, untrusted), ['idx-settings-pkg==1.0']), (error: unknown) => {
      assert.ok(error instanceof EnvironmentError);
      assert.match(error.message, /^Could not install 'idx-settings-pkg==1\.0': .* \(the package index could not be reached: certificate verify failed: self-signed certificate\)$/);
      return true;
    });
    assert.ok(untrusted.some((line) => line.includes('CERTIFICATE_VERIFY_FAILED')), untrusted.join('\n'));
    const before = secure.requests.length;
    const trusted: string[] = [];
    const tag = await env.imageFor(builderFor(env, { 'environment.indexUrl': secure.url, 'environment.trustedHosts': [host] }, trusted), ['idx-settings-pkg==1.0']);
    assert.ok(trusted.includes('Successfully installed idx-settings-pkg-1.0'), trusted.join('\n'));
    assert.strictEqual(secure.requests.slice(before).filter((request) => request.endsWith('.whl')).length, 1);
    const result = await env.sandbox.run({ files: { 'main.py': PROGRAM }, entry: 'main.py', limits: limits(), image: tag });
    assert.deepStrictEqual([result.exitCode, result.stdout], [0, 'the loopback index\n']);
  });
});
