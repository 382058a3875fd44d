// Storyboards, takes and their videos made in a test: images as PNGs, videos as real mp4s (mp4Fixtures, no ffmpeg).
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { TAKE_SCHEMA } from '../../../../src/core/output/take';
import { sidecarOf } from '../../../../src/core/storyboard/segmentTake';
import { type ParsedStoryboard, readStoryboard } from '../../../../src/core/storyboard/storyboardRead';
import type { Segment } from '../../../../src/core/storyboard/storyboardSchema';
import { writeStoryboardFile } from '../../../../src/core/storyboard/storyboardWrite';
import { type Inputs, ROLE } from '../../../../src/shared/mediaRoles';
import { writePng } from '../../../support/files';
import { type ClipSpec, writeClip } from '../media/mp4Fixtures';

export const SEGMENT: Segment = { prompt: 'drifts', model: 'wan2.7-i2v', resolution: '720P', duration: 5 };

/** A take's sidecar beside `video`, as the job writes it; `inputs` and `verdict` as the test needs. */
export async function writeTakeBeside(video: string, extra: { inputs?: Inputs<Record<string, unknown>>; verdict?: 'kept' | 'rejected' } = {}): Promise<string> {
  const take = {
    schema: TAKE_SCHEMA,
    tool: { name: 'wan-keyframes', version: '0.0.0-test' },
    video: { file: path.basename(video), bytes: 1 },
    taskId: `task-${path.basename(video)}`,
    requestIds: [],
    model: 'wan2.7-i2v',
    family: 'wan2.7-i2v',
    endpoint: 'https://dashscope.aliyuncs.com',
    inputs: extra.inputs ?? { [ROLE.first]: { path: 'a.png', sha256: 'a'.repeat(64), bytes: 1, format: 'png' } },
    inputsKey: 'k',
    prompt: '',
    negativePrompt: '',
    times: { savedAt: '2026-12-01T00:00:00.000Z' },
    ...(extra.verdict ? { verdict: extra.verdict } : {}),
  };
  await writeFile(sidecarOf(video), `${JSON.stringify(take, null, 2)}\n`);
  return sidecarOf(video);
}

export async function writeVideo(dir: string, name: string, spec: Partial<ClipSpec> = {}): Promise<string> {
  return writeClip(path.join(dir, name), { width: 64, height: 48, seconds: 2, fps: 10, keyEvery: 1, ...spec });
}

/** `count` keyframes k0.png… and a storyboard over them in `dir`, its segments as given (defaults otherwise). */
export async function writeStoryboardIn(dir: string, count: number, segments: Array<Partial<Segment>> = []): Promise<{ file: string; parsed: ParsedStoryboard }> {
  const keyframes = await Promise.all(Array.from({ length: count }, (_, index) => writePng(dir, `k${index}.png`, { width: 64, height: 48, from: [index * 30, 0, 0], to: [0, 0, index * 30] })));
  const file = path.join(dir, 'film.storyboard.json');
  await writeStoryboardFile(file, {
    version: 1,
    keyframes: keyframes.map((keyframe) => path.basename(keyframe)),
    segments: Array.from({ length: count - 1 }, (_, index) => ({ ...SEGMENT, ...segments[index] })),
  });
  const read = await readStoryboard(file);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return { file, parsed: read.parsed };
}
