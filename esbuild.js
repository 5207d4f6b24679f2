// Bundles the extension and the CLI for Node, and the Fix Attempts panel's script for the browser.
// Type-checking is separate (`npm run typecheck`).
const esbuild = require('esbuild');

const production = process.argv.includes('--production');

// The extension loads the engine and model clients on first use: `import('../edge')` becomes a
// require of the separate dist/edge.js, so activation does not parse it.
const lazyEdge = {
  name: 'lazy-edge',
  setup(build) {
    build.onResolve({ filter: /(^|\/)edge$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: 'edge', namespace: 'lazy-edge' } : undefined,
    );
    build.onResolve({ filter: /^\.\/edge\.js$/ }, () => ({ path: './edge.js', external: true }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-edge' }, () => ({
      contents: 'module.exports = require("./edge.js");',
      loader: 'js',
      resolveDir: __dirname,
    }));
  },
};

// Parts of the engine client that only some engines need live in bundles of their own, loaded on
// first call: BuildKit sessions (gRPC and protobuf) and ssh:// hosts (ssh2 and its crypto). Parsed and
// run with dockerode they were about half of a one-shot `self-heal run` before its first request.
const DEFERRED = [
  { request: /^\.\/session$/, importer: /dockerode[\\/]lib[\\/]docker\.js$/, bundle: 'dockerSession', source: 'node_modules/dockerode/lib/session.js' },
  { request: /^\.\/ssh$/, importer: /docker-modem[\\/]lib[\\/]modem\.js$/, bundle: 'dockerSsh', source: 'node_modules/docker-modem/lib/ssh.js' },
];

const deferredModules = {
  name: 'deferred-modules',
  setup(build) {
    for (const { request, importer, bundle } of DEFERRED) {
      build.onResolve({ filter: request }, (args) => (importer.test(args.importer) ? { path: bundle, namespace: 'deferred' } : undefined));
    }
    build.onResolve({ filter: /^\.\/docker(Session|Ssh)\.js$/ }, (args) => ({ path: args.path, external: true }));
    // Both modules export a single function: the stand-in requires the bundle on its first call.
    build.onLoad({ filter: /.*/, namespace: 'deferred' }, (args) => ({
      contents: `module.exports = function () { return require("./${args.path}.js").apply(this, arguments); };`,
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

// The panel's script runs in the webview: no Node, no require, one self-contained file.
const browser = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  outdir: 'dist',
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
};

async function main() {
  await Promise.all([
    esbuild.build({ ...common, entryPoints: [{ in: 'src/extension.ts', out: 'extension' }], plugins: [lazyEdge] }),
    esbuild.build({ ...common, entryPoints: [{ in: 'src/edge.ts', out: 'edge' }], plugins: [deferredModules] }),
    esbuild.build({ ...common, entryPoints: [{ in: 'src/cli/main.ts', out: 'cli' }], plugins: [deferredModules], banner: { js: '#!/usr/bin/env node' } }),
    ...DEFERRED.map(({ bundle, source }) => esbuild.build({ ...common, entryPoints: [{ in: source, out: bundle }] })),
    esbuild.build({ ...browser, entryPoints: [{ in: 'src/webview-ui/panel.ts', out: 'panel' }] }),
  ]);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
