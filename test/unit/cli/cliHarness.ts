import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseCommandLine, resolveEndpoint } from '../../../src/cli/args';
import { type CliContext, languageOf } from '../../../src/cli/context';
import type { DashScopeClient } from '../../../src/core/service/client';
import { CreateGate } from '../../../src/core/service/createGate';
import { TAKE_SCHEMA } from '../../../src/core/output/take';
import { ROLE } from '../../../src/shared/mediaRoles';

/** A stream that keeps what was written; `isTTY` decides between a live line and plain lines. */
export function fakeStream(isTTY = false) {
  const stream = { isTTY, text: '', write: (chunk: string) => ((stream.text += chunk), true) };
  return stream;
}

/** A context for a whole command line (`argv[0]` the command), as main builds it; `client` only where one is given. */
export function contextFor(argv: string[], options: { lang?: string; client?: Partial<DashScopeClient>; signal?: AbortSignal } = {}) {
  const env = { LANG: options.lang ?? 'en_US.UTF-8' };
  const { locale, zh } = languageOf(env);
  const { values, positionals } = parseCommandLine(argv);
  const stdout = fakeStream();
  const stderr = fakeStream();
  const io = { stdout, stderr, env, signal: options.signal ?? new AbortController().signal };
  const ctx = {
    io,
    values,
    positionals,
    locale,
    zh,
    endpoint: resolveEndpoint(values, locale, zh),
    client: options.client,
    dispatcher: undefined,
    gate: new CreateGate(),
    say: (text: string) => stderr.write(`${text}\n`),
    localized: (error: { localized(locale: string, surface: 'cli'): string }) => error.localized(zh ? 'zh-cn' : 'en', 'cli'),
  } as unknown as CliContext;
  return { ctx, stdout, stderr };
}

/** Writes a version-2 take `<name>.json` (its video `<name>.mp4` beside it when `video`) in `folder`; returns the take's path. */
export async function putTake(folder: string, name: string, extra: Record<string, unknown> = {}, video = true): Promise<string> {
  const file = path.join(folder, `${name}.json`);
  const take = {
    schema: TAKE_SCHEMA,
    tool: { name: 'wan-keyframes', version: '0.2.0' },
    video: { file: `${name}.mp4`, bytes: 4 },
    taskId: `task-${name}`,
    requestIds: [],
    model: 'wan2.2-kf2v-flash',
    family: 'wan2.2-kf2v-flash',
    endpoint: 'https://dashscope.aliyuncs.com',
    region: 'cn-beijing',
    inputs: { [ROLE.first]: { path: 'a.png', sha256: 'a'.repeat(64), bytes: 1, format: 'png' } },
    inputsKey: 'pair-a',
    parameters: { resolution: '480P', duration: 5, promptExtend: true, watermark: false, seed: 7 },
    seed: 7,
    prompt: 'dawn',
    negativePrompt: '',
    usage: { video_duration: 5, SR: 480 },
    times: { savedAt: '2026-12-01T10:00:00.000Z' },
    ...extra,
  };
  await writeFile(file, JSON.stringify(take, null, 2));
  if (video) await writeFile(path.join(folder, `${name}.mp4`), 'mp4!');
  return file;
}
