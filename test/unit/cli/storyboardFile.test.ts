import * as assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { segmentsOf, storyboardFor } from '../../../src/cli/storyboardFile';
import { tempDir, writePng } from '../../support/files';

async function frames(dir: string, count: number): Promise<string[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => writePng(dir, `k${index}.png`, { width: 64, height: 48, from: [index * 40, 0, 0], to: [0, 0, index * 40] })));
}

describe('storyboardFor: the storyboard a line of images asks for', () => {
  it('one prompt for all, one per segment, or none; another count is refused; settings checked against the model', () => {
    assert.deepEqual(
      (segmentsOf(2, { prompts: ['dawn'] }) as { segments: Array<{ prompt: string }> }).segments.map((segment) => segment.prompt),
      ['dawn', 'dawn'],
    );
    const each = segmentsOf(2, { prompts: ['dawn', 'dusk'], resolution: '1080p', duration: '3' });
    assert.ok('segments' in each);
    assert.deepEqual(each.segments, [
      { prompt: 'dawn', model: 'wan2.7-i2v', resolution: '1080P', duration: 3 },
      { prompt: 'dusk', model: 'wan2.7-i2v', resolution: '1080P', duration: 3 },
    ]);
    const counted = segmentsOf(3, { prompts: ['a', 'b'] });
    assert.ok('kind' in counted && counted.kind === 'prompts' && /3 segment\(s\), 2 prompts/.test(counted.message.en));
    const unknown = segmentsOf(1, { prompts: [], model: 'wan9' });
    assert.ok('kind' in unknown && unknown.kind === 'parameters' && unknown.problems[0]?.code === 'model-unknown');
    const duration = segmentsOf(1, { prompts: [], duration: '40' });
    assert.ok('kind' in duration && duration.kind === 'parameters' && duration.problems[0]?.code === 'duration-invalid');
  });

  it('writes <first>-to-<last>-film.storyboard.json beside the first image; the same line again finds it; other settings take the next name', async () => {
    const dir = await tempDir('wk-cli-sbfile-');
    const images = await frames(dir, 3);
    const made = await storyboardFor(images, { prompts: ['dawn'] });
    assert.deepEqual(made, { kind: 'file', file: path.join(dir, 'k0-to-k2-film.storyboard.json'), created: true });
    const written = JSON.parse(await readFile(path.join(dir, 'k0-to-k2-film.storyboard.json'), 'utf8')) as { keyframes: string[] };
    assert.deepEqual(written.keyframes, ['k0.png', 'k1.png', 'k2.png']);
    assert.deepEqual(await storyboardFor(images, { prompts: ['dawn'] }), { kind: 'file', file: path.join(dir, 'k0-to-k2-film.storyboard.json'), created: false });
    const draft = await storyboardFor(images, { prompts: ['dusk'], dryRun: true });
    assert.ok(draft.kind === 'draft' && draft.file === path.join(dir, 'k0-to-k2-film-2.storyboard.json') && draft.parsed.storyboard.segments[0]?.prompt === 'dusk');
    assert.equal((await readdir(dir)).length, 4, 'a dry run writes nothing');
    assert.deepEqual(await storyboardFor(images, { prompts: ['dusk'] }), { kind: 'file', file: path.join(dir, 'k0-to-k2-film-2.storyboard.json'), created: true });
  });

  it('--out DIR: the storyboard there (the folder made), keyframes relative to it; a file that is not a storyboard is left alone', async () => {
    const dir = await tempDir('wk-cli-sbfile-');
    const images = await frames(dir, 2);
    const out = path.join(dir, 'films', 'one');
    await writeFile(path.join(dir, 'k0-to-k1-film.storyboard.json'), 'mine');
    const made = await storyboardFor(images, { prompts: [], out });
    assert.ok(made.kind === 'file' && made.file === path.join(out, 'k0-to-k1-film.storyboard.json'));
    assert.deepEqual((JSON.parse(await readFile(made.file, 'utf8')) as { keyframes: string[] }).keyframes, ['../../k0.png', '../../k1.png']);
    const beside = await storyboardFor(images, { prompts: [] });
    assert.ok(beside.kind === 'file' && beside.file.endsWith('k0-to-k1-film-2.storyboard.json'));
    assert.equal(await readFile(path.join(dir, 'k0-to-k1-film.storyboard.json'), 'utf8'), 'mine');
  });

  it('a missing image, or the same image twice in a row: the storyboard’s own message, nothing written', async () => {
    const dir = await tempDir('wk-cli-sbfile-');
    const [a] = await frames(dir, 1);
    const missing = await storyboardFor([a as string, path.join(dir, 'gone.png')], { prompts: [] });
    assert.ok(missing.kind === 'storyboard' && missing.problems[0]?.code === 'image-missing', JSON.stringify(missing));
    const twice = await storyboardFor([a as string, a as string], { prompts: [] });
    assert.ok(twice.kind === 'storyboard' && twice.problems[0]?.code === 'same-frame-twice', JSON.stringify(twice));
  });
});
