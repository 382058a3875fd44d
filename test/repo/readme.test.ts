import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '..', '..', '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** Every image a Markdown text shows: `![alt](target)` and `<img src="target">`. */
function images(markdown: string): Array<{ alt: string; target: string }> {
  const markdownImages = [...markdown.matchAll(/!\[([^\]]*)\]\(([^)\s]+)\)/g)].map((m) => ({ alt: m[1] as string, target: m[2] as string }));
  const htmlImages = [...markdown.matchAll(/<img\s[^>]*src="([^"]+)"[^>]*>/g)].map((m) => ({ alt: /alt="([^"]*)"/.exec(m[0])?.[1] ?? '', target: m[1] as string }));
  return [...markdownImages, ...htmlImages];
}

describe('README pictures', () => {
  const shown = images(readme);

  it('shows the animated preview and the four screenshots, each with a description', () => {
    const targets = shown.map((image) => image.target);
    for (const expected of ['preview.gif', 'explorer-menu.png', 'panel-light.png', 'panel-dark.png', 'saved.png']) {
      assert.ok(targets.includes(`media/readme/${expected}`), `README shows media/readme/${expected}`);
    }
    for (const image of shown) assert.ok(image.alt.trim().length > 10, `${image.target} has alt text`);
  });

  it('has every picture it shows in the repository (relative, so vsce points them at the repository)', () => {
    for (const { target } of shown) {
      assert.ok(!/^[a-z]+:/i.test(target), `${target} is a path in this repository`);
      const file = path.join(root, target);
      assert.ok(existsSync(file) && statSync(file).size > 0, `${target} exists`);
    }
  });

  it('keeps the animated preview within 2 MB', () => {
    assert.ok(statSync(path.join(root, 'media/readme/preview.gif')).size <= 2 * 1024 * 1024);
  });

  it('has every relative link it makes point at a file here', () => {
    const links = [...readme.matchAll(/(?<!!)\[[^\]]+\]\(([^)\s#]+)(#[^)]*)?\)/g)].map((m) => m[1] as string).filter((target) => !/^[a-z]+:/i.test(target));
    assert.ok(links.includes('docs/errors.md'), 'links the error table');
    for (const target of links) assert.ok(existsSync(path.join(root, target)), `${target} exists`);
  });
});

describe('walkthrough media', () => {
  it('has every image and its alt text for each step', () => {
    type Themed = { light: string; dark: string; hc: string; hcLight: string };
    const steps = manifest.contributes.walkthroughs.flatMap((walkthrough: { steps: unknown[] }) => walkthrough.steps) as Array<{ id: string; media: { image: Themed; altText: string } }>;
    assert.equal(steps.length, 4);
    for (const step of steps) {
      const { light, dark, hc, hcLight } = step.media.image;
      assert.notEqual(light, dark, `${step.id}: a picture for dark themes too`);
      assert.equal(hc, dark, `${step.id}: High Contrast Dark shows the dark picture`);
      assert.equal(hcLight, light, `${step.id}: High Contrast Light shows the light picture`);
      for (const image of [light, dark]) assert.ok(existsSync(path.join(root, image)), `${step.id}: ${image} exists`);
      assert.match(step.media.altText, /^%walkthrough\.\w+\.alt%$/);
    }
  });
});
