// The host-side pieces of the panel that need no editor: where a path from the webview may lead,
// and the page's content security policy.
import * as assert from 'assert';
import * as path from 'path';
import { contentSecurityPolicy, newNonce, panelHtml } from '../../src/webview/panelHtml';
import { resolveInside } from '../../src/webview/workspacePath';

describe('paths from the panel', () => {
  it('resolves workspace-relative and absolute paths inside the folder', () => {
    assert.strictEqual(resolveInside('/ws', 'main.py', path.posix), '/ws/main.py');
    assert.strictEqual(resolveInside('/ws', 'pkg/../util.py', path.posix), '/ws/util.py');
    assert.strictEqual(resolveInside('/ws', '/ws/pkg/a.py', path.posix), '/ws/pkg/a.py');
    assert.strictEqual(resolveInside('/ws', '..hidden.py', path.posix), '/ws/..hidden.py');
    assert.strictEqual(resolveInside('C:\\ws', 'pkg\\a.py', path.win32), 'C:\\ws\\pkg\\a.py');
  });

  it('refuses every path that leaves the folder', () => {
    const posix = ['../etc/passwd', 'pkg/../../x.py', '/etc/passwd', '/ws2/main.py', '', '.', 'main.py\0.txt'];
    assert.deepStrictEqual(posix.filter((p) => resolveInside('/ws', p, path.posix) !== undefined), []);
    const windows = ['D:\\x.py', '..\\x.py', '\\\\server\\share\\x.py'];
    assert.deepStrictEqual(windows.filter((p) => resolveInside('C:\\ws', p, path.win32) !== undefined), []);
  });
});

describe('panel page', () => {
  it('allows only its own files and its one script', () => {
    assert.strictEqual(
      contentSecurityPolicy({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'abc' }),
      "default-src 'none'; style-src https://file+.vscode-resource.vscode-cdn.net; script-src 'nonce-abc'",
    );
  });

  it('puts the nonce on the script and escapes the addresses', () => {
    const html = panelHtml({ cspSource: 'vscode-resource:', nonce: 'n0nce', scriptUri: 'https://x/panel.js?a=1&b="2"', styleUri: 'https://x/panel.css' });
    assert.deepStrictEqual(html.match(/<script[^>]*>/g), ['<script nonce="n0nce" src="https://x/panel.js?a=1&amp;b=&quot;2&quot;">']);
    assert.match(html, /<link rel="stylesheet" href="https:\/\/x\/panel.css">/);
  });

  it('makes a fresh 24-character nonce each time', () => {
    const [a, b] = [newNonce(), newNonce()];
    assert.match(a, /^[A-Za-z0-9+/]{24}$/);
    assert.notStrictEqual(a, b);
  });
});
