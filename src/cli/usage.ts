import { TOOL_VERSION } from '../core/base/version';
import { MAX_TAKES, MIN_TAKES } from '../core/catalog/estimate';
import { AUTO_DURATION, MODEL_IDS, MODELS } from '../core/catalog/models';
import { REGION_IDS, REGIONS } from '../core/catalog/regions';
import { ROLE } from '../shared/mediaRoles';

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
                         [--upload oss|base64] [--out DIR] [--count N] [--dry-run] [--json]
  wan-keyframes takes [DIR…] [--json]
  wan-keyframes keep <video> | reject <video>
  wan-keyframes replay <video> [--exact] [--out DIR] [--upload oss|base64] [--dry-run] [--region R] [--workspace ID | --base-url U] [--json]
  wan-keyframes extract <video> --first | --last | --at SECONDS [--out FILE] [--json]
  wan-keyframes status <task-id> [--region R] [--workspace ID | --base-url U] [--json]
  wan-keyframes cancel <task-id> [--region R] [--workspace ID | --base-url U]
  wan-keyframes resume <task-id> --out DIR [--region R] [--workspace ID | --base-url U] [--json]
  wan-keyframes estimate --model M [--resolution R] [--duration S|auto] [--count N] [--region R | --workspace ID] [--json]
  wan-keyframes continue <video> [--last F] --duration S [--prompt T] [--resolution R] [--seed N] [--out DIR] [--dry-run] [--json]
  wan-keyframes storyboard <A> <B> <C>… [--prompt T]… [--model M] [--resolution R] [--duration S] [--out DIR] [--dry-run] [--json]
  wan-keyframes storyboard <file.storyboard.json> [--dry-run] [--json]
  wan-keyframes storyboard new <image…> --out NAME.storyboard.json [--model M] [--resolution R] [--duration S] [--prompt T]
  wan-keyframes storyboard plan <file.storyboard.json> [--region R | --workspace ID] [--json]
  wan-keyframes storyboard take <file.storyboard.json> <segment> <video>
  wan-keyframes storyboard join <file.storyboard.json> [--json]
  wan-keyframes join <a.mp4> <b.mp4>… --out FILE [--json]
  wan-keyframes --help | --version`;
  if (zh) {
    return `wan-keyframes ${TOOL_VERSION}：用首帧和尾帧生成视频（阿里云百炼，万相）

${commands}

帧可以是本地文件，也可以是 http(s) 图片地址（只读取前 64 KB 用于检查；图片由服务自行下载）。
API Key 取自 DASHSCOPE_API_KEY。模型：${models}。${shaped && shape && duration ? `
${shaped}：--ratio ${shape.ratios.join('、')}（默认 ${shape.defaultRatio}）；--duration ${duration.min}–${duration.max} 或 auto（${AUTO_DURATION}，由模型决定）；--no-audio 生成无声视频（价格相同）。` : ''}
generate --count N 生成 N 条（${MIN_TAKES}–${MAX_TAKES}）种子不同的视频：给定 --seed 时为 种子、种子+1…，否则随机抽取；逐条提交、按模型并发上限同时进行，
保存为 名称.mp4、名称-2.mp4…，各带记录文件；发送前先显示预估费用。--dry-run 只检查输入并显示计划（模型、每条的种子和文件名）与预估费用，不发送任何请求。
takes 按输入（相同的首帧和尾帧，改名或移动后仍算同一组）分组列出文件夹中的视频记录（最新的组和记录在前）；keep / reject 把结论写入视频的记录文件；replay 按记录重新生成（--exact：相同种子与服务实际使用的提示词，关闭改写），
输入文件缺失或已修改时拒绝；extract 用 ffmpeg 把首帧、尾帧或 --at 秒处的帧保存为视频旁的 PNG，或 --out 指定的文件（不覆盖已有文件）。
storyboard 管理故事板文件（关键帧与每段的设置）：new 按给定顺序新建，plan 显示每段是否需要生成及总预估费用，take 为某段选定视频，join 在各段都有视频时不重新编码地合成为一个 mp4（不发送任何请求）。
storyboard <A> <B> <C>… 写入故事板（--prompt 给一个用于所有片段，或每段一个），先显示整个故事板的预估费用，再按并发上限同时生成所有缺少视频的片段，记录到故事板并拼接为 名称.mp4；
storyboard <文件> 对已有故事板做同样的事；再次运行会继续：已有视频的片段不会重复生成。仅在影片写入后退出码为 0。
continue 用 wan2.7-i2v 续写视频（${ROLE.clip}，可选 --last 尾帧）：--duration 为总时长（含原视频，至少多 1 秒，最多 15 秒）；超过 10 秒的视频从关键帧处截取最后 ≤ 10 秒（不重新编码，另存为新文件并说明起点）。
join 不重新编码地把视频依次拼接为 --out 文件（编码或尺寸不同时指出是哪一个；不覆盖已有文件；中途失败不留下半个文件）。
estimate 只按价格表估算 N 条（--count ${MIN_TAKES}–${MAX_TAKES}，默认 1）的费用（人民币），不需要 API Key，也不发送任何请求。
地域：${REGION_IDS.join('、')}（默认 cn-beijing；${noShared} 需要 --workspace）。
退出码：0 已保存，2 输入无效（未发送任何请求），3 服务错误，4 任务失败/取消/未知，5 下载失败（可继续），130 被中断（可继续）。`;
  }
  return `wan-keyframes ${TOOL_VERSION}: a video from a first and a last frame (Alibaba Cloud Model Studio, Wan)

${commands}

A frame is a local file or an http(s) image URL (its first 64 KB are read to check it; the service fetches it).
The API key comes from DASHSCOPE_API_KEY. Models: ${models}.${shaped && shape && duration ? `
${shaped}: --ratio ${shape.ratios.join(', ')} (default ${shape.defaultRatio}); --duration ${duration.min}–${duration.max} or auto (${AUTO_DURATION}, the model chooses); --no-audio for a silent video (same price).` : ''}
generate --count N makes N takes (${MIN_TAKES}–${MAX_TAKES}) with distinct seeds: --seed, --seed+1… or drawn at random; created one at a time,
at most the model's concurrency at once, saved as name.mp4, name-2.mp4… each with its take; the estimate is said before anything is sent.
--dry-run checks the inputs and prints the plan (model, each take's seed and file) and the estimate; it sends nothing.
takes lists folders' takes grouped by their inputs (the same frames, even renamed or moved), newest first; keep and reject
write the verdict into a video's take; replay makes a take again (--exact: the same seed and the prompt the service used,
rewriting off), refusing when an input is missing or changed;
extract writes the first, last or --at SECONDS frame as a PNG beside the video or at --out FILE (never over a file), with ffmpeg.
storyboard keeps a storyboard file (keyframes and each segment's settings): new makes one in the order given, plan says which segments
need a take and the whole estimate, take chooses a segment's video, join makes one mp4 of them without re-encoding (nothing is sent).
storyboard <A> <B> <C>… writes the storyboard (--prompt once for all segments, or once per segment), says the estimate of the whole, makes
every segment without a take (in parallel within the account's concurrency), records each take and joins them into name.mp4; storyboard <file>
does the same for a file. Run again, it resumes: a segment with a take is never made again. Exit 0 only when the film is written.
continue extends a video with wan2.7-i2v (${ROLE.clip}, optionally toward --last): --duration is the total, the clip included (≥ clip + 1 s,
≤ 15 s); a clip over 10 s is continued from its last ≤ 10 s, cut at a keyframe without re-encoding into a new file (the start is said).
join puts clips one after another in --out FILE without re-encoding: clips whose codec or size differ are named; FILE is never replaced
and nothing half-written is left there.
estimate prices N takes (--count ${MIN_TAKES}–${MAX_TAKES}, default 1) from the price table, in CNY; it needs no key and sends nothing.
Regions: ${REGION_IDS.join(', ')} (default cn-beijing; ${noShared} need --workspace).
Exit codes: 0 saved, 2 invalid input (nothing sent), 3 service error, 4 task failed/canceled/unknown,
5 download failed (resumable), 130 interrupted (resumable).`;
}
