import { realpath } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import * as z from 'zod';
import { audioProblems, imageProblems, type ImageFacts, type InputFacts, inspectAudio, inspectImage } from './inspect';
import { type Inputs, MEDIA_ROLES, type MediaRole, ROLE, ROLE_KIND, ROLE_SLUG, rolesOf } from '../../shared/mediaRoles';
import type { Dispatcher } from 'undici';
import { audioLimits, AUTO_DURATION, clipLimits, imageLimits, isLegalCombination, MODELS, modelFamily, type ModelSpec, type Ratio, type Resolution, takesRole } from '../catalog/models';
import type { Problem } from './problems';
import { type Endpoint, reachesWorkspace } from '../catalog/regions';
import { inspectRemoteImage, isImageUrl } from './remoteImage';
import { clipProblems, inspectClip } from './clipCheck';
import { clipDurationProblems } from './clipDuration';
import { deferredSchema } from '../../shared/deferredSchema';

/** What a user asks for, as the CLI, the form and a resumed job all describe it. */
export const GenerationRequestSchema = deferredSchema(() => z.object({
  /** Each input by its role: a local path, or for a frame an http(s) image URL the service fetches itself. */
  inputs: z.partialRecord(z.enum(MEDIA_ROLES), z.string().min(1)),
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
}));
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
  /** What was read of each input, by role. */
  inputs: Inputs<InputFacts>;
}

/** The frames of a plan (images, local or URLs), in the API's order. */
export function planFrames(plan: Pick<GenerationPlan, 'inputs'>): ImageFacts[] {
  return rolesOf(plan.inputs).flatMap((role) => {
    const facts = plan.inputs[role];
    return facts?.kind === 'image' ? [facts] : [];
  });
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
  if (!regional) return { code: 'model-not-in-region', model: family, region: endpoint.region };
  if (endpoint.baseUrl === '') return { code: 'region-needs-workspace', region: endpoint.region };
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
  else if (spec.negativePrompt && characters(negativePrompt) > spec.negativePromptMaxChars) {
    problems.push({ code: 'negative-prompt-too-long', length: characters(negativePrompt), max: spec.negativePromptMaxChars });
  }
  let resolution = spec.defaultResolution;
  if (request.resolution !== undefined && request.resolution.trim() !== '') {
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
async function inspectFrame(value: string, role: MediaRole, options: PlanOptions): Promise<{ facts?: ImageFacts; problems: Problem[] }> {
  if (!isImageUrl(value)) return inspectImage(value, role);
  if (!options.remote) return { problems: [{ code: 'url-invalid', role, value }] };
  return inspectRemoteImage(value, role, options.remote);
}

async function outsideRoots(file: string, role: MediaRole, roots: readonly string[] | undefined): Promise<Problem[]> {
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

/** Roles the model does not take, and a set of roles the contract does not list; before any file is read. */
function roleProblems(roles: readonly MediaRole[], spec: ModelSpec): Problem[] {
  const refused = roles.filter((role) => !takesRole(spec, role));
  if (refused.length > 0) return refused.map((role): Problem => (role === ROLE.audio ? { code: 'audio-not-supported', model: spec.id } : { code: 'role-not-supported', role, model: spec.id }));
  if (roles.includes(ROLE.clip) && roles.includes(ROLE.audio)) return [{ code: 'clip-with-audio', model: spec.id }];
  if (isLegalCombination(spec, roles)) return [];
  const name = (set: readonly MediaRole[]) => set.map((role) => ROLE_SLUG[role]).join('+');
  return [{ code: 'inputs-combination', roles: name(roles), model: spec.id, allowed: spec.combinations.map(name).join(', ') }];
}

/** One input read from disk (or an image URL) and checked against the model's limits for its role. */
async function inspectInput(role: MediaRole, value: string, spec: ModelSpec, options: PlanOptions): Promise<{ facts?: InputFacts; problems: Problem[]; limits: Problem[] }> {
  switch (ROLE_KIND[role]) {
    case 'image': {
      const inspected = await inspectFrame(value, role, options);
      const limits = imageLimits(spec, role);
      return { ...inspected, limits: inspected.facts && limits ? imageProblems(role, inspected.facts, limits) : [] };
    }
    case 'audio': {
      const inspected = await inspectAudio(value, role);
      const limits = audioLimits(spec, role);
      return { ...inspected, limits: inspected.facts && limits ? audioProblems(inspected.facts, limits) : [] };
    }
    case 'video': {
      const inspected = await inspectClip(value, role);
      const limits = clipLimits(spec, role);
      return { ...inspected, limits: inspected.facts && limits ? clipProblems(role, inspected.facts, limits) : [] };
    }
  }
}

/** Every check before any request: model, region, parameters, and each input by its role, read from disk. */
export async function planGeneration(input: GenerationRequest, endpoint: Endpoint, options: PlanOptions = {}): Promise<{ plan?: GenerationPlan; problems: Problem[] }> {
  const request = GenerationRequestSchema.parse(input);
  const resolved = resolveModel(request.model, endpoint);
  if ('code' in resolved) return { problems: [resolved] };
  const { spec, wireModel } = resolved;
  const parameters = parameterProblems(request, spec);
  const roles = rolesOf(request.inputs);
  const refused = roleProblems(roles, spec);
  const problems = [...parameters.problems, ...refused];
  const checked = roles.filter((role) => takesRole(spec, role));
  const inspected = await Promise.all(checked.map((role) => inspectInput(role, request.inputs[role] as string, spec, options)));
  for (const result of inspected) problems.push(...result.problems);
  for (const role of checked) {
    const value = request.inputs[role] as string;
    if (!isImageUrl(value)) problems.push(...(await outsideRoots(value, role, options.allowedRoots)));
  }
  for (const result of inspected) problems.push(...result.limits);
  const inputs: Inputs<InputFacts> = {};
  checked.forEach((role, index) => {
    const facts = inspected[index]?.facts;
    if (facts) inputs[role] = facts;
  });
  const clip = inputs[ROLE.clip];
  // A continuation's duration counts the clip; a duration already refused on its own is not refused twice.
  if (clip?.kind === 'video' && !parameters.problems.some((problem) => problem.code === 'duration-invalid')) problems.push(...clipDurationProblems(ROLE.clip, clip, parameters.duration, spec));
  if (problems.length > 0 || checked.some((role) => !inputs[role])) return { problems };
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
      inputs,
    },
  };
}
