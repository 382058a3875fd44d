import type { Bilingual } from '../core/base/language';

/** Every sentence the CLI says of its own (the core's errors and problems carry their own two languages). */
export const CLI_TEXT = {
  needKey: { en: 'Set your API key in the DASHSCOPE_API_KEY environment variable.', zh: '请在环境变量 DASHSCOPE_API_KEY 中设置 API Key。' },
  unknownCommand: { en: 'Unknown command “{0}”.', zh: '未知命令“{0}”。' },
  needsTaskId: { en: '{0} needs a task id.', zh: '{0} 需要任务 ID。' },
  needsFrames: { en: 'generate needs --first and --last.', zh: 'generate 需要 --first 和 --last。' },
  uploadMode: { en: '--upload is oss or base64.', zh: '--upload 只能是 oss 或 base64。' },
  resumeNeedsOut: { en: 'resume needs --out DIR.', zh: 'resume 需要 --out DIR。' },
  regionOrBase: { en: 'Give --region or --base-url, not both.', zh: '--region 和 --base-url 只能给一个。' },
  badBaseUrl: { en: '--base-url “{0}” is not an http(s) URL without query or credentials.', zh: '--base-url“{0}”不是不含查询参数和凭据的 http(s) 地址。' },
  unknownRegion: { en: 'Unknown region “{0}”: use {1}.', zh: '未知地域“{0}”：请使用 {1}。' },
  saved: { en: 'Saved {0}', zh: '已保存 {0}' },
  canceled: { en: 'Canceled {0}', zh: '已取消 {0}' },
  taskId: { en: 'task id: {0}', zh: '任务 ID：{0}' },
  estimateNeedsModel: { en: 'estimate needs --model M.', zh: 'estimate 需要 --model M。' },
  seconds: { en: '{0} s', zh: '{0} 秒' },
  secondsChosen: { en: '{0}–{1} s (the model chooses)', zh: '{0}–{1} 秒（由模型决定）' },
  customEndpoint: { en: 'a custom base URL', zh: '自定义基础地址' },
  estimateBasis: {
    en: '{0}, {1} a take, {2}: ¥{3} per second ({4}, as of {5}: {6}). Failed tasks are not billed.',
    zh: '{0}，每条 {1}，{2}：每秒 ¥{3}（{4}，截至 {5}：{6}）。失败的任务不计费。',
  },
  estimateUsd: { en: 'Official USD price: ${0} per second ({1}, as of {2}).', zh: '官方美元价格：每秒 ${0}（{1}，截至 {2}）。' },
  estimateFree: {
    en: 'New accounts get a free quota of {0} s for this model here (90 days); what is left of it cannot be read with a key.',
    zh: '新账号在此有此模型 {0} 秒的免费额度（90 天）；剩余额度无法用 API Key 查询。',
  },
  estimateUnknown: { en: '{0}, {1} a take, {2}: {3}', zh: '{0}，每条 {1}，{2}：{3}' },
  resumeHint: { en: 'task id: {0} (continue with: wan-keyframes resume {0} --out DIR)', zh: '任务 ID：{0}（可用 wan-keyframes resume {0} --out DIR 继续）' },
} satisfies Record<string, Bilingual>;

export type CliTextKey = keyof typeof CLI_TEXT;

/** A CLI sentence in the user's language, with {0}, {1}… filled in. */
export function cliText(key: CliTextKey, zh: boolean, ...values: string[]): string {
  const template = zh ? CLI_TEXT[key].zh : CLI_TEXT[key].en;
  return template.replace(/\{(\d+)\}/g, (_, index: string) => values[Number(index)] ?? '');
}
