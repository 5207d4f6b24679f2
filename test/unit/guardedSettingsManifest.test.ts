// Restricted Mode ignores a workspace's value of every setting the workspace may set only with the
// user's confirmation: the manifest's list and the guarded list are the same.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { GUARDED_SETTINGS } from '../../src/core/settings/workspaceOverrides';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));

describe('guarded settings in the manifest', () => {
  it('lists every guarded setting, network included, in restrictedConfigurations', () => {
    assert.deepStrictEqual([...manifest.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(), GUARDED_SETTINGS.map((key) => `selfHeal.${key}`).sort());
  });

  it('lets a workspace set each of them (so the confirmation is what stands between)', () => {
    const scopes = GUARDED_SETTINGS.map((key) => [key, manifest.contributes.configuration.properties[`selfHeal.${key}`].scope]);
    assert.deepStrictEqual(scopes, [
      ['runner', 'resource'], ['pythonPath', 'resource'], ['docker.host', 'resource'], ['docker.hosts', 'resource'], ['image', 'resource'], ['imagesByPythonVersion', 'resource'], ['network', 'resource'], ['model.baseUrl', 'resource'], ['model.provider', 'resource'],
      ['environment.indexUrl', 'resource'], ['environment.extraIndexUrls', 'resource'], ['environment.trustedHosts', 'resource'],
    ]);
  });
});
