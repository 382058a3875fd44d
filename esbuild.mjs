// Bundles: the extension entry (tiny, loaded at start-up), the engine it requires on first use (zod, core, panel),
// undici and mediabunny (each required on its first use), the CLI (a small entry and its commands), and the webview
// (browser, IIFE).
// Type-checking is `npm run typecheck`; bundling never waits for it.
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
/** Where the bundles go: dist/ unless `--outdir=DIR` (benchmarks build into a folder of their own). */
const outdir = process.argv.find((arg) => arg.startsWith('--outdir='))?.slice('--outdir='.length) || 'dist';
/** `--metafile`: each bundle's <name>.meta.json beside it (what it holds, byte by byte; esbuild's analyser reads it). */
const metafile = process.argv.includes('--metafile');
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'info',
  legalComments: 'none',
  metafile,
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
 * In the engine and the CLI, undici is a bundle of its own (dist/http.js) that core/net/undici.ts requires on the first
 * request: they then neither run nor even parse its ~500 KB before a request. `from` is where the requiring bundle
 * sits relative to dist/.
 */
const undiciApart = (from = '.') => ({
  name: 'undici-apart',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, (args) => (args.kind === 'require-call' ? { path: `${from}/http.js`, external: true } : undefined));
  },
});

/**
 * mediabunny likewise (dist/media.js, only the parts src/core/media/mediabunnyExports.ts lists): core/media/mediabunny.ts
 * requires it when the first media file is read, so an engine that never reads a video never parses it.
 */
const mediaApart = (from = '.') => ({
  name: 'media-apart',
  setup(build) {
    build.onResolve({ filter: /\/mediabunnyExports$/ }, (args) => (args.kind === 'require-call' ? { path: `${from}/media.js`, external: true } : undefined));
  },
});

/**
 * The CLI's entry (dist/cli.js) answers `--help` and `--version` from the catalog alone and requires the commands
 * (dist/cli/main.js: zod, the client, the job) for anything else, so asking for help parses none of them. The folder
 * keeps the CLI out of the .vsix, which takes dist/*.js only.
 */
const cliMainApart = {
  name: 'cli-main-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/main$/ }, (args) => (args.kind === 'require-call' ? { path: './cli/main.js', external: true } : undefined));
  },
};

const targets = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', './engine.js', './storyboardLogic.js'],
  },
  {
    ...common,
    // The storyboard editor's session and logic (its page's html and messages; reading, editing and writing the text;
    // the catalog), required when the first storyboard opens in the editor, so none of it weighs on start-up.
    entryPoints: { storyboardLogic: 'src/host/engine/storyboardEditor/editorSession.ts' },
    outdir,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { engine: 'src/host/engine/engine.ts' },
    outdir,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [...common.plugins, undiciApart(), mediaApart()],
  },
  {
    ...common,
    entryPoints: { media: 'src/core/media/mediabunnyExports.ts' },
    outdir,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: { http: 'src/core/net/undiciExports.ts' },
    outdir,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/index.ts' },
    outdir,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [...common.plugins, cliMainApart],
  },
  {
    ...common,
    entryPoints: { 'cli/main': 'src/cli/main.ts' },
    outdir,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [...common.plugins, undiciApart('..'), mediaApart('..')],
  },
  {
    ...common,
    entryPoints: { webview: 'src/webview/main.ts' },
    outdir,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    ...common,
    // The storyboard editor's page (a custom editor of *.storyboard.json).
    entryPoints: { storyboardWebview: 'src/webview/storyboard/main.ts' },
    outdir,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

// The icon font the webview's <vscode-icon> elements draw with (it is loaded by a <link> the page carries).
mkdirSync(path.join(outdir, 'codicons'), { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, path.join(outdir, 'codicons', file));

/** The webview bundle's budget, minified: what every panel open parses. */
export const WEBVIEW_BUDGET_BYTES = 200 * 1024;

const contexts = await Promise.all(targets.map((options) => esbuild.context(options)));
if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  const results = await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
  if (metafile) for (const [index, result] of results.entries()) writeFileSync(path.join(outdir, `${Object.keys(targets[index].entryPoints)[0]}.meta.json`), JSON.stringify(result.metafile));
  const size = statSync(path.join(outdir, 'webview.js')).size;
  const label = production ? 'minified' : 'development build, not minified';
  console.log(`webview bundle: ${(size / 1024).toFixed(1)} KB (${label}; budget ${WEBVIEW_BUDGET_BYTES / 1024} KB minified)`);
  if (production && size > WEBVIEW_BUDGET_BYTES) {
    console.error(`webview bundle is over its budget by ${((size - WEBVIEW_BUDGET_BYTES) / 1024).toFixed(1)} KB`);
    process.exit(1);
  }
}
