import type { Bilingual } from '../../../core/base/language';
import { estimate, estimateLine } from '../../../core/catalog/estimate';
import { type Endpoint, priceRegion, REGIONS } from '../../../core/catalog/regions';
import type { Problem } from '../../../core/inputs/problems';
import { parameterProblems, resolveModel } from '../../../core/inputs/request';
import { type Inputs, ROLE } from '../../../shared/mediaRoles';
import type { FormState, FormValues, InputInfo } from '../../../shared/protocol';
import { continues, formRequest, formSpec } from './formRequest';

/** Problems that Set Workspace ID fixes: the form offers the button beside them. */
const WORKSPACE_PROBLEMS = new Set<Problem['code']>(['model-needs-workspace', 'region-needs-workspace', 'workspace-id-invalid']);

/** Why Generate is off, in the display language (the caller localizes). */
export interface BlockedTexts {
  chooseFrames: string;
  fixProblems: string;
  setKey: string;
}

export interface FormStateInput {
  values: FormValues;
  /** What the form shows of each input that is set (problems already found in it, localized). */
  inputs: Inputs<InputInfo>;
  endpoint: Endpoint;
  /** The workspace id in settings, when it is not one. */
  workspaceProblem: Problem | undefined;
  aspectWarning: string | null;
  keySet: boolean;
  localize: (problem: Problem) => string;
  /** A text in the display language. */
  say: (text: Bilingual) => string;
  blockedTexts: BlockedTexts;
  /** What this workspace's takes cost so far (takeSpend.ts), already in words. */
  spent: string | null;
}

/**
 * "≈ ¥1.00 per take · ¥4.00 for 4" for the form's model, resolution, duration and count in the endpoint's region (a
 * custom base URL: the region named for it, said in the line).
 */
export function estimateText(values: FormValues, endpoint: Endpoint, say: (text: Bilingual) => string): string | null {
  const spec = formSpec(values);
  const region = priceRegion(endpoint);
  const resolution = spec.resolutions.find((item) => item === values.resolution) ?? spec.defaultResolution;
  try {
    const priced = estimate({ model: spec.id, region, resolution, duration: values.duration, count: values.count });
    const line = estimateLine(priced);
    if (endpoint.kind !== 'custom' || region === undefined || priced.total === null) return say(line);
    // A custom base URL is priced as the region the user named for it: say so, the URL alone does not show it.
    const place = REGIONS[region].name;
    return say({ en: `${line.en} · at ${place.en} prices`, zh: `${line.zh} · 按${place.zh}价格` });
  } catch {
    return null;
  }
}

/**
 * What the form shows around its values, and why Generate is off: no frames, a problem in an input, the form or the
 * endpoint, or no key — in that order. A pure function of what the host knows, so every reason can be tested.
 */
export function formState(input: FormStateInput): FormState {
  const spec = formSpec(input.values);
  const form = parameterProblems(formRequest(input.values, {}), spec).problems;
  const region = resolveModel(spec.id, input.endpoint);
  const found = [...(input.workspaceProblem ? [input.workspaceProblem] : []), ...form, ...('code' in region ? [region] : [])];
  const problems = found.map(input.localize);
  const inputProblems = Object.values(input.inputs).some((info) => info !== undefined && info.problems.length > 0);
  const framesSet = continues(spec, input.inputs) || (input.inputs[ROLE.first] !== undefined && input.inputs[ROLE.last] !== undefined);
  const blocked = !framesSet ? input.blockedTexts.chooseFrames : inputProblems || problems.length > 0 ? input.blockedTexts.fixProblems : !input.keySet ? input.blockedTexts.setKey : null;
  return {
    inputs: input.inputs,
    aspectWarning: input.aspectWarning,
    keySet: input.keySet,
    problems,
    blocked,
    needsWorkspace: found.some((problem) => WORKSPACE_PROBLEMS.has(problem.code)),
    estimate: estimateText(input.values, input.endpoint, input.say),
    spent: input.spent,
  };
}
