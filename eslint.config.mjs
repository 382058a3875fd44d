// Layer rules: src/core and src/shared never import `vscode`; src/webview and src/shared never import Node.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './eslint-layers.mjs';

const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`), 'undici'];
const noVscode = { name: 'vscode', message: 'src/core and src/shared must not depend on the VS Code API.' };
// mediabunny is a bundle of its own (dist/media.js) required when the first media file is read (core/media/mediabunny.ts):
// its values come through core/media/mediabunnyExports.ts only, so nothing else pulls it inline.
const noMediabunny = { name: 'mediabunny', message: 'Take mediabunny through core/media/mediabunny.ts (a lazy bundle); import its types only.', allowTypeImports: true };
const noNode = nodeModules.map((name) => ({ name, message: 'src/webview and src/shared run in a browser: no Node modules.' }));

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'out-unit*/**', 'out-mutant-*/**', 'node_modules/**', 'test-results/**', '.vscode-test/**', '**/*.mjs', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='setInterval']", message: 'No setInterval pollers: use an async loop.' },
      ],
    },
  },
  {
    // Each folder of src/ imports only the folders below it (eslint-layers.mjs has the table).
    files: ['src/**/*.ts'],
    plugins: { local: layersPlugin },
    rules: { 'local/layers': 'error' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode, noMediabunny] }] },
  },
  {
    files: ['src/core/media/mediabunnyExports.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] },
  },
  {
    files: ['src/host/engine/**/*.ts', 'src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noMediabunny] }] },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode, noMediabunny, ...noNode], patterns: [{ group: ['node:*'], message: 'No Node modules in src/shared.' }] }] },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'The webview talks to the host by messages only.' }, noMediabunny, ...noNode], patterns: [{ group: ['node:*'], message: 'No Node modules in src/webview.' }] },
      ],
    },
  },
  {
    // The start-up bundle (dist/extension.js) is what every VS Code start pays for: no zod, no undici, no API client,
    // and the engine only by its types (extension.ts requires dist/engine.js on first use).
    files: ['src/extension.ts', 'src/host/entry/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'zod', message: 'The start-up bundle stays small: zod belongs to the engine.', allowTypeImports: true },
            { name: 'zod/mini', message: 'The start-up bundle stays small: zod belongs to the engine.', allowTypeImports: true },
            { name: 'undici', message: 'The start-up bundle makes no requests: undici belongs to the engine.', allowTypeImports: true },
            { name: 'mediabunny', message: 'The start-up bundle reads no media: mediabunny belongs to the engine.' },
          ],
          patterns: [
            { group: ['**/core/**'], message: 'The start-up bundle imports no core module: its vocabulary is in src/shared.', allowTypeImports: true },
            { group: ['**/host/engine/**', '../engine/*', './host/engine/*'], message: 'The engine is required on first use, not imported: import its types only.', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/shared/**/*.ts', 'src/webview/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='setInterval']", message: 'No setInterval pollers: use an async loop.' },
        { selector: "CallExpression[callee.name='require']", message: 'Use import so the layer rules can see it.' },
      ],
    },
  },
);
