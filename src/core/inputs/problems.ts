import type { Bilingual } from '../base/language';
import { type MediaRole, ROLE, ROLE_LABEL } from '../../shared/mediaRoles';
import { type RegionId, REGIONS } from '../catalog/regions';

/** One thing wrong with the user's input, found before any request. Each has its own message in both languages. */
export type Problem =
  | { code: 'file-missing'; role: MediaRole }
  | { code: 'file-unreadable'; role: MediaRole; detail: string }
  | { code: 'file-empty'; role: MediaRole }
  | { code: 'image-format-unsupported'; role: MediaRole; format: string }
  | { code: 'image-not-an-image'; role: MediaRole }
  | { code: 'image-truncated'; role: MediaRole }
  | { code: 'image-malformed'; role: MediaRole }
  | { code: 'image-implausible-size'; role: MediaRole; width: number; height: number }
  | { code: 'image-alpha'; role: MediaRole }
  | { code: 'image-too-small'; role: MediaRole; width: number; height: number; min: number }
  | { code: 'image-too-large'; role: MediaRole; width: number; height: number; max: number }
  | { code: 'image-too-many-bytes'; role: MediaRole; bytes: number; max: number }
  | { code: 'image-aspect'; role: MediaRole; width: number; height: number; max: number }
  | { code: 'audio-not-supported'; model: string }
  | { code: 'audio-format'; format: string }
  | { code: 'audio-malformed' }
  | { code: 'audio-too-short'; seconds: number; min: number }
  | { code: 'audio-too-long'; seconds: number; max: number }
  | { code: 'audio-too-many-bytes'; bytes: number; max: number }
  | { code: 'prompt-too-long'; length: number; max: number }
  | { code: 'negative-prompt-too-long'; length: number; max: number }
  | { code: 'seed-invalid'; seed: string }
  | { code: 'duration-invalid'; duration: string; min: number; max: number; auto?: boolean }
  | { code: 'resolution-unsupported'; resolution: string; model: string; allowed: string }
  | { code: 'model-unknown'; model: string }
  | { code: 'model-not-in-region'; model: string; region: RegionId }
  | { code: 'base-url-invalid'; value: string }
  | { code: 'file-outside-workspace'; role: MediaRole; target: string }
  | { code: 'negative-prompt-not-supported'; model: string }
  | { code: 'ratio-unsupported'; ratio: string; model: string; allowed: string }
  | { code: 'model-needs-workspace'; model: string }
  | { code: 'region-needs-workspace'; region: RegionId }
  | { code: 'workspace-id-invalid'; reason: 'placeholder' | 'url' | 'invalid'; value: string; suggestion?: string }
  | { code: 'url-invalid'; role: MediaRole; value: string }
  | { code: 'url-unreachable'; role: MediaRole; detail: string }
  | { code: 'url-status'; role: MediaRole; status: number }
  | { code: 'role-not-supported'; role: MediaRole; model: string }
  | { code: 'inputs-combination'; roles: string; model: string; allowed: string }
  | { code: 'clip-not-yet'; role: MediaRole }
  | { code: 'clip-format'; role: MediaRole; format: string }
  | { code: 'clip-not-a-video'; role: MediaRole; text: boolean }
  | { code: 'clip-malformed'; role: MediaRole; detail: string }
  | { code: 'clip-no-video'; role: MediaRole }
  | { code: 'clip-too-short'; role: MediaRole; seconds: number; min: number }
  | { code: 'clip-too-long'; role: MediaRole; seconds: number; max: number; cutAt: number; keeps: number }
  | { code: 'clip-too-long-no-keyframe'; role: MediaRole; seconds: number; max: number; min: number }
  | { code: 'clip-too-small'; role: MediaRole; width: number; height: number; min: number }
  | { code: 'clip-too-large'; role: MediaRole; width: number; height: number; max: number }
  | { code: 'clip-aspect'; role: MediaRole; width: number; height: number; max: number }
  | { code: 'clip-too-many-bytes'; role: MediaRole; bytes: number; max: number }
  | { code: 'clip-duration'; role: MediaRole; seconds: number; duration: number; min: number; max: number }
  | { code: 'clip-with-audio'; model: string };


/** A workspace id that is not one (core/regions.ts checkWorkspaceId said why), as the problem the user reads. */
export function workspaceIdProblem(checked: { reason: 'placeholder' | 'url' | 'invalid'; value: string; suggestion?: string }): Problem {
  return { code: 'workspace-id-invalid', reason: checked.reason, value: checked.value, suggestion: checked.suggestion };
}
export type ProblemCode = Problem['code'];


const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);
/** Seconds to the millisecond, without trailing zeros: a cut's start is said exactly. */
const secs = (seconds: number) => String(Number(seconds.toFixed(3)));

export function problemMessage(problem: Problem): Bilingual {
  const role: Bilingual = 'role' in problem ? ROLE_LABEL[problem.role] : { en: '', zh: '' };
  switch (problem.code) {
    case 'file-missing':
      return { en: `${role.en}: the file does not exist (moved or deleted?).`, zh: `${role.zh}：文件不存在（已移动或删除？）。` };
    case 'file-unreadable':
      return { en: `${role.en}: the file cannot be read (${problem.detail}).`, zh: `${role.zh}：无法读取文件（${problem.detail}）。` };
    case 'file-empty':
      return { en: `${role.en}: the file is empty.`, zh: `${role.zh}：文件为空。` };
    case 'image-format-unsupported':
      return {
        en: `${role.en}: ${problem.format.toUpperCase()} is not accepted; use PNG, JPEG, WEBP or BMP.`,
        zh: `${role.zh}：不支持 ${problem.format.toUpperCase()}，请使用 PNG、JPEG、WEBP 或 BMP。`,
      };
    case 'image-not-an-image':
      return {
        en: `${role.en}: the file is not a PNG, JPEG, WEBP or BMP image, whatever its name says.`,
        zh: `${role.zh}：无论文件名如何，该文件都不是 PNG、JPEG、WEBP 或 BMP 图片。`,
      };
    case 'image-truncated':
      return { en: `${role.en}: the image header is cut short; the file is incomplete.`, zh: `${role.zh}：图片头不完整，文件已损坏或未写完。` };
    case 'image-malformed':
      return { en: `${role.en}: the image header is damaged.`, zh: `${role.zh}：图片头已损坏。` };
    case 'image-implausible-size':
      return {
        en: `${role.en}: the header claims ${problem.width}×${problem.height} px, which cannot be right.`,
        zh: `${role.zh}：图片头声称尺寸为 ${problem.width}×${problem.height} 像素，这不可能正确。`,
      };
    case 'image-alpha':
      return {
        en: `${role.en}: the image has transparency (alpha), which the service refuses. Save it without alpha (e.g. as JPEG).`,
        zh: `${role.zh}：图片含透明通道（alpha），服务不接受。请去掉透明度后保存（例如存为 JPEG）。`,
      };
    case 'image-too-small':
      return {
        en: `${role.en}: ${problem.width}×${problem.height} px is too small; each side needs at least ${problem.min} px.`,
        zh: `${role.zh}：${problem.width}×${problem.height} 像素太小，每边至少需要 ${problem.min} 像素。`,
      };
    case 'image-too-large':
      return {
        en: `${role.en}: ${problem.width}×${problem.height} px is too large; each side may be at most ${problem.max} px.`,
        zh: `${role.zh}：${problem.width}×${problem.height} 像素太大，每边最多 ${problem.max} 像素。`,
      };
    case 'image-too-many-bytes':
      return {
        en: `${role.en}: ${mb(problem.bytes)} MB is over this model's ${mb(problem.max)} MB limit.`,
        zh: `${role.zh}：${mb(problem.bytes)} MB 超过此模型 ${mb(problem.max)} MB 的上限。`,
      };
    case 'image-aspect':
      return {
        en: `${role.en}: ${problem.width}×${problem.height} is narrower than 1:${problem.max}; the service accepts 1:${problem.max} to ${problem.max}:1.`,
        zh: `${role.zh}：${problem.width}×${problem.height} 的宽高比超出 1:${problem.max}；服务接受 1:${problem.max} 到 ${problem.max}:1。`,
      };
    case 'audio-not-supported':
      return { en: `${problem.model} does not take a driving audio in keyframe mode; only wan2.7-i2v does.`, zh: `${problem.model} 在首尾帧模式下不支持驱动音频，只有 wan2.7-i2v 支持。` };
    case 'audio-format':
      return { en: `Driving audio: ${problem.format} is not accepted; use WAV or MP3.`, zh: `驱动音频：不支持 ${problem.format}，请使用 WAV 或 MP3。` };
    case 'audio-malformed':
      return { en: 'Driving audio: the file is damaged or incomplete.', zh: '驱动音频：文件已损坏或不完整。' };
    case 'audio-too-short':
      return {
        en: `Driving audio: ${problem.seconds.toFixed(1)} s is too short; it needs at least ${problem.min} s.`,
        zh: `驱动音频：${problem.seconds.toFixed(1)} 秒太短，至少需要 ${problem.min} 秒。`,
      };
    case 'audio-too-long':
      return {
        en: `Driving audio: ${problem.seconds.toFixed(1)} s is too long; at most ${problem.max} s.`,
        zh: `驱动音频：${problem.seconds.toFixed(1)} 秒太长，最多 ${problem.max} 秒。`,
      };
    case 'audio-too-many-bytes':
      return {
        en: `Driving audio: ${mb(problem.bytes)} MB is over the ${mb(problem.max)} MB limit.`,
        zh: `驱动音频：${mb(problem.bytes)} MB 超过 ${mb(problem.max)} MB 的上限。`,
      };
    case 'prompt-too-long':
      return {
        en: `The prompt has ${problem.length} characters; this model reads at most ${problem.max} (the service would cut the rest).`,
        zh: `提示词有 ${problem.length} 个字符；此模型最多读取 ${problem.max} 个（多余部分会被服务截断）。`,
      };
    case 'negative-prompt-too-long':
      return {
        en: `The negative prompt has ${problem.length} characters; at most ${problem.max}.`,
        zh: `反向提示词有 ${problem.length} 个字符，最多 ${problem.max} 个。`,
      };
    case 'seed-invalid':
      return {
        en: `Seed “${problem.seed}” must be a whole number from 0 to 2147483647.`,
        zh: `种子“${problem.seed}”必须是 0 到 2147483647 之间的整数。`,
      };
    case 'duration-invalid':
      return problem.min === problem.max
        ? { en: `Duration ${problem.duration} s: this model always makes ${problem.min} s.`, zh: `时长 ${problem.duration} 秒：此模型固定生成 ${problem.min} 秒。` }
        : {
            en: `Duration ${problem.duration} s: choose a whole number of seconds from ${problem.min} to ${problem.max}${problem.auto ? ', or auto to let the model choose' : ''}.`,
            zh: `时长 ${problem.duration} 秒：请选择 ${problem.min} 到 ${problem.max} 之间的整数秒${problem.auto ? '，或选“自动”由模型决定' : ''}。`,
          };
    case 'resolution-unsupported':
      return {
        en: `${problem.model} has no ${problem.resolution}; it offers ${problem.allowed}.`,
        zh: `${problem.model} 不提供 ${problem.resolution}，可选 ${problem.allowed}。`,
      };
    case 'model-unknown':
      return {
        en: `Unknown model “${problem.model}”. Use wan3.0-video, wan3.0-video-prime, wan2.7-i2v, wan2.2-kf2v-flash or wanx2.1-kf2v-plus.`,
        zh: `未知模型“${problem.model}”。请使用 wan3.0-video、wan3.0-video-prime、wan2.7-i2v、wan2.2-kf2v-flash 或 wanx2.1-kf2v-plus。`,
      };
    case 'model-not-in-region':
      return {
        en: `${problem.model} is not offered in ${REGIONS[problem.region].name.en}. Switch region or model.`,
        zh: `${REGIONS[problem.region].name.zh}不提供 ${problem.model}。请切换地域或模型。`,
      };
    case 'file-outside-workspace':
      return {
        en: `${role.en}: the file is a link to ${problem.target}, outside the workspace; use the file itself.`,
        zh: `${role.zh}：该文件是指向工作区之外（${problem.target}）的链接；请直接使用该文件。`,
      };
    case 'negative-prompt-not-supported':
      return { en: `${problem.model} takes no negative prompt; describe what you want in the prompt instead.`, zh: `${problem.model} 不支持反向提示词，请在提示词中描述想要的画面。` };
    case 'ratio-unsupported':
      return {
        en: `${problem.model} has no ratio ${problem.ratio}; it offers ${problem.allowed}.`,
        zh: `${problem.model} 不提供宽高比 ${problem.ratio}，可选 ${problem.allowed}。`,
      };
    case 'model-needs-workspace':
      return {
        en: `${problem.model} is served only on workspace hosts: set your Workspace ID (llm-…, shown with your API key in the Model Studio console).`,
        zh: `${problem.model} 仅在业务空间专属域名上提供：请设置业务空间 ID（llm-…，百炼控制台中与 API Key 一起显示）。`,
      };
    case 'region-needs-workspace':
      return {
        en: `${REGIONS[problem.region].name.en} has no shared host: set your Workspace ID to use it.`,
        zh: `${REGIONS[problem.region].name.zh}没有公共域名：请设置业务空间 ID 后使用。`,
      };
    case 'workspace-id-invalid':
      return problem.reason === 'placeholder'
        ? { en: `Workspace ID “${problem.value}” is the console’s placeholder; replace it with your own id (llm-…).`, zh: `业务空间 ID“${problem.value}”是控制台示例中的占位符，请换成您自己的 ID（llm-…）。` }
        : problem.reason === 'url'
          ? {
              en: `Workspace ID “${problem.value}” is a URL; enter only the id${problem.suggestion ? ` (${problem.suggestion})` : ''}.`,
              zh: `业务空间 ID“${problem.value}”是一个网址，请只填写 ID${problem.suggestion ? `（${problem.suggestion}）` : ''}。`,
            }
          : { en: `Workspace ID “${problem.value}” is not an id: letters, digits and hyphens, like llm-…`, zh: `业务空间 ID“${problem.value}”格式不对：只能包含字母、数字和连字符，形如 llm-…` };
    case 'url-invalid':
      return { en: `${role.en}: “${problem.value}” is not an http(s) image URL without credentials.`, zh: `${role.zh}：“${problem.value}”不是不含凭据的 http(s) 图片地址。` };
    case 'url-unreachable':
      return { en: `${role.en}: the image URL could not be read (${problem.detail}).`, zh: `${role.zh}：无法读取图片地址（${problem.detail}）。` };
    case 'url-status':
      return { en: `${role.en}: the image URL answered HTTP ${problem.status}; the service would not get the image either.`, zh: `${role.zh}：图片地址返回 HTTP ${problem.status}，服务同样无法获取该图片。` };
    case 'role-not-supported':
      return { en: `${role.en}: ${problem.model} does not take one.`, zh: `${role.zh}：${problem.model} 不接受此输入。` };
    case 'inputs-combination':
      return {
        en: `${problem.model} does not take ${problem.roles} together; it takes ${problem.allowed}.`,
        zh: `${problem.model} 不接受同时提供 ${problem.roles}；可接受的组合：${problem.allowed}。`,
      };
    case 'clip-not-yet':
      return { en: `${role.en}: continuing a clip is not available in this version yet.`, zh: `${role.zh}：此版本尚不支持续写视频。` };
    case 'clip-format':
      return {
        en: `${role.en}: the file is ${problem.format}, not MP4 or MOV; the service takes only an MP4 or MOV video.`,
        zh: `${role.zh}：该文件是 ${problem.format} 格式，不是 MP4 或 MOV；服务只接受 MP4 或 MOV 视频。`,
      };
    case 'clip-not-a-video':
      return problem.text
        ? { en: `${role.en}: the file is text, not a video, whatever its name says.`, zh: `${role.zh}：无论文件名如何，该文件是文本，不是视频。` }
        : { en: `${role.en}: the file is not a video in any format this tool knows, whatever its name says.`, zh: `${role.zh}：无论文件名如何，该文件都不是可识别的视频。` };
    case 'clip-malformed':
      return { en: `${role.en}: the video is damaged or cut short (${problem.detail}).`, zh: `${role.zh}：视频已损坏或不完整（${problem.detail}）。` };
    case 'clip-no-video':
      return { en: `${role.en}: the file has no video track (only sound?).`, zh: `${role.zh}：文件中没有视频轨道（只有声音？）。` };
    case 'clip-too-short':
      return { en: `${role.en}: ${secs(problem.seconds)} s is too short; a clip needs at least ${problem.min} s.`, zh: `${role.zh}：${secs(problem.seconds)} 秒太短，至少需要 ${problem.min} 秒。` };
    case 'clip-too-long':
      return {
        en: `${role.en}: ${secs(problem.seconds)} s is over the ${problem.max} s limit. It can be cut without re-encoding to its last ${secs(problem.keeps)} s, from the keyframe at ${secs(problem.cutAt)} s, as a new file beside it (the original stays as it is).`,
        zh: `${role.zh}：${secs(problem.seconds)} 秒超过 ${problem.max} 秒上限。可不重新编码，从 ${secs(problem.cutAt)} 秒处的关键帧起截取最后 ${secs(problem.keeps)} 秒，另存为旁边的新文件（原文件不变）。`,
      };
    case 'clip-too-long-no-keyframe':
      return {
        en: `${role.en}: ${secs(problem.seconds)} s is over the ${problem.max} s limit, and no keyframe lies ${problem.min}–${problem.max} s before its end to cut at without re-encoding; shorten it in a video editor.`,
        zh: `${role.zh}：${secs(problem.seconds)} 秒超过 ${problem.max} 秒上限，且结尾前 ${problem.min}–${problem.max} 秒内没有可无损截取的关键帧；请用视频编辑软件剪短。`,
      };
    case 'clip-too-small':
      return { en: `${role.en}: the video is ${problem.width}×${problem.height} px; each side needs at least ${problem.min} px.`, zh: `${role.zh}：视频为 ${problem.width}×${problem.height} 像素，每边至少需要 ${problem.min} 像素。` };
    case 'clip-too-large':
      return { en: `${role.en}: the video is ${problem.width}×${problem.height} px; each side may be at most ${problem.max} px.`, zh: `${role.zh}：视频为 ${problem.width}×${problem.height} 像素，每边最多 ${problem.max} 像素。` };
    case 'clip-aspect':
      return {
        en: `${role.en}: the video’s ${problem.width}×${problem.height} is narrower than 1:${problem.max}; the service accepts 1:${problem.max} to ${problem.max}:1.`,
        zh: `${role.zh}：视频 ${problem.width}×${problem.height} 的宽高比超出 1:${problem.max}；服务接受 1:${problem.max} 到 ${problem.max}:1。`,
      };
    case 'clip-too-many-bytes':
      return { en: `${role.en}: ${mb(problem.bytes)} MB is over the ${mb(problem.max)} MB limit for a clip.`, zh: `${role.zh}：${mb(problem.bytes)} MB 超过视频 ${mb(problem.max)} MB 的上限。` };
    case 'clip-duration':
      return {
        en: `${role.en}: the clip is ${secs(problem.seconds)} s long and the duration (${problem.duration} s) is the whole video, clip included: choose ${problem.min}–${problem.max} s.`,
        zh: `${role.zh}：该视频长 ${secs(problem.seconds)} 秒，而时长（${problem.duration} 秒）指包含该视频在内的整段输出：请选择 ${problem.min}–${problem.max} 秒。`,
      };
    case 'clip-with-audio':
      return {
        en: `${problem.model} does not take a driving audio when continuing a clip (${ROLE.clip}); remove the audio, or start from a first frame.`,
        zh: `${problem.model} 在续写视频（${ROLE.clip}）时不接受驱动音频；请移除音频，或改用首帧。`,
      };
    case 'base-url-invalid':
      return {
        en: `The base URL “${problem.value}” is not an http(s) address without query or credentials.`,
        zh: `基础地址“${problem.value}”不是不含查询参数和凭据的 http(s) 地址。`,
      };
  }
}
