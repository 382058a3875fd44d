import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { encodePng, type PngOptions } from './fixtures/png';

export const run = promisify(execFile);
export const REPO = path.resolve(__dirname, '..', '..', '..');

const made: string[] = [];
// Each test file runs in its own process: what it made in the temporary folder goes with it.
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder, removed when the test file's process ends. */
export async function tempDir(prefix = 'wk-test-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export async function writePng(dir: string, name: string, options: PngOptions): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, encodePng(options));
  return file;
}

/** The usual two frames of a test: a.png and b.png, 480×320, in different colours. */
export async function writeFramePair(dir: string): Promise<{ first: string; last: string }> {
  const first = await writePng(dir, 'a.png', { width: 480, height: 320 });
  const last = await writePng(dir, 'b.png', { width: 480, height: 320, from: [90, 10, 10], to: [10, 90, 10] });
  return { first, last };
}

/** A real JPEG made by ffmpeg from a PNG, as a camera or an editor would write it. */
export async function writeJpeg(dir: string, name: string, options: PngOptions): Promise<string> {
  const png = await writePng(await tempDir('wk-jpeg-src-'), `${name}.png`, options);
  const file = path.join(dir, name);
  await run('ffmpeg', ['-v', 'error', '-y', '-i', png, '-q:v', '3', file]);
  return file;
}

/** Where test runs leave what people look at afterwards: screenshots, logs, figures. */
export const RESULTS_DIR = path.join(REPO, 'test-results');

/** Fixture files kept in the repository (JSON, images): read from the source tree, not the compiled one. */
export const FIXTURES = path.join(REPO, 'test', 'support', 'fixtures');
