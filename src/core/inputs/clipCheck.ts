import type { ClipLimits } from '../catalog/models';
import { TIME_TOLERANCE, tailStart } from '../media/cutTail';
import { type MediaInfo, readMediaInfo } from '../media/mediaInfo';
import type { MediaRole } from '../../shared/mediaRoles';
import type { ClipFacts, ClipProbe } from './inspect';
import type { Problem } from './problems';

/** How a format that is not a clip is named to the user (the same word in both languages). */
const FORMAT_NAMES: Record<string, string> = {
  webm: 'WebM',
  mkv: 'Matroska (MKV)',
  mpegts: 'MPEG-TS',
  mp3: 'MP3',
  wav: 'WAV',
  ogg: 'Ogg',
  aac: 'AAC',
  flac: 'FLAC',
  gif: 'GIF',
  png: 'PNG',
  jpeg: 'JPEG',
  webp: 'WebP',
  bmp: 'BMP',
  avi: 'AVI',
};

/** What a clip's headers say, as the plan keeps it. */
export function clipProbe(info: MediaInfo): ClipProbe {
  const none = { seconds: undefined, width: undefined, height: undefined, videoCodec: undefined, audioCodec: undefined, frameRate: undefined, keyframes: [] };
  if (info.kind === 'not-media') return { format: info.what, ...none };
  if (info.kind === 'damaged') return { format: info.container, damaged: info.detail, ...none };
  const { video, audio } = info;
  return {
    format: info.container,
    seconds: info.duration,
    width: video?.width,
    height: video?.height,
    videoCodec: video?.codec,
    audioCodec: audio?.codec,
    frameRate: video?.frameRate,
    keyframes: video?.keyframes ?? [],
  };
}

/**
 * Reads a local clip's headers (a few KB, whatever its size: core/media/mediaInfo.ts) into the plan's facts. A file
 * that cannot be opened is the only problem found here; what the clip is comes back in the facts.
 */
export async function inspectClip(path: string, role: MediaRole): Promise<{ facts?: ClipFacts; problems: Problem[] }> {
  try {
    const info = await readMediaInfo(path, { keyframes: true });
    return { facts: { kind: 'video', path, bytes: info.bytes, mtimeMs: info.mtimeMs, probe: clipProbe(info) }, problems: [] };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') return { problems: [{ code: 'file-missing', role }] };
    return { problems: [{ code: 'file-unreadable', role, detail: code ?? (error instanceof Error ? error.message : String(error)) }] };
  }
}

/**
 * Every way a clip breaks the model's limits, before anything is sent: a file that is no clip at all says what it
 * is (one problem); a clip says each limit it breaks. Over the longest length, the problem says where a cut without
 * re-encoding could start (core/media/cutTail.ts), or that no keyframe allows one.
 */
export function clipProblems(role: MediaRole, facts: ClipFacts, limits: ClipLimits): Problem[] {
  const { probe, bytes } = facts;
  if (bytes === 0 || probe.format === 'empty') return [{ code: 'file-empty', role }];
  if (probe.format === 'text' || probe.format === 'unknown') return [{ code: 'clip-not-a-video', role, text: probe.format === 'text' }];
  if (!(limits.formats as readonly string[]).includes(probe.format)) return [{ code: 'clip-format', role, format: FORMAT_NAMES[probe.format] ?? probe.format.toUpperCase() }];
  if (probe.damaged !== undefined) return [{ code: 'clip-malformed', role, detail: probe.damaged }];
  if (probe.width === undefined || probe.height === undefined) return [{ code: 'clip-no-video', role }];
  const { width, height } = probe;
  const seconds = probe.seconds ?? 0;
  const problems: Problem[] = [];
  if (seconds < limits.minSeconds - TIME_TOLERANCE) problems.push({ code: 'clip-too-short', role, seconds, min: limits.minSeconds });
  if (seconds > limits.maxSeconds + TIME_TOLERANCE) {
    const cutAt = tailStart(probe.keyframes, seconds, limits.maxSeconds, limits.minSeconds);
    problems.push(
      cutAt === undefined
        ? { code: 'clip-too-long-no-keyframe', role, seconds, max: limits.maxSeconds, min: limits.minSeconds }
        : { code: 'clip-too-long', role, seconds, max: limits.maxSeconds, cutAt, keeps: seconds - cutAt },
    );
  }
  if (Math.min(width, height) < limits.minSide) problems.push({ code: 'clip-too-small', role, width, height, min: limits.minSide });
  if (Math.max(width, height) > limits.maxSide) problems.push({ code: 'clip-too-large', role, width, height, max: limits.maxSide });
  if (Math.max(width, height) / Math.max(1, Math.min(width, height)) > limits.maxAspect) problems.push({ code: 'clip-aspect', role, width, height, max: limits.maxAspect });
  if (bytes > limits.maxBytes) problems.push({ code: 'clip-too-many-bytes', role, bytes, max: limits.maxBytes });
  return problems;
}
