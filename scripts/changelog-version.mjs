// `npm version <x>` runs this after bumping package.json (npm's `version` script): what is under
// `## [Unreleased]` becomes `## [<x>] - <date>`, and a new empty `## [Unreleased]` goes on top, so the manifest and the
// CHANGELOG heading change in the one commit npm makes. Refuses a release with nothing recorded or a version already there.
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2] ?? 'CHANGELOG.md';
const version = process.argv[3] ?? process.env.npm_package_version ?? JSON.parse(readFileSync('package.json', 'utf8')).version;
const date = process.argv[4] ?? new Date().toISOString().slice(0, 10);

const text = readFileSync(file, 'utf8');
const fail = (message) => {
  console.error(`changelog-version: ${message}`);
  process.exit(1);
};
const unreleased = text.match(/^## \[Unreleased\][^\n]*\n([\s\S]*?)(?=^## \[|(?![\s\S]))/m);
if (!unreleased) fail(`${file} has no "## [Unreleased]" section`);
if (!/^\s*[-*] /m.test(unreleased[1])) fail(`nothing is recorded under "## [Unreleased]" in ${file}: write what ${version} changes first`);
if (new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\]`, 'm').test(text)) fail(`${file} already has a section for ${version}`);
writeFileSync(file, text.replace(/^## \[Unreleased\][^\n]*\n/m, `## [Unreleased]\n\n## [${version}] - ${date}\n`));
console.log(`changelog-version: ${file}: "## [Unreleased]" is now "## [${version}] - ${date}"`);
