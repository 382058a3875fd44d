// Checks what a user would install: the .vsix is small and carries only what the extension needs at run time.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';

const file = process.argv[2] ?? 'wan-keyframes.vsix';
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
let failed = 0;
for (const [name, ok] of checks) {
  console.log(`${ok ? '✔' : '✖'} vsix ${name}`);
  if (!ok) failed++;
}
console.log(`vsix: ${checks.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
