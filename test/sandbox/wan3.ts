import { TIER_PIXELS } from './catalog';

/**
 * The simulator's own reading of Wan 3.0 (addendum §A1): which media sets are legal, which parameters it takes,
 * the output shape a ratio gives, and usage as the docs print it (float-formatted numbers).
 */
export type Wan3Check =
  | { ok: true; first: string; last?: string; conflict: boolean }
  | { ok: false; status: number; code: string; message: string };

const TYPES = ['first_frame', 'last_frame', 'reference_image', 'reference_video', 'reference_audio', 'file', 'link'];
const LIMITS: Record<string, number> = { first_frame: 1, last_frame: 1, reference_image: 10, reference_video: 5, reference_audio: 5, file: 1, link: 1 };
export const WAN3_RATIOS = ['adaptive', '16:9', '4:3', '1:1', '3:4', '9:16', '21:9'];
export const MODE_CONFLICT = 'The two modes are mutually exclusive. Do not pass reference_xx and first_frame/last_frame at the same time.';

const bad = (message: string): Wan3Check => ({ ok: false, status: 400, code: 'InvalidParameter', message });

/** §A1.3: type counts and legal sets. Frames mixed with references is documented as a FAILED task, not a 400. */
export function wan3Media(media: unknown): Wan3Check {
  if (!Array.isArray(media) || media.length === 0) return bad('The simulator serves first(+last) frame tasks: input.media is required.');
  const count = new Map<string, number>();
  const urls = new Map<string, string>();
  for (const item of media as Array<{ type?: unknown; url?: unknown }>) {
    if (typeof item?.type !== 'string' || typeof item.url !== 'string' || item.url === '') return bad('Each media item needs a type and a url.');
    if (!TYPES.includes(item.type)) return bad(`Unsupported media type for wan3.0: ${item.type}.`);
    count.set(item.type, (count.get(item.type) ?? 0) + 1);
    if ((count.get(item.type) ?? 0) > (LIMITS[item.type] ?? 0)) return bad(`Too many media of type ${item.type}.`);
    if (!urls.has(item.type)) urls.set(item.type, item.url);
  }
  if (count.has('file') && count.has('link')) return bad('file and link cannot be used together.');
  const frames = count.has('first_frame') || count.has('last_frame');
  const references = [...count.keys()].some((type) => type.startsWith('reference_'));
  if (count.has('last_frame') && !count.has('first_frame')) return bad('last_frame needs a first_frame.');
  const first = urls.get('first_frame');
  if (!first) return bad('The simulator serves first(+last) frame tasks only.');
  return { ok: true, first, last: urls.get('last_frame'), conflict: frames && references };
}

export interface Wan3Parameters {
  resolution: string;
  ratio: string;
  duration: number;
  audio: boolean;
}

/** §A1.2: resolution, ratio, duration (2–30 or -1), audio, seed (-1 or 0–2147483647). */
export function wan3Parameters(parameters: Record<string, unknown>): Wan3Parameters | { ok: false; status: number; code: string; message: string } {
  const resolution = parameters.resolution === undefined ? '1080P' : String(parameters.resolution);
  if (!['480P', '720P', '1080P'].includes(resolution)) return { ok: false, status: 400, code: 'InvalidParameter', message: `The resolution is not valid: ${resolution}.` };
  const ratio = parameters.ratio === undefined ? 'adaptive' : String(parameters.ratio);
  if (!WAN3_RATIOS.includes(ratio)) return { ok: false, status: 400, code: 'InvalidParameter', message: `The ratio is not valid: ${ratio}.` };
  const duration = parameters.duration === undefined ? 5 : Number(parameters.duration);
  if (!Number.isInteger(duration) || !(duration === -1 || (duration >= 2 && duration <= 30))) {
    return { ok: false, status: 400, code: 'InvalidParameter', message: `The duration is not valid: ${String(parameters.duration)}.` };
  }
  if (parameters.audio !== undefined && typeof parameters.audio !== 'boolean') return { ok: false, status: 400, code: 'InvalidParameter', message: 'The parameter audio must be a boolean.' };
  const seed = parameters.seed;
  if (seed !== undefined && !(seed === -1 || (Number.isInteger(seed) && (seed as number) >= 0 && (seed as number) <= 2147483647))) {
    return { ok: false, status: 400, code: 'InvalidParameter', message: 'The seed is out of range.' };
  }
  return { resolution, ratio, duration, audio: parameters.audio !== false };
}

const SHAPES: Record<string, number> = { '16:9': 16 / 9, '4:3': 4 / 3, '1:1': 1, '3:4': 3 / 4, '9:16': 9 / 16, '21:9': 21 / 9 };

/** `adaptive` resolves to the listed ratio nearest the first frame's shape (the docs say "from the media"). */
export function resolvedRatio(ratio: string, width: number, height: number): string {
  if (ratio !== 'adaptive') return ratio;
  const aspect = width / height;
  return Object.entries(SHAPES).filter(([name]) => name !== '21:9').sort((a, b) => Math.abs(Math.log(a[1] / aspect)) - Math.abs(Math.log(b[1] / aspect)))[0]?.[0] ?? '16:9';
}

export function wan3OutputSize(ratio: string, resolution: string): { width: number; height: number } {
  const aspect = SHAPES[ratio] ?? 16 / 9;
  const pixels = TIER_PIXELS[resolution] ?? (TIER_PIXELS['720P'] as number);
  const w = Math.sqrt(pixels * aspect);
  return { width: Math.floor(w / 16) * 16, height: Math.floor(w / aspect / 16) * 16 };
}

/** A smart duration (`-1`): the model picks; here from the prompt's length, 3–8 s. */
export function smartDuration(prompt: string | null): number {
  return Math.min(8, 3 + Math.floor([...(prompt ?? '')].length / 40));
}

/** The usage object as the docs print it: `5.0`, `0.0` — floats where a JSON encoder would write integers. */
export function wan3UsageText(seconds: number, resolution: string, ratio: string): string {
  const float = (n: number) => (Number.isInteger(n) ? n.toFixed(1) : String(n));
  const sr = Number(resolution.replace('P', ''));
  return `{"video_count":1,"duration":${float(seconds)},"input_video_duration":0.0,"output_video_duration":${float(seconds)},"fps":30,"SR":${sr},"ratio":"${ratio}"}`;
}
