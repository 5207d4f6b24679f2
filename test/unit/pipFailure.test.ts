import * as assert from 'assert';
import { pipFailure, projectName } from '../../src/sandbox/environment/pipFailure';

const facts = (requirements: string[]) => ({ requirements, baseImage: 'python:3.11-slim', exitCode: 1 });

describe('pipFailure: what a failed install tells the user', () => {
  it('names the requirement as the user wrote it, matched by project name', () => {
    const output = [
      'Looking in indexes: http://127.0.0.1:8080/simple/',
      'ERROR: Could not find a version that satisfies the requirement Nonexistent_Pkg==1.0 (from versions: none)',
      'ERROR: No matching distribution found for Nonexistent_Pkg==1.0',
    ];
    const error = pipFailure(output, facts(['attrs', 'nonexistent-pkg == 1.0']));
    assert.strictEqual(error.message, "Could not install 'nonexistent-pkg == 1.0': No matching distribution found for Nonexistent_Pkg==1.0");
    assert.strictEqual(error.log, output.join('\n'));
  });

  it('says when the index could not be reached, from pip retry warnings', () => {
    const output = [
      "WARNING: Retrying (Retry(total=0, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPConnection object at 0x7f>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')': /simple/rich/",
      'ERROR: Could not find a version that satisfies the requirement rich (from versions: none)',
      'ERROR: No matching distribution found for rich',
    ];
    assert.strictEqual(
      pipFailure(output, facts(['rich'])).message,
      "Could not install 'rich': No matching distribution found for rich (the package index could not be reached: [Errno -3] Temporary failure in name resolution)",
    );
  });

  it('says when the index\'s certificate could not be verified (a host for selfHeal.environment.trustedHosts)', () => {
    const output = [
      "WARNING: Retrying (Retry(total=0, connect=None, read=None, redirect=None, status=None)) after connection broken by 'SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate (_ssl.c:1006)'))': /simple/rich/",
      'ERROR: Could not find a version that satisfies the requirement rich (from versions: none)',
      'ERROR: No matching distribution found for rich',
    ];
    assert.strictEqual(
      pipFailure(output, facts(['rich'])).message,
      "Could not install 'rich': No matching distribution found for rich (the package index could not be reached: certificate verify failed: self-signed certificate)",
    );
  });

  it('names a package whose wheel did not build', () => {
    const output = ['  error: subprocess-exited-with-error', 'ERROR: Failed building wheel for llvmlite', 'ERROR: Could not build wheels for llvmlite, which is required to install pyproject.toml-based projects'];
    assert.strictEqual(pipFailure(output, facts(['llvmlite==0.30'])).message, "Could not install 'llvmlite==0.30': Failed building wheel for llvmlite");
  });

  it('falls back to the last error line, then to the exit status', () => {
    const conflict = ['ERROR: ResolutionImpossible: for help visit https://pip.pypa.io/'];
    assert.strictEqual(pipFailure(conflict, facts(['a', 'b'])).message, 'Could not install the requirements (a, b): ResolutionImpossible: for help visit https://pip.pypa.io/');
    assert.strictEqual(pipFailure(['Killed'], { ...facts(['a']), exitCode: 137 }).message, 'Could not install the requirements (a): pip exited with status 137');
  });

  it('says when the image has no pip', () => {
    assert.strictEqual(
      pipFailure(['/usr/bin/python3: No module named pip'], facts(['a'])).message,
      'The image python:3.11-slim has no pip (python3 -m pip), so it cannot install requirements; choose an image that has pip.',
    );
  });

  it('keeps only the tail of the output as the log', () => {
    const output = Array.from({ length: 100 }, (_, i) => `line ${i}`);
    assert.strictEqual(pipFailure(output, facts(['a']), 3).log, 'line 97\nline 98\nline 99');
  });

  it('normalizes project names as PEP 503 does', () => {
    assert.deepStrictEqual(['PyYAML>=6', 'zope.interface', 'Foo__Bar-baz ; python_version>"3"'].map(projectName), ['pyyaml', 'zope-interface', 'foo-bar-baz']);
  });
});
