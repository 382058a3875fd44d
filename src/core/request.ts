import { realpath } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { z } from 'zod';
import { audioProblems, type AudioFacts, imageProblems, type ImageFacts, inspectAudio, inspectImage } from './inspect';
import type { Dispatcher } from 'undici';
import { AUTO_DURATION, MODELS, modelFamily, type ModelSpec, type Ratio, type Resolution } from './models';
import type { Problem } from './problems';
import { type Endpoint, reachesWorkspace, REGIONS } from './regions';
import { inspectRemoteImage, isImageUrl } from './remoteImage';

/** What a user asks for, as the CLI, the form and a resumed job all describe it. */
export const GenerationRequestSchema = z.object({
  /** A local path, or an http(s) image URL the service fetches itself. */
  firstPath: z.string().min(1),
  lastPath: z.string().min(1),
  audioPath: z.string().min(1).optional(),
  model: z.string().min(1),
  prompt: z.string().default(''),
  negativePrompt: z.string().default(''),
  /** Omitted: the model's default. Strings because they come from forms and command lines. */
  resolution: z.string().optional(),
  duration: z.union([z.number(), z.string()]).optional(),
  promptExtend: z.boolean().default(true),
  watermark: z.boolean().default(false),
  seed: z.union([z.number(), z.string()]).optional(),
  /** Wan 3.0: the output's shape (`adaptive` by default) and whether it has a sound track (on by default). */
  ratio: z.string().optional(),
  sound: z.boolean().optional(),
});
export type GenerationRequest = z.input<typeof GenerationRequestSchema>;

/** A request that passed every check: the values the service will receive. */
export interface GenerationPlan {
  spec: ModelSpec;
  /** The id sent on the wire: region-specific (wan2.1-kf2v-plus in Singapore) or the dated id the user chose. */
  wireModel: string;
  prompt: string;
  negativePrompt: string;
  resolution: Resolution;
  duration: number;
  promptExtend: boolean;
  watermark: boolean;
  seed: number | undefined;
  /** Wan 3.0 only (undefined for the others). */
  ratio: Ratio | undefined;
  sound: boolean | undefined;
  first: ImageFacts;
  last: ImageFacts;
  audio: AudioFacts | undefined;
}

const MAX_SEED = 2147483647;

function characters(text: string): number {
  return [...text].length;
}

/**
 * Resolves the model id for an endpoint. A region that does not offer the model, a model served only on workspace
 * hosts without a workspace, and a region without a shared host without one are each a problem.
 */
export function resolveModel(model: string, endpoint: Endpoint): { spec: ModelSpec; wireModel: string } | Problem {
  const family = modelFamily(model);
  if (!family) return { code: 'model-unknown', model };
  const spec = MODELS[family];
  if (spec.workspaceOnly && !reachesWorkspace(endpoint)) return { code: 'model-needs-workspace', model: family };
  if (endpoint.kind === 'custom') return { spec, wireModel: model.trim() };
  const regional = spec.regionIds[endpoint.region];
  if (!regional) return { code: 'model-not-in-region', model: family, region: REGIONS[endpoint.region].name.en };
  if (endpoint.baseUrl === '') return { code: 'region-needs-workspace', region: REGIONS[endpoint.region].name.en };
  const dated = family === 'wan2.7-i2v' && model.trim() !== family;
  return { spec, wireModel: dated ? model.trim() : regional };
}

/** Checks the parameters against the model, without touching any file. */
export function parameterProblems(
  request: GenerationRequest,
  spec: ModelSpec,
): { problems: Problem[]; resolution: Resolution; duration: number; seed: number | undefined; ratio: Ratio | undefined; sound: boolean | undefined } {
  const problems: Problem[] = [];
  const prompt = request.prompt ?? '';
  const negativePrompt = request.negativePrompt ?? '';
  if (characters(prompt) > spec.promptMaxChars) problems.push({ code: 'prompt-too-long', length: characters(prompt), max: spec.promptMaxChars });
  if (!spec.negativePrompt && negativePrompt.trim() !== '') problems.push({ code: 'negative-prompt-not-supported', model: spec.id });
  else if (characters(negativePrompt) > spec.negativePromptMaxChars) {
    problems.push({ code: 'negative-prompt-too-long', length: characters(negativePrompt), max: spec.negativePromptMaxChars });
  }
  let resolution = spec.defaultResolution;
  if (request.resolution !== undefined && request.resolution !== '') {
    const wanted = request.resolution.trim().toUpperCase();
    const found = spec.resolutions.find((r) => r === wanted);
    if (found) resolution = found;
    else problems.push({ code: 'resolution-unsupported', resolution: request.resolution, model: spec.id, allowed: spec.resolutions.join(', ') });
  }
  let duration = spec.duration.default;
  if (request.duration !== undefined && request.duration !== '') {
    const text = typeof request.duration === 'number' ? String(request.duration) : request.duration.trim().toLowerCase();
    const value = text === 'auto' ? AUTO_DURATION : Number(text);
    const auto = spec.shape?.autoDuration === true && value === AUTO_DURATION;
    if (auto || (Number.isInteger(value) && value >= spec.duration.min && value <= spec.duration.max)) duration = value;
    else problems.push({ code: 'duration-invalid', duration: String(request.duration), min: spec.duration.min, max: spec.duration.max, auto: spec.shape?.autoDuration === true });
  }
  let ratio: Ratio | undefined = spec.shape?.defaultRatio;
  if (spec.shape && request.ratio !== undefined && request.ratio.trim() !== '') {
    const wanted = request.ratio.trim().toLowerCase();
    const found = spec.shape.ratios.find((r) => r === wanted);
    if (found) ratio = found;
    else problems.push({ code: 'ratio-unsupported', ratio: request.ratio, model: spec.id, allowed: spec.shape.ratios.join(', ') });
  }
  const sound = spec.shape ? (request.sound ?? true) : undefined;
  let seed: number | undefined;
  if (request.seed !== undefined && request.seed !== '') {
    const text = String(request.seed).trim();
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (Number.isSafeInteger(value) && value >= 0 && value <= MAX_SEED) seed = value;
    else problems.push({ code: 'seed-invalid', seed: text });
  }
  return { problems, resolution, duration, seed, ratio, sound };
}

export interface PlanOptions {
  /** When given, a frame reached through a link must resolve inside one of these folders (a link in a cloned repo must not smuggle in files from elsewhere). */
  allowedRoots?: readonly string[];
  /** How an image URL given as a frame is checked before any create (its first bytes); URLs are a problem without it. */
  remote?: { dispatcher: Dispatcher; userAgent: string; signal?: AbortSignal };
}

/** A frame from disk, or from an image URL whose first bytes are read to check it like a file. */
async function inspectFrame(value: string, role: 'first' | 'last', options: PlanOptions): Promise<{ facts?: ImageFacts; problems: Problem[] }> {
  if (!isImageUrl(value)) return inspectImage(value, role);
  if (!options.remote) return { problems: [{ code: 'url-invalid', role, value }] };
  return inspectRemoteImage(value, role, options.remote);
}

async function outsideRoots(file: string, role: 'first' | 'last' | 'audio', roots: readonly string[] | undefined): Promise<Problem[]> {
  if (!roots || roots.length === 0) return [];
  let real: string;
  try {
    real = await realpath(file);
  } catch {
    return []; // a missing file is reported by the inspection
  }
  if (real === resolve(file)) return []; // not a link: a file the user chose themselves, wherever it is
  const realRoots = await Promise.all(roots.map((root) => realpath(root).catch(() => root)));
  const inside = realRoots.some((root) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep));
  return inside ? [] : [{ code: 'file-outside-workspace', role, target: real }];
}

/** Every check before any request: model, region, parameters, both frames and the audio, read from disk. */
export async function planGeneration(input: GenerationRequest, endpoint: Endpoint, options: PlanOptions = {}): Promise<{ plan?: GenerationPlan; problems: Problem[] }> {
  const request = GenerationRequestSchema.parse(input);
  const resolved = resolveModel(request.model, endpoint);
  if ('code' in resolved) return { problems: [resolved] };
  const { spec, wireModel } = resolved;
  const parameters = parameterProblems(request, spec);
  const problems = [...parameters.problems];
  const [first, last] = await Promise.all([inspectFrame(request.firstPath, 'first', options), inspectFrame(request.lastPath, 'last', options)]);
  problems.push(...first.problems, ...last.problems);
  for (const [file, role] of [[request.firstPath, 'first'], [request.lastPath, 'last']] as const) {
    if (!isImageUrl(file)) problems.push(...(await outsideRoots(file, role, options.allowedRoots)));
  }
  if (request.audioPath) problems.push(...(await outsideRoots(request.audioPath, 'audio', options.allowedRoots)));
  if (first.facts) problems.push(...imageProblems('first', first.facts, spec.image));
  if (last.facts) problems.push(...imageProblems('last', last.facts, spec.image));
  let audio: AudioFacts | undefined;
  if (request.audioPath) {
    if (!spec.audio) problems.push({ code: 'audio-not-supported', model: spec.id });
    else {
      const inspected = await inspectAudio(request.audioPath);
      problems.push(...inspected.problems);
      if (inspected.facts) {
        problems.push(...audioProblems(inspected.facts, spec.audio));
        audio = inspected.facts;
      }
    }
  }
  if (problems.length > 0 || !first.facts || !last.facts) return { problems };
  return {
    problems: [],
    plan: {
      spec,
      wireModel,
      prompt: request.prompt,
      negativePrompt: request.negativePrompt,
      resolution: parameters.resolution,
      duration: parameters.duration,
      promptExtend: request.promptExtend,
      watermark: request.watermark,
      seed: parameters.seed,
      ratio: parameters.ratio,
      sound: parameters.sound,
      first: first.facts,
      last: last.facts,
      audio,
    },
  };
}
