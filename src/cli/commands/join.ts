import { pathKind } from '../pathKind';
import * as path from 'node:path';
import { type Bilingual, inLanguage } from '../../core/base/language';
import { joinSegments, type JoinResult } from '../../core/media/join';
import type { JoinRefusal } from '../../core/media/joinPlan';
import { UsageError } from '../args';
import { EXIT } from '../exitCodes';
import type { OfflineContext } from './estimate';

const USAGE: Bilingual = {
  en: 'Usage: wan-keyframes join <a.mp4> <b.mp4> … --out <film.mp4> [--json]',
  zh: '用法：wan-keyframes join <a.mp4> <b.mp4> … --out <影片.mp4> [--json]',
};

const REASON: Record<JoinRefusal['reason'], Bilingual> = {
  'not-a-video': { en: 'it is not an mp4 or mov video that can be joined', zh: '不是可拼接的 mp4 或 mov 视频' },
  codec: { en: 'its video codec differs', zh: '视频编码不同' },
  dimensions: { en: 'its picture size differs', zh: '画面尺寸不同' },
  'decoder-config': { en: 'its codec settings differ', zh: '编码参数不同' },
  orientation: { en: 'its rotation or mirroring differs', zh: '旋转或翻转方向不同' },
  'no-keyframe-at-cut': { en: 'it has no keyframe where it would be cut', zh: '截断处没有关键帧' },
};

/** Which input does not fit the first, why, and that nothing was written: both languages. */
export function refusalMessage(refusal: JoinRefusal, inputs: readonly string[]): Bilingual {
  const name = path.basename(refusal.file);
  const first = path.basename(inputs[0] ?? '');
  const reason = REASON[refusal.reason];
  const against = refusal.segment > 0 ? { en: ` from ${first} (input 1)`, zh: `与 ${first}（第 1 个输入）` } : { en: '', zh: '' };
  return {
    en: `${name} (input ${refusal.segment + 1}) cannot be joined: ${reason.en}${against.en} — ${refusal.detail}. Nothing was written; the inputs are unchanged.`,
    zh: `${name}（第 ${refusal.segment + 1} 个输入）无法拼接：${against.zh}${reason.zh}（${refusal.detail}）。未写入任何文件，输入文件保持不变。`,
  };
}

/** What was joined, as `--json` prints it. */
function joinedLine(result: Extract<JoinResult, { kind: 'joined' }>): Record<string, unknown> {
  return { video: result.file, seconds: result.seconds, segments: result.segments, cuts: result.cuts, audio: result.audio };
}

/**
 * `join <a.mp4> <b.mp4> … --out FILE`: the clips one after another in one file, packets copied (never re-encoded),
 * every frame of each kept. Sends nothing and needs no key. FILE is never replaced, and a join that fails or is
 * interrupted leaves nothing there; clips whose codec, codec settings or size differ are named and nothing is written.
 */
export async function join(context: OfflineContext): Promise<number> {
  const { values, locale, say } = context;
  const inputs = context.positionals.slice(1).map((file) => path.resolve(file));
  if (inputs.length < 2 || !values.out) throw new UsageError(inLanguage(USAGE, locale));
  const target = path.resolve(values.out);
  const problems: Bilingual[] = [];
  for (const [index, input] of inputs.entries()) {
    const kind = await pathKind(input);
    if (kind === 'missing') problems.push({ en: `${input} (input ${index + 1}) does not exist.`, zh: `${input}（第 ${index + 1} 个输入）不存在。` });
    else if (kind !== 'file') problems.push({ en: `${input} (input ${index + 1}) is not a file.`, zh: `${input}（第 ${index + 1} 个输入）不是文件。` });
    if (input === target) problems.push({ en: `--out ${target} is one of the inputs: the film needs a name of its own.`, zh: `--out ${target} 是输入之一：影片需要另起一个名字。` });
  }
  if ((await pathKind(target)) !== 'missing') problems.push({ en: `${target} already exists: it is never replaced. Nothing was written.`, zh: `${target} 已存在：不会覆盖。未写入任何文件。` });
  if (!['.mp4', '.mov'].includes(path.extname(target).toLowerCase())) problems.push({ en: `--out ${target} must end in .mp4 or .mov.`, zh: `--out ${target} 必须以 .mp4 或 .mov 结尾。` });
  if (problems.length > 0) {
    for (const problem of problems) say(inLanguage(problem, locale));
    return EXIT.invalidInput;
  }
  // Every frame of each clip is kept: clips joined here need not share a keyframe at their cuts (a storyboard's do).
  let result: JoinResult;
  try {
    result = await joinSegments(inputs, target, { hideSharedFrames: false, signal: context.io.signal });
  } catch (error) {
    if (!context.io.signal.aborted) throw error;
    say(inLanguage({ en: `Interrupted: nothing was written at ${target}.`, zh: `已中断：未在 ${target} 写入任何文件。` }, locale));
    return EXIT.interrupted;
  }
  if (result.kind === 'refused') {
    say(inLanguage(refusalMessage(result, inputs), locale));
    return EXIT.invalidInput;
  }
  if (result.kind === 'target-exists') {
    say(inLanguage({ en: `${target} appeared while joining: it is never replaced. Nothing was written.`, zh: `${target} 在拼接期间出现：不会覆盖。未写入任何文件。` }, locale));
    return EXIT.invalidInput;
  }
  say(inLanguage({ en: `Joined ${inputs.length} clips into ${target} (${result.seconds.toFixed(2)} s), without re-encoding.`, zh: `已将 ${inputs.length} 个视频拼接为 ${target}（${result.seconds.toFixed(2)} 秒），未重新编码。` }, locale));
  context.io.stdout.write(`${values.json ? JSON.stringify(joinedLine(result)) : target}\n`);
  return EXIT.saved;
}
