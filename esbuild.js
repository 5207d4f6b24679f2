// Bundles the extension and the CLI for Node. Type-checking is separate (`npm run typecheck`).
const esbuild = require('esbuild');

const production = process.argv.includes('--production');

/** Entry points: each becomes one self-contained file in dist/. */
const nodeBundles = [
  { in: 'src/cli/main.ts', out: 'cli' },
  { in: 'src/extension.ts', out: 'extension' },
];

async function main() {
  await esbuild.build({
    entryPoints: nodeBundles,
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: production,
    sourcemap: !production,
    // dockerode's ssh2 optionally loads a native module; it must stay outside the bundle.
    external: ['vscode', 'cpu-features', '*.node'],
    logLevel: 'warning',
    // The CLI is started as a program; the extension is loaded by the host (a banner is harmless).
    banner: { js: '#!/usr/bin/env node' },
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
