import type { Bilingual } from '../base/language';
import type { InputFiles } from '../inputs/inputFiles';
import type { GenerationPlan } from '../inputs/request';
import { buildCreateBody } from '../service/body';
import { fitInline, GATEWAY_BODY_LIMITS, type InlineFit } from '../service/bodyLimit';
import { type Inputs, mapInputs, type MediaRole, ROLE_LABEL, rolesOf } from '../../shared/mediaRoles';
import { mediaUrl, type MediaOptions } from './media';

/**
 * Longer than any `oss://` name or `data:…;base64,` prefix a body carries: the body is weighed with every URL at its
 * longest, so the decision errs on the side of the upload.
 */
const URL_PLACEHOLDER = 'x'.repeat(1024);

export interface InputsDelivery {
  /** The roles sent inline as `data:` URLs; every other local file goes through the temporary upload. */
  inline: MediaRole[];
  /** One line for the log for each reason an input did not go the way the user asked (uploadMode base64). */
  notes: Bilingual[];
}

const MIB = 1024 * 1024;
const mib = (bytes: number) => (bytes / MIB).toFixed(1);

function labels(roles: readonly MediaRole[]): Bilingual {
  return { en: roles.map((role) => ROLE_LABEL[role].en).join(', '), zh: roles.map((role) => ROLE_LABEL[role].zh).join('、') };
}

function overNote(fit: InlineFit): Bilingual | undefined {
  if (fit.over.length === 0) return undefined;
  const which = labels(fit.over.map((item) => item.role));
  const limit = Math.round(GATEWAY_BODY_LIMITS.decodedBytes / MIB);
  if (fit.over.every((item) => item.limit === 'item')) {
    const item = Math.round(GATEWAY_BODY_LIMITS.base64ItemChars / MIB);
    return {
      en: `${which.en}: sent through the temporary upload, not inline as uploadMode base64 asks: its base64 would be over the service's ${item} MiB limit for one inline item (HTTP 413).`,
      zh: `${which.zh}：通过临时上传发送，而不是按 base64 上传方式内联：其 base64 会超过服务对单个内联内容 ${item} MiB 的上限（HTTP 413）。`,
    };
  }
  return {
    en: `${which.en}: sent through the temporary upload, not inline as uploadMode base64 asks: with every frame inline the request would be ${mib(fit.decodedIfAllInline)} MiB after base64 decoding, over the service's ${limit} MiB limit (HTTP 413).`,
    zh: `${which.zh}：通过临时上传发送，而不是按 base64 上传方式内联：若所有帧都内联，请求在 base64 解码后为 ${mib(fit.decodedIfAllInline)} MiB，超过服务 ${limit} MiB 的上限（HTTP 413）。`,
  };
}

/**
 * How each local input travels, decided for the request as a whole before anything is read or sent. In `oss` mode
 * everything is uploaded. In `base64` mode a role the model takes only as a URL (a clip, a driving audio) is
 * uploaded, and says so; frames go inline while the request stays within the gateway's limits (service/bodyLimit.ts),
 * in the API's order, and the others are uploaded with one line saying why. URLs the user gave stay URLs.
 */
export function chooseDelivery(plan: GenerationPlan, inputs: InputFiles, mode: MediaOptions['mode']): InputsDelivery {
  if (mode !== 'base64') return { inline: [], notes: [] };
  const local = rolesOf(inputs).filter((role) => !inputs[role]?.url);
  const urlOnly = local.filter((role) => plan.spec.inputs[role]?.inline !== true);
  const candidates = local.filter((role) => plan.spec.inputs[role]?.inline === true).map((role) => ({ role, bytes: inputs[role]?.bytes ?? 0 }));
  const longest = mapInputs(inputs, (file) => file.url ?? URL_PLACEHOLDER);
  const bodyBytes = Buffer.byteLength(JSON.stringify(buildCreateBody(plan, longest)), 'utf8');
  const fit = fitInline(bodyBytes, candidates);
  const notes: Bilingual[] = [];
  if (urlOnly.length > 0) {
    const which = labels(urlOnly);
    notes.push({
      en: `${which.en}: sent through the temporary upload (oss://), not inline: the service takes it only as a URL, so uploadMode base64 applies to frames only.`,
      zh: `${which.zh}：通过临时上传（oss://）发送，而不是内联：服务只接受其地址，base64 上传方式只适用于图片帧。`,
    });
  }
  const over = overNote(fit);
  if (over) notes.push(over);
  return { inline: fit.inline, notes };
}

/**
 * Makes every input of a job readable by the service (the job's upload step): the URL of each role, and the lines
 * that say why an input did not travel inline although the user asked for it.
 */
export async function uploadInputs(plan: GenerationPlan, inputs: InputFiles, options: MediaOptions): Promise<{ urls: Inputs<string>; notes: Bilingual[] }> {
  const delivery = chooseDelivery(plan, inputs, options.mode);
  const roles = rolesOf(inputs);
  const sent = await Promise.all(
    roles.map((role) => {
      const file = inputs[role];
      if (!file) return Promise.resolve(undefined);
      if (file.url) return Promise.resolve(file.url);
      return mediaUrl({ path: file.path, format: file.format, sha256: file.sha256 ?? '', inline: delivery.inline.includes(role) }, options);
    }),
  );
  return { urls: mapInputs(inputs, (_file, role) => sent[roles.indexOf(role)]), notes: delivery.notes };
}
