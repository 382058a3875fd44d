import * as path from 'node:path';
import type { Bilingual } from '../base/language';
import type { FilmCut } from './filmSidecar';
import type { StoryboardJoin } from './storyboardJoin';
import type { SegmentNeed } from './storyboardPlan';
import { storyboardProblemMessage } from './storyboardProblems';

const REASON_ZH: Record<string, string> = {
  'not-a-video': '不是可拼接的视频',
  codec: '视频编码不同',
  dimensions: '画面尺寸不同',
  'decoder-config': '编码参数不同',
  orientation: '旋转或翻转方向不同',
  continuation: '接续片段无法在不重新编码的情况下拼接',
  'no-keyframe-at-cut': '接续处没有可截断的关键帧',
};

const NEED: Record<SegmentNeed, Bilingual> = {
  'has-take': { en: 'has a take', zh: '已有视频' },
  'no-take': { en: 'no take chosen', zh: '未选择视频' },
  'take-missing': { en: "its take's video is missing", zh: '所选视频文件不存在' },
  'take-rejected': { en: 'its take is rejected', zh: '所选视频已被标记为不采用' },
};

/** What the join did at a cut, as the sidecar and the note say it. */
export function cutMessage(cut: FilmCut): Bilingual {
  const at = `${cut.at.toFixed(3)} s`;
  const between = { en: `Cut ${cut.after + 1}→${cut.before + 1} at ${at}`, zh: `片段 ${cut.after + 1}→${cut.before + 1} 的衔接处（${at}）` };
  if (cut.frame === 'trimmed-head-at') {
    const from = `${(cut.trimmedAt ?? 0).toFixed(3)} s`;
    return {
      en: `${between.en}: segment ${cut.before + 1} continued segment ${cut.after + 1} from its keyframe at ${from}, so segment ${cut.after + 1} ends there and segment ${cut.before + 1} follows whole (nothing repeats).`,
      zh: `${between.zh}：片段 ${cut.before + 1} 从片段 ${cut.after + 1} 的 ${from} 关键帧处接续，因此片段 ${cut.after + 1} 截止于该处，片段 ${cut.before + 1} 完整接上（没有重复画面）。`,
    };
  }
  if (cut.frame === 'hid-last-frame') {
    return { en: `${between.en}: the shared keyframe shows once (segment ${cut.after + 1}'s last frame left out).`, zh: `${between.zh}：共同关键帧只显示一次（省去片段 ${cut.after + 1} 的最后一帧）。` };
  }
  const why = cut.why === 'not-asked' ? { en: 'as asked', zh: '按要求' } : { en: 'its frames are reordered (B-frames), so a copy cannot drop it', zh: '其帧顺序经过重排（B 帧），无法在不重新编码的情况下省去' };
  return { en: `${between.en}: the shared keyframe shows twice, one frame apart (${why.en}).`, zh: `${between.zh}：共同关键帧显示两次（${why.zh}）。` };
}

/** One message for the outcome of a join, both languages; `name` is how the storyboard is named to the user. */
export function storyboardJoinMessage(result: StoryboardJoin, name: string): Bilingual {
  switch (result.kind) {
    case 'joined':
      return { en: `Joined ${result.segments.length} segment(s) into ${path.basename(result.film)} (${result.seconds.toFixed(2)} s), without re-encoding.`, zh: `已将 ${result.segments.length} 个片段拼接为 ${path.basename(result.film)}（${result.seconds.toFixed(2)} 秒），未重新编码。` };
    case 'up-to-date':
      return { en: `${path.basename(result.film)} already joins these takes: nothing to do.`, zh: `${path.basename(result.film)} 已由这些视频拼接而成：无需操作。` };
    case 'problems': {
      const messages = result.problems.map((problem) => storyboardProblemMessage(problem, name));
      return { en: messages.map((message) => message.en).join('\n'), zh: messages.map((message) => message.zh).join('\n') };
    }
    case 'not-ready': {
      const list = (language: 'en' | 'zh') => result.segments.map((segment) => (language === 'en' ? `segment ${segment.index + 1} (${NEED[segment.needs].en})` : `片段 ${segment.index + 1}（${NEED[segment.needs].zh}）`)).join(language === 'en' ? ', ' : '、');
      return { en: `Not every segment has a take yet: ${list('en')}.`, zh: `尚有片段没有可用视频：${list('zh')}。` };
    }
    case 'refused':
      return {
        en: `Segment ${result.segment + 1} (${path.basename(result.file)}) cannot be joined: ${result.detail}. The segments are kept; nothing was written.`,
        zh: `片段 ${result.segment + 1}（${path.basename(result.file)}）无法拼接：${REASON_ZH[result.reason] ?? result.reason}（${result.detail}）。各片段保持不变，未写入任何文件。`,
      };
    case 'target-exists':
      return { en: `${path.basename(result.file)} already exists and is not a film joined by Wan Keyframes: it is never replaced.`, zh: `${path.basename(result.file)} 已存在，且不是 Wan Keyframes 拼接的影片：不会覆盖它。` };
  }
}
