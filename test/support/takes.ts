import { type Take, TAKE_SCHEMA } from '../../src/core/output/take';
import { type FoundTake, readTake } from '../../src/core/output/takeReader';

/** The take a test expects at `file` (a version-1 sidecar upgraded); fails the test with why it was skipped. */
export async function takeAt(file: string): Promise<FoundTake> {
  const read = await readTake(file);
  if ('skipped' in read) throw new Error(`${file} is not a take: ${read.skipped} (${read.detail})`);
  return read.found;
}

/** A kf2v-flash 720P take of 5 billed seconds in Beijing (a price the table has), saved at `savedAt`. */
export function pricedTake(extra: Partial<Take> = {}, savedAt = '2026-12-01T00:00:00.000Z'): Take {
  return {
    schema: TAKE_SCHEMA,
    tool: { name: 'wan-keyframes', version: '0.2.0' },
    video: { file: 'a.mp4', bytes: 1 },
    taskId: 't',
    requestIds: [],
    model: 'wan2.2-kf2v-flash',
    family: 'wan2.2-kf2v-flash',
    endpoint: 'https://dashscope.aliyuncs.com',
    region: 'cn-beijing',
    inputs: {},
    inputsKey: 'k',
    prompt: '',
    negativePrompt: '',
    parameters: { resolution: '720P', duration: 5, promptExtend: false, watermark: false },
    usage: { video_duration: 5 },
    times: { savedAt },
    ...extra,
  };
}
