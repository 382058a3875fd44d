// Bundles: the extension entry (tiny, loaded at start-up), the engine it requires on first use (undici, zod, core,
// panel), the CLI (Node), and the webview (browser, IIFE).
// Type-checking is `npm run typecheck`; bundling never waits for it.
import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'info',
  legalComments: 'none',
  define: { __WAN_KEYFRAMES_VERSION__: JSON.stringify(version) },
};

/** The lines the `$esbuild-watch` problem matcher waits for, so F5's pre-launch `watch` task knows when a build is done. */
const watchMarkers = {
  name: 'watch-markers',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => console.log(`[watch] build finished${result.errors.length ? ` with ${result.errors.length} error(s)` : ''}`));
  },
};

/**
 * zod's classic API re-exports every locale it ships (`export * as locales`), which esbuild cannot drop: 264 KB of
 * messages in 40-odd languages that nothing here shows. Only English is kept (zod configures it by default).
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}zod${path.sep}`) ? { path: path.join(path.dirname(args.importer), '..', 'locales', 'index.js'), namespace: 'zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), 'en.js'))};`,
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};
common.plugins = [zodEnglishOnly, ...(watch ? [watchMarkers] : [])];

/**
 * In the engine, undici is a bundle of its own (dist/http.js) that core/api/undici.ts requires on the first request:
 * the engine then neither runs nor even parses its ~500 KB at first use. The CLI keeps it inline (one file).
 */
const undiciApart = {
  name: 'undici-apart',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, (args) => (args.kind === 'require-call' ? { path: './http.js', external: true } : undefined));
  },
};

/**
 * mediabunny likewise (dist/media.js, only the parts src/core/media/mediabunnyExports.ts lists): core/media/mediabunny.ts
 * requires it when the first media file is read, so an engine that never reads a video never parses it.
 */
const mediaApart = {
  name: 'media-apart',
  setup(build) {
    build.onResolve({ filter: /\/mediabunnyExports$/ }, (args) => (args.kind === 'require-call' ? { path: './media.js', external: true } : undefined));
  },
};

const targets = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', './engine.js'],
  },
  {
    ...common,
    entryPoints: { engine: 'src/host/engine/engine.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [...common.plugins, undiciApart, mediaApart],
  },
  {
    ...common,
    entryPoints: { media: 'src/core/media/mediabunnyExports.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: { http: 'node_modules/undici/index.js' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/index.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: { webview: 'src/webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

// The icon font the webview's <vscode-icon> elements draw with (it is loaded by a <link> the page carries).
mkdirSync('dist/codicons', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/codicons/${file}`);

/** The webview bundle's budget, minified: what every panel open parses. */
export const WEBVIEW_BUDGET_BYTES = 200 * 1024;

const contexts = await Promise.all(targets.map((options) => esbuild.context(options)));
if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
  const size = statSync('dist/webview.js').size;
  const label = production ? 'minified' : 'development build, not minified';
  console.log(`webview bundle: ${(size / 1024).toFixed(1)} KB (${label}; budget ${WEBVIEW_BUDGET_BYTES / 1024} KB minified)`);
  if (production && size > WEBVIEW_BUDGET_BYTES) {
    console.error(`webview bundle is over its budget by ${((size - WEBVIEW_BUDGET_BYTES) / 1024).toFixed(1)} KB`);
    process.exit(1);
  }
}
