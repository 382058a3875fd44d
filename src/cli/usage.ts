import { TOOL_VERSION } from '../core/base/version';
import { MAX_TAKES, MIN_TAKES } from '../core/catalog/estimate';
import { AUTO_DURATION, MODEL_IDS, MODELS } from '../core/catalog/models';
import { REGION_IDS, REGIONS } from '../core/catalog/regions';

/** The model `generate` uses without --model. */
export const DEFAULT_CLI_MODEL = 'wan2.2-kf2v-flash';

/** The usage text, from the catalog: its models (and which need a workspace), regions, Wan 3.0's shape options. */
export function usage(zh: boolean): string {
  const models = MODEL_IDS.map((id) => `${id}${id === DEFAULT_CLI_MODEL ? (zh ? '（默认）' : ' (default)') : ''}${MODELS[id].workspaceOnly ? (zh ? '（仅业务空间：需 --workspace）' : ' (workspace hosts only: give --workspace)') : ''}`).join(', ');
  const noShared = REGION_IDS.filter((region) => REGIONS[region].sharedBaseUrl === undefined).join(zh ? '、' : ' and ');
  const shaped = MODEL_IDS.find((id) => MODELS[id].shape);
  const shape = shaped ? MODELS[shaped].shape : undefined;
  const duration = shaped ? MODELS[shaped].duration : undefined;
  const commands = `  wan-keyframes generate --first A --last B [--prompt T] [--negative-prompt T] [--model M] [--resolution R]
                         [--duration S|auto] [--ratio R] [--audio | --no-audio] [--prompt-extend | --no-prompt-extend]
                         [--watermark] [--seed N] [--driving-audio F] [--region R] [--workspace ID | --base-url U]
                         [--upload oss|base64] [--out DIR] [--json]
  wan-keyframes status <task-id> [--region R] [--workspace ID | --base-url U] [--json]
  wan-keyframes cancel <task-id> [--region R] [--workspace ID | --base-url U]
  wan-keyframes resume <task-id> --out DIR [--region R] [--workspace ID | --base-url U] [--json]
  wan-keyframes estimate --model M [--resolution R] [--duration S|auto] [--count N] [--region R | --workspace ID] [--json]
  wan-keyframes --help | --version`;
  if (zh) {
    return `wan-keyframes ${TOOL_VERSION}：用首帧和尾帧生成视频（阿里云百炼，万相）

${commands}

帧可以是本地文件，也可以是 http(s) 图片地址（只读取前 64 KB 用于检查；图片由服务自行下载）。
API Key 取自 DASHSCOPE_API_KEY。模型：${models}。${shaped && shape && duration ? `
${shaped}：--ratio ${shape.ratios.join('、')}（默认 ${shape.defaultRatio}）；--duration ${duration.min}–${duration.max} 或 auto（${AUTO_DURATION}，由模型决定）；--no-audio 生成无声视频（价格相同）。` : ''}
estimate 只按价格表估算 N 条（--count ${MIN_TAKES}–${MAX_TAKES}，默认 1）的费用（人民币），不需要 API Key，也不发送任何请求。
地域：${REGION_IDS.join('、')}（默认 cn-beijing；${noShared} 需要 --workspace）。
退出码：0 已保存，2 输入无效（未发送任何请求），3 服务错误，4 任务失败/取消/未知，5 下载失败（可继续），130 被中断（可继续）。`;
  }
  return `wan-keyframes ${TOOL_VERSION}: a video from a first and a last frame (Alibaba Cloud Model Studio, Wan)

${commands}

A frame is a local file or an http(s) image URL (its first 64 KB are read to check it; the service fetches it).
The API key comes from DASHSCOPE_API_KEY. Models: ${models}.${shaped && shape && duration ? `
${shaped}: --ratio ${shape.ratios.join(', ')} (default ${shape.defaultRatio}); --duration ${duration.min}–${duration.max} or auto (${AUTO_DURATION}, the model chooses); --no-audio for a silent video (same price).` : ''}
estimate prices N takes (--count ${MIN_TAKES}–${MAX_TAKES}, default 1) from the price table, in CNY; it needs no key and sends nothing.
Regions: ${REGION_IDS.join(', ')} (default cn-beijing; ${noShared} need --workspace).
Exit codes: 0 saved, 2 invalid input (nothing sent), 3 service error, 4 task failed/canceled/unknown,
5 download failed (resumable), 130 interrupted (resumable).`;
}
