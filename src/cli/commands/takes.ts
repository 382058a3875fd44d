import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import * as path from 'node:path';
import { mapInputs } from '../../shared/mediaRoles';
import { formatCost, takeCost } from '../../core/output/takeCost';
import type { FoundTake } from '../../core/output/takeReader';
import { scanTakes } from '../../core/output/takeScan';
import { EXIT } from '../exitCodes';
import { cliText } from '../messages';
import type { OfflineContext } from './estimate';

/** What `takes --json` says of a take (issue 19's fields, and what the text line shows). */
export function takeSummary(found: FoundTake, videoExists: boolean): Record<string, unknown> {
  const { take } = found;
  const cost = takeCost(take);
  return {
    video: found.videoPath,
    sidecar: found.sidecarPath,
    videoMissing: !videoExists,
    savedAt: take.times.savedAt,
    inputsKey: take.inputsKey,
    inputs: mapInputs(found.inputs, (input) => input.url ?? input.path),
    model: take.model,
    resolution: take.parameters?.resolution ?? null,
    duration: take.parameters?.duration ?? null,
    seed: take.seed ?? take.parameters?.seed ?? null,
    prompt: take.prompt,
    actualPrompt: take.actualPrompt ?? null,
    verdict: take.verdict ?? null,
    taskId: take.taskId,
    cost: cost ? { amount: cost.amount, currency: cost.currency, seconds: cost.seconds } : null,
  };
}

const VERDICT_TEXT = { kept: ['kept', '保留'], rejected: ['rejected', '淘汰'] } as const;

/** One line of `takes`: video, model, resolution, duration, seed, verdict, cost (when known). */
export function takeLine(found: FoundTake, videoExists: boolean, zh: boolean): string {
  const { take } = found;
  const duration = take.parameters?.duration;
  const seed = take.seed ?? take.parameters?.seed;
  const cost = takeCost(take);
  const parts = [
    found.videoPath + (videoExists ? '' : zh ? '（视频缺失）' : ' (video missing)'),
    take.model,
    take.parameters?.resolution,
    duration === undefined ? undefined : duration < 0 ? 'auto' : cliText('seconds', zh, String(duration)),
    seed === undefined ? undefined : `${zh ? '种子' : 'seed'} ${seed}`,
    take.verdict ? VERDICT_TEXT[take.verdict][zh ? 1 : 0] : undefined,
    cost ? formatCost(cost) : undefined,
  ];
  return parts.filter((part) => part !== undefined).join('  ');
}

const savedAt = (found: FoundTake) => Date.parse(found.take.times.savedAt) || 0;

/** `takes [DIR…]`: the takes found below each folder (the current one by default), newest first. */
export async function takes(context: OfflineContext): Promise<number> {
  const folders = context.positionals.slice(1);
  const roots = (folders.length > 0 ? folders : ['.']).map((folder) => path.resolve(folder));
  const found = (await Promise.all(roots.map((root) => scanTakes(root, { signal: context.io.signal })))).flat();
  const unique = [...new Map(found.map((item) => [item.sidecarPath, item])).values()].sort((a, b) => savedAt(b) - savedAt(a));
  const present = await Promise.all(unique.map((item) => access(item.videoPath, constants.F_OK).then(() => true, () => false)));
  if (context.values.json) {
    context.io.stdout.write(`${JSON.stringify(unique.map((item, index) => takeSummary(item, present[index] ?? false)))}\n`);
    return EXIT.saved;
  }
  if (unique.length === 0) {
    context.say(cliText('noTakes', context.zh, roots.join(', ')));
    return EXIT.saved;
  }
  context.io.stdout.write(`${unique.map((item, index) => takeLine(item, present[index] ?? false, context.zh)).join('\n')}\n`);
  return EXIT.saved;
}
