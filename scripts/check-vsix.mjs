// Checks what a user would install: the .vsix is small and carries only what the extension needs at run time, and
// its manifest is what the Marketplace and Open VSX ask for (read from the package itself, not from the source tree).
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/check-vsix.mjs <file.vsix>');
  process.exit(2);
}
const checks = [];
const size = statSync(file).size;
checks.push([`size ${size} bytes is under 1 MB`, size < 1024 * 1024]);
const listing = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n').filter(Boolean);
const payload = listing.filter((entry) => entry.startsWith('extension/')).map((entry) => entry.slice('extension/'.length));
const allowed = [/^dist\/[^/]+\.(js|css)$/, /^dist\/codicons\/codicon\.(css|ttf)$/, /^media\//, /^l10n\//, /^package\.json$/, /^package\.nls(\.zh-cn)?\.json$/, /^readme\.md$/i, /^changelog\.md$/i, /^LICENSE(\.txt)?$/i];
const unexpected = payload.filter((entry) => !allowed.some((pattern) => pattern.test(entry)));
checks.push([`only run-time files (unexpected: ${unexpected.join(', ') || 'none'})`, unexpected.length === 0]);
checks.push(['no source maps, TypeScript or tests', !payload.some((entry) => /\.(map|ts)$|^test\/|^src\//.test(entry))]);
checks.push(['has dist/extension.js, dist/engine.js, dist/http.js (undici, required on the first request) and dist/webview.js', ['dist/extension.js', 'dist/engine.js', 'dist/http.js', 'dist/webview.js'].every((entry) => payload.includes(entry))]);
// What every VS Code start pays for: the entry bundle, read from the package itself.
const entryBytes = Number(execFileSync('unzip', ['-Zl', file, 'extension/dist/extension.js'], { encoding: 'utf8' }).trim().split(/\s+/)[3]);
checks.push([`dist/extension.js is ${entryBytes} bytes, at most 16 KB`, entryBytes > 0 && entryBytes <= 16 * 1024]);
checks.push(['has the codicon font the panel\'s icons draw with', payload.includes('dist/codicons/codicon.css') && payload.includes('dist/codicons/codicon.ttf')]);
checks.push(['has both localisation bundles', payload.includes('l10n/bundle.l10n.zh-cn.json') && payload.includes('package.nls.zh-cn.json')]);

// The manifest as packaged.
/** One entry of the package: text in UTF-8, or bytes without an encoding. */
const unzip = (entry, encoding) => execFileSync('unzip', ['-p', file, entry], { encoding, maxBuffer: 16 * 1024 * 1024 });
const manifest = JSON.parse(unzip('extension/package.json', 'utf8'));
checks.push([`the file is named ${manifest.name}-${manifest.version}.vsix (it carries the version)`, path.basename(file) === `${manifest.name}-${manifest.version}.vsix`]);

/** Width and height from a PNG's IHDR chunk, which the format puts first; undefined for anything but a PNG. */
function pngSize(bytes) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
const icon = typeof manifest.icon === 'string' && payload.includes(manifest.icon) ? pngSize(unzip(`extension/${manifest.icon}`)) : undefined;
checks.push([`icon ${manifest.icon} is a PNG of at least 128×128 (${icon ? `${icon.width}×${icon.height}` : 'not a PNG in the package'})`, icon !== undefined && icon.width >= 128 && icon.height >= 128]);

const MARKETPLACE_CATEGORIES = ['AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters', 'Keymaps', 'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Other', 'Programming Languages', 'SCM Providers', 'Snippets', 'Testing', 'Themes', 'Visualization'];
const categories = Array.isArray(manifest.categories) ? manifest.categories : [];
checks.push([`categories ${categories.join(', ')} are the Marketplace's own`, categories.length > 0 && categories.every((category) => MARKETPLACE_CATEGORIES.includes(category))]);
const keywords = Array.isArray(manifest.keywords) ? manifest.keywords : [];
const wanted = ['wan', 'dashscope', 'video', '百炼', '首尾帧', '图生视频'];
checks.push([`keywords in English and Chinese (${keywords.length}, the Marketplace takes at most 30), with ${wanted.join(', ')}`, keywords.length <= 30 && wanted.every((keyword) => keywords.includes(keyword))]);
const https = (value) => typeof value === 'string' && /^https:\/\/\S+$/.test(value);
checks.push(['repository, homepage and bugs are https addresses', https(manifest.repository?.url ?? manifest.repository) && https(manifest.homepage) && https(manifest.bugs?.url ?? manifest.bugs)]);
checks.push([`galleryBanner (${JSON.stringify(manifest.galleryBanner)}) and pricing (${manifest.pricing}) are set`, /^#[0-9a-f]{6}$/i.test(manifest.galleryBanner?.color ?? '') && ['dark', 'light'].includes(manifest.galleryBanner?.theme) && ['Free', 'Trial'].includes(manifest.pricing)]);

// Open VSX publishes what the package says, and refuses an extension without a license; its names follow vsce's.
const vsixManifest = unzip('extension.vsixmanifest', 'utf8');
checks.push([`Open VSX: license ${manifest.license} with its file in the package`, typeof manifest.license === 'string' && manifest.license.length > 0 && payload.some((entry) => /^LICENSE(\.txt|\.md)?$/i.test(entry)) && /<License>extension\/LICENSE(\.txt|\.md)?<\/License>/i.test(vsixManifest)]);
checks.push(['Open VSX: publisher and name are lower-case identifiers and the version is semver', /^[a-z0-9][a-z0-9-]*$/.test(manifest.publisher) && /^[a-z0-9][a-z0-9-]*$/.test(manifest.name) && /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(manifest.version)]);
checks.push(['the package manifest names the icon and the source repository', /<Icon>extension\/media\/icon\.png<\/Icon>/.test(vsixManifest) && vsixManifest.includes('Microsoft.VisualStudio.Services.Links.Source')]);

// A step's image is one path or one per theme kind (light, dark, hc, hcLight).
const mediaPaths = (media) => (typeof media?.image === 'object' && media.image !== null ? Object.values(media.image) : [media?.image ?? media?.markdown ?? media?.svg]);
const walkthroughMedia = [...new Set((manifest.contributes?.walkthroughs ?? []).flatMap((walkthrough) => walkthrough.steps.flatMap((step) => mediaPaths(step.media))))];
const absent = walkthroughMedia.filter((media) => typeof media !== 'string' || !payload.includes(media));
checks.push([`the walkthrough's ${walkthroughMedia.length} media are in the package (absent: ${absent.join(', ') || 'none'})`, walkthroughMedia.length > 0 && absent.length === 0]);
const packagedReadme = unzip('extension/readme.md', 'utf8');
const relativeImages = [...packagedReadme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]).filter((target) => !/^https:\/\//.test(target));
checks.push([`the packaged README shows its pictures from the repository (relative: ${relativeImages.join(', ') || 'none'})`, relativeImages.length === 0 && /!\[[^\]]*\]\(https:\/\/[^)]+preview\.gif\)/.test(packagedReadme)]);
checks.push(['the README pictures stay out of the package', !payload.some((entry) => entry.startsWith('media/readme/') || entry.startsWith('media/source/'))]);
let failed = 0;
for (const [name, ok] of checks) {
  console.log(`${ok ? '✔' : '✖'} vsix ${name}`);
  if (!ok) failed++;
}
console.log(`vsix: ${checks.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
