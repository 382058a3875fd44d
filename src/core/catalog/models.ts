import { type Inputs, type MediaRole, ROLE } from '../../shared/mediaRoles';
import type { RegionId } from './regions';

/** The model families this tool drives. Dated snapshots (wan2.7-i2v-2026-04-25) map to their family. */
export const MODEL_IDS = ['wan3.0-video', 'wan3.0-video-prime', 'wan2.7-i2v', 'wan2.2-kf2v-flash', 'wanx2.1-kf2v-plus'] as const;
export type ModelId = (typeof MODEL_IDS)[number];

export const RESOLUTIONS = ['480P', '720P', '1080P'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/** Total pixels each tier aims at; the service keeps the first frame's aspect and rounds sides down to 16. */
export const RESOLUTION_PIXELS: Record<Resolution, number> = {
  '480P': 832 * 480,
  '720P': 1280 * 720,
  '1080P': 1920 * 1080,
};

/** Wan 3.0's output shapes (addendum §A1.2); `adaptive` lets the model choose from the frames. */
export const RATIOS = ['adaptive', '16:9', '4:3', '1:1', '3:4', '9:16'] as const;
export type Ratio = (typeof RATIOS)[number];

/** `duration: -1` asks Wan 3.0 to choose the length itself (addendum §A1.2). */
export const AUTO_DURATION = -1;

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'bmp';
export type AudioFormat = 'wav' | 'mp3';
export type VideoFormat = 'mp4' | 'mov';

export interface ImageLimits {
  minSide: number;
  maxSide: number;
  maxBytes: number;
  formats: readonly ImageFormat[];
  /** Longest side / shortest side. Only wan2.7 documents one (1:8–8:1). */
  maxAspect: number | undefined;
}

export interface AudioLimits {
  formats: readonly AudioFormat[];
  minSeconds: number;
  maxSeconds: number;
  maxBytes: number;
}

export interface ClipLimits {
  formats: readonly VideoFormat[];
  minSeconds: number;
  maxSeconds: number;
  minSide: number;
  maxSide: number;
  /** Longest side / shortest side (1:8–8:1). */
  maxAspect: number;
  maxBytes: number;
}

/**
 * One input a model takes: what kind of file, its limits, and whether it may travel inline as a `data:` URL
 * (documented for frames only; audio and clips go as a URL or a temporary upload).
 */
export type InputSpec =
  | { kind: 'image'; limits: ImageLimits; inline: true }
  | { kind: 'audio'; limits: AudioLimits; inline: false }
  | { kind: 'video'; limits: ClipLimits; inline: false };

export interface ModelSpec {
  id: ModelId;
  /** Which create route serves it: kf2v models are NOT on video-generation (dashscope-api.md §0). */
  route: 'video-generation' | 'image2video';
  /** wan2.7 and Wan 3.0 take `input.media[]`; kf2v takes one URL field per role (service/schemas.ts kf2vField). */
  bodyStyle: 'media' | 'frameUrls';
  resolutions: readonly Resolution[];
  defaultResolution: Resolution;
  duration: { min: number; max: number; default: number };
  promptMaxChars: number;
  negativePromptMaxChars: number;
  /** The roles it takes, each with its limits. */
  inputs: Inputs<InputSpec>;
  /** The sets of roles the contract lists as legal (any other set is refused). */
  combinations: ReadonlyArray<readonly MediaRole[]>;
  /** The id the service knows the model by, per region where it is offered. */
  regionIds: Partial<Record<RegionId, string>>;
  /** Concurrent running tasks per account (rate-limit table); extra tasks wait in PENDING. */
  concurrency: number;
  /** Output has a sound track: wan2.7 dubs automatically or uses the driving audio; kf2v is silent. */
  hasSound: boolean;
  /** Served only on workspace hosts (`{WorkspaceId}.{region}.maas.aliyuncs.com`): Wan 3.0 (addendum §A1.1). */
  workspaceOnly: boolean;
  /** The model takes a negative prompt (Wan 3.0 does not, addendum §A1.2). */
  negativePrompt: boolean;
  /** Wan 3.0's `ratio`, `audio` on/off and smart duration (`-1`); undefined for the others. */
  shape: { ratios: readonly Ratio[]; defaultRatio: Ratio; audioSwitch: true; autoDuration: true } | undefined;
}

const MB = 1024 * 1024;
const FRAME_FORMATS: readonly ImageFormat[] = ['png', 'jpeg', 'webp', 'bmp'];
/** wan2.7's and Wan 3.0's frames: 240–8000 px a side, 1:8–8:1, 20 MB. */
const WAN_FRAME_LIMITS: ImageLimits = { minSide: 240, maxSide: 8000, maxBytes: 20 * MB, formats: FRAME_FORMATS, maxAspect: 8 };

/** A first and a last frame under the same limits, both of which may go inline. */
function frames(limits: ImageLimits): Inputs<InputSpec> {
  return { [ROLE.first]: { kind: 'image', limits, inline: true }, [ROLE.last]: { kind: 'image', limits, inline: true } };
}

/** What the two keyframe-to-video (kf2v) models share: the image2video route, frame URLs, a fixed 5 s. */
const KF2V_COMMON = {
  route: 'image2video',
  bodyStyle: 'frameUrls',
  duration: { min: 5, max: 5, default: 5 },
  promptMaxChars: 800,
  negativePromptMaxChars: 500,
  // The 2026 doc says 240–8000 px; the 2025 one said 360–2000. We follow the newest (dashscope-api.md §3.1).
  inputs: frames({ minSide: 240, maxSide: 8000, maxBytes: 10 * MB, formats: FRAME_FORMATS, maxAspect: undefined }),
  // The first frame is required and the last optional (dashscope-api.md §3.1).
  combinations: [[ROLE.first], [ROLE.first, ROLE.last]],
  concurrency: 2,
  hasSound: false,
  workspaceOnly: false,
  negativePrompt: true,
  shape: undefined,
} as const satisfies Partial<ModelSpec>;

/**
 * Wan 3.0 in first(+last)-frame mode (addendum §A1): images only (no driving audio, no negative prompt), 2–30 s or
 * the model's choice, 5 tasks at a time. Virginia's ids carry `-us` (addendum §A2).
 */
const WAN30_COMMON = {
  route: 'video-generation',
  bodyStyle: 'media',
  resolutions: ['480P', '720P', '1080P'],
  defaultResolution: '1080P',
  duration: { min: 2, max: 30, default: 5 },
  promptMaxChars: 20_000,
  negativePromptMaxChars: 0,
  inputs: frames(WAN_FRAME_LIMITS),
  // Frame mode: a first frame, and optionally a last (addendum §A1.3); references are another mode.
  combinations: [[ROLE.first], [ROLE.first, ROLE.last]],
  concurrency: 5,
  hasSound: true,
  workspaceOnly: true,
  negativePrompt: false,
  shape: { ratios: RATIOS, defaultRatio: 'adaptive', audioSwitch: true, autoDuration: true },
} as const satisfies Partial<ModelSpec>;

const wan30Regions = (id: string): Partial<Record<RegionId, string>> => ({
  'cn-beijing': id,
  'ap-southeast-1': id,
  'cn-hongkong': id,
  'ap-northeast-1': id,
  'eu-central-1': id,
  'us-east-1': `${id}-us`,
});

export const MODELS: Record<ModelId, ModelSpec> = {
  'wan3.0-video': { ...WAN30_COMMON, id: 'wan3.0-video', regionIds: wan30Regions('wan3.0-video') },
  'wan3.0-video-prime': { ...WAN30_COMMON, id: 'wan3.0-video-prime', regionIds: wan30Regions('wan3.0-video-prime') },
  'wan2.7-i2v': {
    id: 'wan2.7-i2v',
    route: 'video-generation',
    bodyStyle: 'media',
    resolutions: ['720P', '1080P'],
    defaultResolution: '1080P',
    duration: { min: 2, max: 15, default: 5 },
    promptMaxChars: 5000,
    negativePromptMaxChars: 500,
    inputs: {
      ...frames(WAN_FRAME_LIMITS),
      [ROLE.audio]: { kind: 'audio', limits: { formats: ['wav', 'mp3'], minSeconds: 2, maxSeconds: 30, maxBytes: 15 * MB }, inline: false },
      [ROLE.clip]: {
        kind: 'video',
        limits: { formats: ['mp4', 'mov'], minSeconds: 2, maxSeconds: 10, minSide: 240, maxSide: 4096, maxAspect: 8, maxBytes: 100 * MB },
        inline: false,
      },
    },
    // §4.2: each role at most once, and only these sets; driving audio never goes with a clip.
    combinations: [
      [ROLE.first],
      [ROLE.first, ROLE.audio],
      [ROLE.first, ROLE.last],
      [ROLE.first, ROLE.last, ROLE.audio],
      [ROLE.clip],
      [ROLE.clip, ROLE.last],
    ],
    regionIds: { 'cn-beijing': 'wan2.7-i2v', 'ap-southeast-1': 'wan2.7-i2v' },
    concurrency: 5,
    hasSound: true,
    workspaceOnly: false,
    negativePrompt: true,
    shape: undefined,
  },
  'wan2.2-kf2v-flash': {
    ...KF2V_COMMON,
    id: 'wan2.2-kf2v-flash',
    resolutions: ['480P', '720P', '1080P'],
    defaultResolution: '720P',
    // Singapore is UNCONFIRMED (absent from the rate table, present in the EN guide's sample): offered, tolerantly.
    regionIds: { 'cn-beijing': 'wan2.2-kf2v-flash', 'ap-southeast-1': 'wan2.2-kf2v-flash' },
  },
  'wanx2.1-kf2v-plus': {
    ...KF2V_COMMON,
    id: 'wanx2.1-kf2v-plus',
    resolutions: ['720P'],
    defaultResolution: '720P',
    regionIds: { 'cn-beijing': 'wanx2.1-kf2v-plus', 'ap-southeast-1': 'wan2.1-kf2v-plus' },
  },
};

const DATED_WAN27 = /^wan2\.7-i2v-\d{4}-\d{2}-\d{2}$/;

/** Finds the family of a model id as a user or the service may spell it; undefined when unknown. */
export function modelFamily(id: string): ModelId | undefined {
  const trimmed = id.trim();
  if ((MODEL_IDS as readonly string[]).includes(trimmed)) return trimmed as ModelId;
  if (DATED_WAN27.test(trimmed)) return 'wan2.7-i2v';
  if (trimmed === 'wan2.1-kf2v-plus') return 'wanx2.1-kf2v-plus';
  if (trimmed === 'wan3.0-video-us') return 'wan3.0-video';
  if (trimmed === 'wan3.0-video-prime-us') return 'wan3.0-video-prime';
  return undefined;
}

/** Output size: the first frame's aspect, the tier's pixel budget, both sides rounded down to a multiple of 16. */
export function outputSize(firstWidth: number, firstHeight: number, resolution: Resolution): { width: number; height: number } {
  const aspect = firstWidth / firstHeight;
  const pixels = RESOLUTION_PIXELS[resolution];
  const width = Math.sqrt(pixels * aspect);
  const height = width / aspect;
  return { width: Math.max(16, Math.floor(width / 16) * 16), height: Math.max(16, Math.floor(height / 16) * 16) };
}

/** Whether the model takes `role` at all. */
export function takesRole(spec: ModelSpec, role: MediaRole): boolean {
  return spec.inputs[role] !== undefined;
}

/** Whether this set of roles is one the contract lists for the model (order does not matter). */
export function isLegalCombination(spec: ModelSpec, roles: readonly MediaRole[]): boolean {
  const wanted = [...roles].sort().join('+');
  return spec.combinations.some((combination) => [...combination].sort().join('+') === wanted);
}

/** The limits of an image role, an audio role, a clip role (undefined when the model does not take it). */
export function imageLimits(spec: ModelSpec, role: MediaRole): ImageLimits | undefined {
  const input = spec.inputs[role];
  return input?.kind === 'image' ? input.limits : undefined;
}

export function audioLimits(spec: ModelSpec, role: MediaRole = ROLE.audio): AudioLimits | undefined {
  const input = spec.inputs[role];
  return input?.kind === 'audio' ? input.limits : undefined;
}

export function clipLimits(spec: ModelSpec, role: MediaRole = ROLE.clip): ClipLimits | undefined {
  const input = spec.inputs[role];
  return input?.kind === 'video' ? input.limits : undefined;
}
