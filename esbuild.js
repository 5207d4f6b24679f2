// Bundles the extension and the CLI for Node. Type-checking is separate (`npm run typecheck`).
const esbuild = require('esbuild');

const production = process.argv.includes('--production');

// The extension loads the engine client on first use: `import('../sandbox/dockerSandbox')` becomes a
// require of the separate dist/sandbox.js, so activation does not parse it.
const lazySandbox = {
  name: 'lazy-sandbox',
  setup(build) {
    build.onResolve({ filter: /\/sandbox\/dockerSandbox$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: 'dockerSandbox', namespace: 'lazy-sandbox' } : undefined,
    );
    build.onResolve({ filter: /^\.\/sandbox\.js$/ }, () => ({ path: './sandbox.js', external: true }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-sandbox' }, () => ({
      contents: 'module.exports = require("./sandbox.js");',
      loader: 'js',
      resolveDir: __dirname,
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: 'dist',
  minify: production,
  sourcemap: !production,
  // dockerode's ssh2 optionally loads a native module; it must stay outside the bundle.
  external: ['vscode', 'cpu-features', '*.node'],
  logLevel: 'warning',
};

async function main() {
  await Promise.all([
    esbuild.build({ ...common, entryPoints: [{ in: 'src/extension.ts', out: 'extension' }], plugins: [lazySandbox] }),
    esbuild.build({ ...common, entryPoints: [{ in: 'src/sandbox/dockerSandbox.ts', out: 'sandbox' }] }),
    esbuild.build({ ...common, entryPoints: [{ in: 'src/cli/main.ts', out: 'cli' }], banner: { js: '#!/usr/bin/env node' } }),
  ]);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
