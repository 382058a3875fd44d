import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import * as path from 'node:path';
import { mapInputs, ROLE } from '../../shared/mediaRoles';
import { formatCost, takeCost } from '../../core/output/takeCost';
import type { FoundTake } from '../../core/output/takeReader';
import { groupByInputs, scanTakes } from '../../core/output/takeScan';
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

/** An input as a group's heading names it: the file's name, or the last part of a URL's path (else the URL). */
function inputName(input: { path?: string; url?: string } | undefined): string | undefined {
  if (!input) return undefined;
  if (input.path !== undefined) return path.basename(input.path);
  if (input.url === undefined) return undefined;
  try {
    return decodeURIComponent(new URL(input.url).pathname.split('/').pop() ?? '') || input.url;
  } catch {
    return input.url;
  }
}

/** A group's frames as its newest take names them: `first → last` (the clip first for a continuation), `+ audio`. */
export function groupFrames(newest: FoundTake): string {
  const { inputs } = newest;
  const from = inputName(inputs[ROLE.first] ?? inputs[ROLE.clip]);
  const to = inputName(inputs[ROLE.last]);
  const audio = inputName(inputs[ROLE.audio]);
  const frames = from && to ? `${from} → ${to}` : from ? from : to ? `→ ${to}` : '?';
  return audio ? `${frames} + ${audio}` : frames;
}

/** The takes of each inputs key (the same inputs by content: a renamed or moved frame keeps it), newest group first, newest take first in each. */
export function takeGroups(found: readonly FoundTake[]): FoundTake[][] {
  return [...groupByInputs(found).values()].sort((a, b) => savedAt(b[0] as FoundTake) - savedAt(a[0] as FoundTake));
}

/**
 * `takes [DIR…]`: the takes found below each folder (the current one by default), grouped by their inputs, each group
 * headed by its frames and count. `--json` is one array of takes, newest first (each with its `inputsKey`), as before.
 */
export async function takes(context: OfflineContext): Promise<number> {
  const folders = context.positionals.slice(1);
  const roots = (folders.length > 0 ? folders : ['.']).map((folder) => path.resolve(folder));
  const found = (await Promise.all(roots.map((root) => scanTakes(root, { signal: context.io.signal })))).flat();
  const unique = [...new Map(found.map((item) => [item.sidecarPath, item])).values()].sort((a, b) => savedAt(b) - savedAt(a));
  const present = new Map(await Promise.all(unique.map(async (item) => [item.sidecarPath, await access(item.videoPath, constants.F_OK).then(() => true, () => false)] as const)));
  const exists = (item: FoundTake) => present.get(item.sidecarPath) ?? false;
  if (context.values.json) {
    context.io.stdout.write(`${JSON.stringify(unique.map((item) => takeSummary(item, exists(item))))}\n`);
    return EXIT.saved;
  }
  if (unique.length === 0) {
    context.say(cliText('noTakes', context.zh, roots.join(', ')));
    return EXIT.saved;
  }
  const blocks = takeGroups(unique).map((group) => {
    const heading = cliText(group.length === 1 ? 'takeGroupOne' : 'takeGroup', context.zh, groupFrames(group[0] as FoundTake), String(group.length));
    return [heading, ...group.map((item) => `  ${takeLine(item, exists(item), context.zh)}`)].join('\n');
  });
  context.io.stdout.write(`${blocks.join('\n\n')}\n`);
  return EXIT.saved;
}
