// The layers of src/ as an ESLint rule: each folder imports only itself and the folders below it.
// docs/architecture.md draws the same picture; test/repo/layers.test.ts proves each zone fires.
import path from 'node:path';

/** src/core, bottom to top: a folder may import the folders before it. */
export const CORE_LAYERS = ['base', 'errors', 'catalog', 'net', 'media', 'inputs', 'service', 'delivery', 'output', 'job', 'storyboard'];

const core = (upTo) => CORE_LAYERS.slice(0, CORE_LAYERS.indexOf(upTo) + 1).map((folder) => `core/${folder}`);
const ALL_CORE = CORE_LAYERS.map((folder) => `core/${folder}`);

/** Zone → the zones it may import (values), and those it may import only as types. */
export const ZONES = {
  shared: { imports: ['shared'] },
  ...Object.fromEntries(CORE_LAYERS.map((folder) => [`core/${folder}`, { imports: ['shared', ...core(folder)] }])),
  cli: { imports: ['shared', ...ALL_CORE, 'cli'] },
  // The start-up bundle: vocabulary and its own files only; the engine and the core by their types.
  'host/entry': { imports: ['shared', 'host/entry'], types: [...ALL_CORE, 'host/engine'] },
  'host/engine': { imports: ['shared', ...ALL_CORE, 'host/entry', 'host/engine'] },
  webview: { imports: ['shared', 'webview'] },
  'extension.ts': { imports: ['shared', 'host/entry'], types: ['host/engine'] },
};

/** The zone of a file under src/, by its longest matching folder; undefined outside src/. */
export function zoneOf(file, srcRoot) {
  const relative = path.relative(srcRoot, file).split(path.sep).join('/');
  if (relative.startsWith('..')) return undefined;
  return Object.keys(ZONES)
    .filter((zone) => relative === zone || relative.startsWith(`${zone}/`))
    .sort((a, b) => b.length - a.length)[0];
}

export const layersPlugin = {
  rules: {
    layers: {
      meta: { type: 'problem', schema: [{ type: 'object', properties: { srcRoot: { type: 'string' } } }], messages: { below: '{{from}} may not import {{to}}: each folder imports only the folders below it (docs/architecture.md).' } },
      create(context) {
        const srcRoot = context.options[0]?.srcRoot ?? path.join(context.cwd, 'src');
        const from = zoneOf(context.filename, srcRoot);
        if (!from) return {};
        const check = (node, source, typeOnly) => {
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const to = zoneOf(path.resolve(path.dirname(context.filename), source), srcRoot);
          if (!to) return;
          const zone = ZONES[from];
          if (zone.imports.includes(to) || (typeOnly && (zone.types ?? []).includes(to))) return;
          context.report({ node, messageId: 'below', data: { from, to } });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value, node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'))),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, node.exportKind === 'type'),
          ExportAllDeclaration: (node) => check(node, node.source.value, node.exportKind === 'type'),
          ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value, false),
          TSImportType: (node) => check(node, node.argument?.literal?.value ?? node.argument?.value, true),
        };
      },
    },
  },
};
