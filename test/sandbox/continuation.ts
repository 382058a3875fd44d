import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MB = 1024 * 1024;

/**
 * wan2.7-i2v's video continuation (`first_clip`, dashscope-api.md §4.2, addendum §A6), as the simulator reads it on
 * its own: the clip's rules, the duration that counts the clip, and a rendered output that starts with the clip and
 * lasts the whole duration.
 */
export type ClipRefusal = { status: number; code: string; message: string };

const refuse = (message: string, code = 'InvalidParameter'): ClipRefusal => ({ status: 400, code, message });

/** The contract's limits for `first_clip`: mp4/mov, 2–10 s, 240–4096 px a side, 1:8–8:1, ≤ 100 MB. */
export const CLIP_RULES = { minSeconds: 2, maxSeconds: 10, minSide: 240, maxSide: 4096, maxAspect: 8, maxBytes: 100 * MB } as const;

/** A clip's URL before it is fetched: a URL or a temporary upload, never base64 (not documented for clips). */
export function clipUrlRefusal(url: string): ClipRefusal | undefined {
  if (url.startsWith('data:')) return refuse('The first_clip must be an http(s) URL or an oss:// temporary URL; base64 is not supported for video.');
  return undefined;
}

/** A first_clip sent to a model that does not continue clips (only wan2.7-i2v does). */
export function clipModelRefusal(model: string): ClipRefusal {
  return refuse(`The media type first_clip is not supported by the model ${model}.`);
}

export interface ClipInfo {
  seconds: number;
  width: number;
  height: number;
}

/** What ffprobe says of the submitted clip, checked against every rule; the first broken rule is the answer. */
export async function checkClip(file: string): Promise<ClipInfo | ClipRefusal> {
  const bytes = (await stat(file)).size;
  let parsed: { streams?: Array<{ codec_type?: string; width?: number; height?: number }>; format?: { format_name?: string; duration?: string } };
  try {
    const { stdout } = await run('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file], { maxBuffer: 4 * MB });
    parsed = JSON.parse(stdout);
  } catch {
    return refuse('The media format is not supported or incorrect for the data inspection.', 'InvalidParameter.DataInspection');
  }
  const video = parsed.streams?.find((stream) => stream.codec_type === 'video');
  if (!/(^|,)(mov|mp4)(,|$)/.test(parsed.format?.format_name ?? '') || !video?.width || !video.height) {
    return refuse('The media format is not supported or incorrect for the data inspection.', 'InvalidParameter.DataInspection');
  }
  const seconds = Number(parsed.format?.duration ?? Number.NaN);
  const { width, height } = video;
  if (bytes > CLIP_RULES.maxBytes) return refuse('The first_clip file exceeds 100 MB.');
  if (!(seconds >= CLIP_RULES.minSeconds && seconds <= CLIP_RULES.maxSeconds)) return refuse(`The first_clip duration must be between 2 and 10 seconds, got ${seconds.toFixed(2)}.`);
  if (Math.min(width, height) < CLIP_RULES.minSide || Math.max(width, height) > CLIP_RULES.maxSide) return refuse(`The size of the first_clip is not match the requirement: ${width}x${height}.`);
  if (Math.max(width, height) / Math.min(width, height) > CLIP_RULES.maxAspect) return refuse('The aspect ratio of the first_clip is out of range.');
  return { seconds, width, height };
}

/** `duration` is the whole output, the clip included: it must leave some new video after the clip. */
export function durationRefusal(duration: number, clip: ClipInfo): ClipRefusal | undefined {
  if (duration > clip.seconds) return undefined;
  return refuse(`The duration (${duration}) must be longer than the first_clip (${clip.seconds.toFixed(2)} s): it is the length of the whole output, the clip included.`);
}

export interface ContinuationRender {
  clip: string;
  clipSeconds: number;
  /** The last frame the continuation ends on; without it, the clip's last picture is held. */
  last?: string;
  width: number;
  height: number;
  seconds: number;
  fps: number;
  output: string;
}

/**
 * A real H.264 mp4 of `seconds`: the clip at the output size, then the last frame (or the clip's end held) for the
 * rest, with a dubbed tone. A cut, not a fade: ffmpeg 5.1's xfade never ends on a looped picture.
 */
export async function renderContinuation(options: ContinuationRender): Promise<void> {
  const { width: w, height: h, seconds: d, fps, clipSeconds: c } = options;
  const fit = `scale=${w}:${h}:force_original_aspect_ratio=increase,crop=${w}:${h},setsar=1,fps=${fps},format=yuv420p`;
  const added = Math.max(0.2, d - c);
  const args = ['-nostdin', '-v', 'error', '-y', '-i', options.clip];
  let filter = `[0:v]${fit},trim=duration=${c},setpts=PTS-STARTPTS`;
  if (options.last) {
    args.push('-loop', '1', '-framerate', String(fps), '-t', String(added), '-i', options.last);
    filter += `[c];[1:v]${fit}[e];[c][e]concat=n=2:v=1:a=0[v]`;
  } else filter += `,tpad=stop_mode=clone:stop_duration=${added}[v]`;
  args.push('-f', 'lavfi', '-t', String(d), '-i', 'sine=frequency=330:sample_rate=44100');
  const tone = options.last ? 2 : 1;
  args.push('-filter_complex', filter, '-map', '[v]', '-map', `${tone}:a`, '-c:a', 'aac', '-b:a', '64k');
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-r', String(fps), '-t', String(d), '-movflags', '+faststart', options.output);
  await run('ffmpeg', args, { maxBuffer: 4 * MB, timeout: 120_000 });
}
