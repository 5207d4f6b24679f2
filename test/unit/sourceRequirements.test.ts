// Which requirement lines would make pip build from source even with --only-binary=:all:, and the
// switch that allows it on the command line.
import * as assert from 'assert';
import { parseArgs } from '../../src/cli/cliArgs';
import { HEAL_FLAGS, healOptionsFrom } from '../../src/cli/healOptions';
import { sourceRequirements, withoutCredentials } from '../../src/core/environment/requirementSources';

describe('source requirements', () => {
  it('picks out URLs, VCS links, local paths and archives, but not names, versions, markers or wheel links', () => {
    const named = ['numpy', 'PyYAML==6.0', 'requests[socks]>=2,<3', 'zope.interface', "pywin32; sys_platform == 'win32'", 'pkg==1.0 --hash=sha256:ab'];
    const wheels = ['pkg @ https://example.invalid/pkg-1.0-py3-none-any.whl', 'pkg @ https://example.invalid/pkg-1.0-py3-none-any.whl#sha256=ab'];
    const sources = [
      'pkg @ https://example.invalid/pkg-1.0.tar.gz',
      'pkg @ git+https://example.invalid/pkg.git',
      'git+https://example.invalid/pkg.git#egg=pkg',
      'https://example.invalid/pkg-1.0.zip',
      './vendored/pkg',
      '/abs/pkg-1.0.tar.gz',
      'pkg @ file:///tmp/pkg',
    ];
    assert.deepStrictEqual(sourceRequirements([...named, ...wheels, ...sources]), sources);
  });

  it('hides the user and password of a URL', () => {
    assert.strictEqual(withoutCredentials('pkg @ https://me:tok3n@host/pkg.whl'), 'pkg @ https://***@host/pkg.whl');
  });

  it('--allow-source-builds turns source builds on for heal; they are off by default', () => {
    assert.strictEqual(healOptionsFrom(parseArgs(['a.py'], HEAL_FLAGS), {}).allowSourceBuilds, false);
    assert.strictEqual(healOptionsFrom(parseArgs(['a.py', '--allow-source-builds'], HEAL_FLAGS), {}).allowSourceBuilds, true);
  });
});
