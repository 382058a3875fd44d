import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { type AudioProbe, probeAudio } from './audioProbe';
import { type ByteSource, type ImageProbe, probeImage } from './imageProbe';
import type { AudioLimits, ImageLimits } from '../catalog/models';
import type { Container } from '../media/mediaInfo';
import type { NotMedia } from '../media/sniff';
import { type MediaRole, ROLE } from '../../shared/mediaRoles';
import type { Problem } from './problems';

/** What the form and the job know about a local frame or audio file. */
export interface FileFacts {
  path: string;
  bytes: number;
  /** Modification time, so a change between selection and Generate is noticed. */
  mtimeMs: number;
}

export interface ImageFacts extends FileFacts {
  kind: 'image';
  probe: ImageProbe;
  /** An image URL (`path` holds it): the service fetches it; only its first bytes were read here. */
  remote?: boolean;
}

export interface AudioFacts extends FileFacts {
  kind: 'audio';
  probe: AudioProbe;
}

/** What was read of a clip (`ROLE.clip`): its container's boxes, never its media (core/media/mediaInfo.ts). */
export interface ClipProbe {
  /** `mp4`, `mov`, another container (`webm`…), or what a file that is no media is (`gif`, `text`, `unknown`…). */
  format: Container | NotMedia;
  /** Why a recognised container could not be read (cut short, damaged). */
  damaged?: string;
  seconds: number | undefined;
  /** The video as displayed; undefined without a video track. */
  width: number | undefined;
  height: number | undefined;
  videoCodec: string | undefined;
  audioCodec: string | undefined;
  frameRate: number | undefined;
  /** The video's keyframe times, ascending: where a cut without re-encoding may start. */
  keyframes: readonly number[];
}

export interface ClipFacts extends FileFacts {
  kind: 'video';
  probe: ClipProbe;
}

/** What was read of an input, whatever its kind. */
export type InputFacts = ImageFacts | AudioFacts | ClipFacts;

/** Larger than any real photo; a header claiming more is lying or damaged. */
const IMPLAUSIBLE_SIDE = 65_535;

async function withSource<T>(path: string, use: (source: ByteSource, bytes: number, mtimeMs: number) => Promise<T>): Promise<T> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
    const source: ByteSource = {
      size: info.size,
      async read(offset, length) {
        const size = Math.max(0, Math.min(length, info.size - offset));
        const buffer = Buffer.alloc(size);
        if (size === 0) return buffer;
        const { bytesRead } = await handle.read(buffer, 0, size, offset);
        return buffer.subarray(0, bytesRead);
      },
    };
    return await use(source, info.size, info.mtimeMs);
  } finally {
    await handle.close();
  }
}

function fileProblem(role: MediaRole, error: unknown): Problem {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return { code: 'file-missing', role };
  return { code: 'file-unreadable', role, detail: code ?? (error instanceof Error ? error.message : String(error)) };
}

export async function inspectImage(path: string, role: MediaRole): Promise<{ facts?: ImageFacts; problems: Problem[] }> {
  try {
    return await withSource(path, async (source, bytes, mtimeMs) => {
      const probe = await probeImage(source);
      return { facts: { kind: 'image', path, bytes, mtimeMs, probe }, problems: [] };
    });
  } catch (error) {
    return { problems: [fileProblem(role, error)] };
  }
}

export async function inspectAudio(path: string, role: MediaRole = ROLE.audio): Promise<{ facts?: AudioFacts; problems: Problem[] }> {
  try {
    return await withSource(path, async (source, bytes, mtimeMs) => {
      const probe = await probeAudio(source);
      return { facts: { kind: 'audio', path, bytes, mtimeMs, probe }, problems: [] };
    });
  } catch (error) {
    return { problems: [fileProblem(role, error)] };
  }
}

/** Every way a probed image breaks a model's limits, one problem each. */
export function imageProblems(role: MediaRole, facts: ImageFacts, limits: ImageLimits): Problem[] {
  const { probe, bytes } = facts;
  if (bytes === 0 || probe.corrupt === 'empty') return [{ code: 'file-empty', role }];
  if (probe.format === 'unknown') return [{ code: 'image-not-an-image', role }];
  if (!(limits.formats as readonly string[]).includes(probe.format)) return [{ code: 'image-format-unsupported', role, format: probe.format }];
  if (probe.corrupt === 'truncated') return [{ code: 'image-truncated', role }];
  if (probe.corrupt === 'malformed' || probe.width === undefined || probe.height === undefined) return [{ code: 'image-malformed', role }];
  const { width, height } = probe;
  if (width < 1 || height < 1 || width > IMPLAUSIBLE_SIDE || height > IMPLAUSIBLE_SIDE) {
    return [{ code: 'image-implausible-size', role, width, height }];
  }
  const problems: Problem[] = [];
  if (probe.hasAlpha) problems.push({ code: 'image-alpha', role });
  if (Math.min(width, height) < limits.minSide) problems.push({ code: 'image-too-small', role, width, height, min: limits.minSide });
  if (Math.max(width, height) > limits.maxSide) problems.push({ code: 'image-too-large', role, width, height, max: limits.maxSide });
  if (bytes > limits.maxBytes) problems.push({ code: 'image-too-many-bytes', role, bytes, max: limits.maxBytes });
  if (limits.maxAspect !== undefined && Math.max(width, height) / Math.min(width, height) > limits.maxAspect) {
    problems.push({ code: 'image-aspect', role, width, height, max: limits.maxAspect });
  }
  return problems;
}

export function audioProblems(facts: AudioFacts, limits: AudioLimits): Problem[] {
  const { probe, bytes } = facts;
  if (bytes === 0 || probe.corrupt === 'empty') return [{ code: 'file-empty', role: ROLE.audio }];
  if (probe.format === 'unknown') return [{ code: 'audio-format', format: extensionOf(facts.path) || 'unknown' }];
  if (probe.corrupt || probe.seconds === undefined) return [{ code: 'audio-malformed' }];
  const problems: Problem[] = [];
  if (bytes > limits.maxBytes) problems.push({ code: 'audio-too-many-bytes', bytes, max: limits.maxBytes });
  if (probe.seconds < limits.minSeconds) problems.push({ code: 'audio-too-short', seconds: probe.seconds, min: limits.minSeconds });
  if (probe.seconds > limits.maxSeconds) problems.push({ code: 'audio-too-long', seconds: probe.seconds, max: limits.maxSeconds });
  return problems;
}

function extensionOf(path: string): string {
  const match = /\.([A-Za-z0-9]+)$/.exec(path);
  return match ? (match[1] as string).toUpperCase() : '';
}

/** sha256 of a file, streamed (sidecars record what produced a video). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** True when the file is no longer what was inspected (changed or replaced since). */
export async function changedSince(facts: FileFacts & { remote?: boolean }): Promise<boolean> {
  if (facts.remote) return false;
  try {
    const info = await stat(facts.path);
    return info.size !== facts.bytes || info.mtimeMs !== facts.mtimeMs;
  } catch {
    return true;
  }
}
