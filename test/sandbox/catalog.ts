/** The simulator's own reading of dashscope-api.md: which model lives on which route, with which limits. */
export interface SimModel {
  route: 'video-generation' | 'image2video';
  family: 'wan3.0' | 'wan2.7' | 'kf2v-flash' | 'kf2v-plus';
  resolutions: string[];
  defaultResolution: string;
  duration: { min: number; max: number; default: number };
  promptMax: number;
  image: { minSide: number; maxSide: number; maxBytes: number; maxAspect?: number };
  concurrency: number;
  regions: string[];
  /** Served only on workspace hosts (addendum §A1.1). */
  workspaceOnly?: boolean;
}

const MB = 1024 * 1024;
const wan27: SimModel = {
  route: 'video-generation',
  family: 'wan2.7',
  resolutions: ['720P', '1080P'],
  defaultResolution: '1080P',
  duration: { min: 2, max: 15, default: 5 },
  promptMax: 5000,
  image: { minSide: 240, maxSide: 8000, maxBytes: 20 * MB, maxAspect: 8 },
  concurrency: 5,
  regions: ['cn-beijing', 'ap-southeast-1'],
};
const kf2v = {
  route: 'image2video' as const,
  duration: { min: 5, max: 5, default: 5 },
  promptMax: 800,
  image: { minSide: 240, maxSide: 8000, maxBytes: 10 * MB },
  concurrency: 2,
};

/** Addendum §A1: the keyframe mode of Wan 3.0 (the simulator's own reading; duration -1 is the model's choice). */
const wan30: SimModel = {
  route: 'video-generation',
  family: 'wan3.0',
  resolutions: ['480P', '720P', '1080P'],
  defaultResolution: '1080P',
  duration: { min: 2, max: 30, default: 5 },
  promptMax: 20000,
  image: { minSide: 240, maxSide: 8000, maxBytes: 20 * MB, maxAspect: 8 },
  concurrency: 5,
  regions: ['cn-beijing', 'ap-southeast-1', 'cn-hongkong', 'ap-northeast-1', 'eu-central-1', 'us-east-1'],
  workspaceOnly: true,
};

export const SIM_MODELS: Record<string, SimModel> = {
  'wan3.0-video': wan30,
  'wan3.0-video-prime': wan30,
  'wan2.7-i2v': wan27,
  'wan2.7-i2v-2026-04-25': wan27,
  'wan2.2-kf2v-flash': { ...kf2v, family: 'kf2v-flash', resolutions: ['480P', '720P', '1080P'], defaultResolution: '720P', regions: ['cn-beijing', 'ap-southeast-1'] },
  'wanx2.1-kf2v-plus': { ...kf2v, family: 'kf2v-plus', resolutions: ['720P'], defaultResolution: '720P', regions: ['cn-beijing'] },
  'wan2.1-kf2v-plus': { ...kf2v, family: 'kf2v-plus', resolutions: ['720P'], defaultResolution: '720P', regions: ['ap-southeast-1'] },
};

export const TIER_PIXELS: Record<string, number> = { '480P': 832 * 480, '720P': 1280 * 720, '1080P': 1920 * 1080 };

/** §4.3: keep the first frame's aspect, scale to the tier's pixels, round each side down to a multiple of 16. */
export function serviceOutputSize(width: number, height: number, resolution: string): { width: number; height: number } {
  const aspect = width / height;
  const pixels = TIER_PIXELS[resolution] ?? TIER_PIXELS['720P'] as number;
  const w = Math.sqrt(pixels * aspect);
  return { width: Math.floor(w / 16) * 16, height: Math.floor(w / aspect / 16) * 16 };
}

/** `YYYY-MM-DD HH:mm:ss.SSS` in UTC+8, as task queries report times. */
export function beijingTime(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace('T', ' ').replace('Z', '');
}

/** `YYYYMMDDhhmmss` (UTC+8) → epoch ms, for the list endpoint's window. */
export function parseCompactBeijing(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) - 8 * 3600_000;
}
