// The panel's page: nothing runs but our one script (by nonce), and nothing loads but the
// extension's own files (the webview's cspSource).
import { randomBytes } from 'crypto';

export interface PanelPage {
  /** webview.cspSource */
  cspSource: string;
  nonce: string;
  /** asWebviewUri of dist/panel.js and media/panel.css */
  scriptUri: string;
  styleUri: string;
}

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

export function contentSecurityPolicy(page: Pick<PanelPage, 'cspSource' | 'nonce'>): string {
  return [`default-src 'none'`, `style-src ${page.cspSource}`, `script-src 'nonce-${page.nonce}'`].join('; ');
}

export function panelHtml(page: PanelPage): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(contentSecurityPolicy(page))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(page.styleUri)}">
<title>Fix Attempts</title>
</head>
<body>
<main id="root"></main>
<div id="announcer" class="visually-hidden" role="status" aria-live="polite"></div>
<script nonce="${attribute(page.nonce)}" src="${attribute(page.scriptUri)}"></script>
</body>
</html>
`;
}

function attribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
