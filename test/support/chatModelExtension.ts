// The test-only extension that offers a VS Code language model (test/fixtures/chat-model-extension):
// installed into a code-server's extensions folder, with the proposed chatProvider API enabled for
// it alone, so the host's vscode.lm serves Self-Heal a model that forwards to a loopback server.
import * as fs from 'fs';
import * as path from 'path';

export const CHAT_MODEL_EXTENSION_ID = 'self-heal-tests.scripted-chat-model';
const VERSION = '0.0.1';

/** Copies the extension in, lists it in the folder's extensions.json, and returns code-server's extra flags. */
export function installChatModelExtension(repo: string, extensionsDir: string): string[] {
  const folderName = `${CHAT_MODEL_EXTENSION_ID}-${VERSION}`;
  const target = path.join(extensionsDir, folderName);
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.cpSync(path.join(repo, 'test/fixtures/chat-model-extension'), target, { recursive: true });
  // The profile's list of installed extensions: without it the folder's contents are not scanned.
  const listed = [{
    identifier: { id: CHAT_MODEL_EXTENSION_ID },
    version: VERSION,
    location: { $mid: 1, scheme: 'file', path: target },
    relativeLocation: folderName,
    metadata: { installedTimestamp: Date.now(), source: 'vsix' },
  }];
  fs.writeFileSync(path.join(extensionsDir, 'extensions.json'), JSON.stringify(listed));
  return ['--enable-proposed-api', CHAT_MODEL_EXTENSION_ID];
}
