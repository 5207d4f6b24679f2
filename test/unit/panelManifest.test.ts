// The manifest contributes the panel, and the package ships what its page loads.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const REPO = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

describe('Fix Attempts panel in the manifest', () => {
  it('contributes the Self-Heal activity bar container holding the Fix Attempts webview view', () => {
    assert.deepStrictEqual(manifest.contributes.viewsContainers, { activitybar: [{ id: 'selfHeal', title: 'Self-Heal', icon: 'media/self-heal-activity.svg' }] });
    assert.deepStrictEqual(manifest.contributes.views, { selfHeal: [{ type: 'webview', id: 'selfHeal.attempts', name: 'Fix Attempts' }] });
    assert.match(fs.readFileSync(path.join(REPO, 'media/self-heal-activity.svg'), 'utf8'), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="24" height="24"/);
  });

  it('ships the panel script and its stylesheet', () => {
    const rules = fs.readFileSync(path.join(REPO, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(rules.includes('!dist/panel.js'), 'dist/panel.js is packaged');
    assert.ok(rules.includes('!media/**'), 'media/ (panel.css, the icon) is packaged');
    assert.ok(fs.existsSync(path.join(REPO, 'media/panel.css')));
  });
});
