import type { Bilingual } from '../core/base/language';

/** Every sentence the CLI says of its own (the core's errors and problems carry their own two languages). */
export const CLI_TEXT = {
  needKey: { en: 'Set your API key in the DASHSCOPE_API_KEY environment variable.', zh: '请在环境变量 DASHSCOPE_API_KEY 中设置 API Key。' },
  unknownCommand: { en: 'Unknown command “{0}”.', zh: '未知命令“{0}”。' },
  needsTaskId: { en: '{0} needs a task id.', zh: '{0} 需要任务 ID。' },
  needsFrames: { en: 'generate needs --first and --last.', zh: 'generate 需要 --first 和 --last。' },
  uploadMode: { en: '--upload is oss or base64.', zh: '--upload 只能是 oss 或 base64。' },
  resumeNeedsOut: { en: 'resume needs --out DIR.', zh: 'resume 需要 --out DIR。' },
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
  estimate: { en: 'Estimate: {0}', zh: '预估费用：{0}' },
  dryRun: { en: 'Dry run, nothing sent: {0} ({1}), {2} take(s) in {3}', zh: '试运行，未发送任何请求：{0}（{1}），{2} 条，保存到 {3}' },
  dryRunTake: { en: '  take {0}: seed {1} → {2}', zh: '  第 {0} 条：种子 {1} → {2}' },
  notSent: { en: 'not sent: {0}', zh: '未发送：{0}' },
  batchDone: { en: '{0} of {1} takes saved.', zh: '{1} 条中已保存 {0} 条。' },
  requeued: { en: 'the service is busy: this take waits {0} s and goes again ({1})', zh: '服务繁忙：此条等待 {0} 秒后重试（{1}）' },
  etaLeft: { en: '~{0} left', zh: '约剩 {0}' },
  etaNone: { en: 'no estimate yet', zh: '暂无预计时间' },
  etaLonger: { en: 'taking longer than usual', zh: '比平时慢' },
  etaQueued: { en: 'queued {0}', zh: '已排队 {0}' },
  needsVideo: { en: '{0} needs a video (an mp4 with its take beside it).', zh: '{0} 需要一个视频（旁边有其记录文件的 mp4）。' },
  noTakes: { en: 'No takes in {0}.', zh: '{0} 中没有视频记录。' },
  noTake: { en: '{0} has no take beside it ({1}): nothing was changed.', zh: '{0} 旁边没有视频记录（{1}）：未做任何更改。' },
  verdictKept: { en: 'Kept {0}', zh: '已保留 {0}' },
  verdictRejected: { en: 'Rejected {0}', zh: '已淘汰 {0}' },
  inputMissing: { en: 'Cannot replay: the {0} ({1}) is missing. Nothing was sent.', zh: '无法重新生成：{0}（{1}）不存在。未发送任何请求。' },
  inputChanged: { en: 'Cannot replay: the {0} ({1}) changed since the take (its content differs). Nothing was sent.', zh: '无法重新生成：{0}（{1}）在生成后被修改（内容不同）。未发送任何请求。' },
  notExact: { en: 'Cannot replay exactly: {0}. Run without --exact to replay with the same settings. Nothing was sent.', zh: '无法完全重现：{0}。去掉 --exact 可按相同设置重新生成。未发送任何请求。' },
  seedUnknown: { en: 'the take does not record its seed', zh: '该记录未保存种子' },
  rewrittenUnknown: { en: 'the take was made with prompt rewriting on and does not record the rewritten prompt', zh: '该视频生成时开启了提示词改写，但未记录改写后的提示词' },
  replaying: { en: 'Replaying {0} ({1})', zh: '重新生成 {0}（{1}）' },
  replayExact: { en: 'exactly: same inputs, seed and the prompt the service used, rewriting off', zh: '完全重现：相同的输入、种子和服务实际使用的提示词，关闭改写' },
  replaySame: { en: 'with the same settings', zh: '按相同设置' },
  extractWhich: { en: 'extract needs one of --first, --last or --at SECONDS.', zh: 'extract 需要 --first、--last 或 --at 秒数 之一。' },
  extractAt: { en: '--at “{0}” is not a time in seconds from 0 to {1}.', zh: '--at“{0}”不是 0 到 {1} 之间的秒数。' },
  noFfmpeg: {
    en: 'extract needs ffmpeg: install it (apt install ffmpeg, brew install ffmpeg, or from ffmpeg.org) and put it on PATH. Nothing was written.',
    zh: 'extract 需要 ffmpeg：请安装（apt install ffmpeg、brew install ffmpeg 或从 ffmpeg.org 下载）并加入 PATH。未写入任何文件。',
  },
  notVideo: { en: '{0} is not a video this can read ({1}). Nothing was written.', zh: '{0} 不是可读取的视频（{1}）。未写入任何文件。' },
  frameFailed: { en: 'Could not take that frame from {0} ({1}). Nothing was written.', zh: '无法从 {0} 取出该帧（{1}）。未写入任何文件。' },
  extracted: { en: 'Wrote {0} ({1}×{2})', zh: '已写入 {0}（{1}×{2}）' },
  outExists: { en: '--out {0} already exists: it is never replaced. Nothing was written.', zh: '--out {0} 已存在：不会覆盖。未写入任何文件。' },
  outIsFolder: { en: '--out {0} is a folder: give the PNG’s file name (e.g. {1}). Nothing was written.', zh: '--out {0} 是文件夹：请给出 PNG 的文件名（例如 {1}）。未写入任何文件。' },
  outNoFolder: { en: '--out {0}: the folder {1} does not exist. Nothing was written.', zh: '--out {0}：文件夹 {1} 不存在。未写入任何文件。' },
  outNotFolder: { en: '--out {0}: {1} is not a folder. Nothing was written.', zh: '--out {0}：{1} 不是文件夹。未写入任何文件。' },
  outAppeared: { en: '{0} appeared while the frame was being taken: it is never replaced. Nothing was written.', zh: '{0} 在取帧期间出现：不会覆盖。未写入任何文件。' },
  takeGroup: { en: '{0}  ({1} takes)', zh: '{0}（{1} 条）' },
  takeGroupOne: { en: '{0}  (1 take)', zh: '{0}（1 条）' },
  unknownValue: { en: 'unknown', zh: '未知' },
} satisfies Record<string, Bilingual>;

export type CliTextKey = keyof typeof CLI_TEXT;

/** A CLI sentence in the user's language, with {0}, {1}… filled in. */
export function cliText(key: CliTextKey, zh: boolean, ...values: string[]): string {
  const template = zh ? CLI_TEXT[key].zh : CLI_TEXT[key].en;
  return template.replace(/\{(\d+)\}/g, (_, index: string) => values[Number(index)] ?? '');
}
