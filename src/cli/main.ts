import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DashScopeClient } from '../core/api/client';
import { createDispatcher } from '../core/api/transport';
import { systemClock } from '../core/clock';
import { isWanError, type WanError } from '../core/errors';
import { inLanguage, isChinese, localeOfEnvironment } from '../core/language';
import { continueJob, type JobEvent, startJob } from '../core/job';
import { problemMessage, workspaceIdProblem } from '../core/problems';
import { checkWorkspaceId, type Endpoint, endpointFor, isRegionId, normaliseBaseUrl, REGION_IDS, REGIONS, type RegionId } from '../core/regions';
import { isImageUrl } from '../core/remoteImage';
import { planGeneration } from '../core/request';
import { recordForTaskId } from '../core/resume';
import { jobDeps } from '../core/jobDeps';
import { TOOL_VERSION, userAgent } from '../core/version';
import { EXIT, exitCodeFor } from './exitCodes';
import { Progress } from './progress';


const USAGE = `wan-keyframes ${TOOL_VERSION}: a video from a first and a last frame (Alibaba Cloud Model Studio, Wan)

  wan-keyframes generate --first A --last B [--prompt T] [--negative-prompt T] [--model M] [--resolution R]
                         [--duration S|auto] [--ratio R] [--audio | --no-audio] [--prompt-extend | --no-prompt-extend]
                         [--watermark] [--seed N] [--driving-audio F] [--region R] [--workspace ID | --base-url U]
                         [--upload oss|base64] [--out DIR] [--json]
  wan-keyframes status <task-id> [--region R] [--workspace ID | --base-url U] [--json]
  wan-keyframes cancel <task-id> [--region R] [--workspace ID | --base-url U]
  wan-keyframes resume <task-id> --out DIR [--region R] [--workspace ID | --base-url U] [--json]

A frame is a local file or an http(s) image URL (its first 64 KB are read to check it; the service fetches it).
The API key comes from DASHSCOPE_API_KEY. Models: wan3.0-video, wan3.0-video-prime (workspace hosts only: give
--workspace), wan2.7-i2v, wan2.2-kf2v-flash (default), wanx2.1-kf2v-plus. Wan 3.0: --ratio adaptive (default),
16:9, 4:3, 1:1, 3:4 or 9:16; --duration 2–30 or auto; --no-audio for a silent video (same price).
Regions: ${REGION_IDS.join(', ')} (default cn-beijing; ap-northeast-1 and eu-central-1 need --workspace).
Exit codes: 0 saved, 2 invalid input (nothing sent), 3 service error, 4 task failed/canceled/unknown,
5 download failed (resumable), 130 interrupted (resumable).`;

interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}

class UsageError extends Error {}

export async function main(argv: string[], io: Io): Promise<number> {
  const locale = localeOfEnvironment(io.env);
  const zh = isChinese(locale);
  const say = (text: string) => io.stderr.write(`${text}\n`);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      allowNegative: true,
      options: {
        first: { type: 'string' },
        last: { type: 'string' },
        prompt: { type: 'string' },
        'negative-prompt': { type: 'string' },
        model: { type: 'string' },
        resolution: { type: 'string' },
        duration: { type: 'string' },
        'prompt-extend': { type: 'boolean' },
        watermark: { type: 'boolean' },
        seed: { type: 'string' },
        audio: { type: 'boolean' },
        'driving-audio': { type: 'string' },
        ratio: { type: 'string' },
        workspace: { type: 'string' },
        region: { type: 'string' },
        'base-url': { type: 'string' },
        upload: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (error) {
    say(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return EXIT.invalidInput;
  }
  const { values, positionals } = parsed;
  const [command, taskIdArgument] = positionals;
  if (values.version) {
    io.stdout.write(`${TOOL_VERSION}\n`);
    return EXIT.saved;
  }
  if (values.help || !command) {
    (values.help ? io.stdout : io.stderr).write(`${USAGE}\n`);
    return values.help ? EXIT.saved : EXIT.invalidInput;
  }

  let endpoint: Endpoint;
  try {
    endpoint = resolveEndpoint(values.region, values['base-url'], values.workspace, locale);
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
    return EXIT.invalidInput;
  }
  if (endpoint.kind === 'region' && endpoint.baseUrl === '') {
    say(inLanguage(problemMessage({ code: 'region-needs-workspace', region: REGIONS[endpoint.region].name.en }), locale));
    return EXIT.invalidInput;
  }
  const apiKey = io.env.DASHSCOPE_API_KEY?.trim();
  if (!apiKey) {
    say(zh ? '请在环境变量 DASHSCOPE_API_KEY 中设置 API Key。' : 'Set your API key in the DASHSCOPE_API_KEY environment variable.');
    return EXIT.invalidInput;
  }
  const dispatcher = createDispatcher({ environment: io.env });
  const client = new DashScopeClient({
    baseUrl: endpoint.baseUrl,
    uploadFallbackBaseUrl: endpoint.kind === 'workspace' ? endpoint.uploadFallbackBaseUrl : undefined,
    apiKey,
    userAgent: userAgent('cli'),
    dispatcher,
  });
  const localized = (error: WanError) => error.localized(zh ? 'zh-cn' : 'en', 'cli');
  try {
    switch (command) {
      case 'generate':
        return await generate();
      case 'status':
        return await status();
      case 'cancel':
        return await cancel();
      case 'resume':
        return await resume();
      default:
        say(`Unknown command “${command}”.\n\n${USAGE}`);
        return EXIT.invalidInput;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      say(`${error.message}\n\n${USAGE}`);
      return EXIT.invalidInput;
    }
    if (!isWanError(error)) throw error;
    say(localized(error));
    if (error.taskId && error.kind !== 'canceled') say(zh ? `任务 ID：${error.taskId}` : `task id: ${error.taskId}`);
    return error.kind === 'aborted' ? EXIT.interrupted : EXIT.service;
  } finally {
    await dispatcher.close().catch(() => undefined);
  }

  function requireTaskId(): string {
    if (!taskIdArgument) throw new UsageError(`${command} needs a task id.`);
    return taskIdArgument;
  }

  async function generate(): Promise<number> {
    if (!values.first || !values.last) throw new UsageError('generate needs --first and --last.');
    const mode = values.upload ?? 'oss';
    if (mode !== 'oss' && mode !== 'base64') throw new UsageError('--upload is oss or base64.');
    const frame = (value: string) => (isImageUrl(value) ? value.trim() : path.resolve(value));
    const { plan, problems } = await planGeneration(
      {
        firstPath: frame(values.first),
        lastPath: frame(values.last),
        audioPath: values['driving-audio'] ? path.resolve(values['driving-audio']) : undefined,
        model: values.model ?? 'wan2.2-kf2v-flash',
        prompt: values.prompt ?? '',
        negativePrompt: values['negative-prompt'] ?? '',
        resolution: values.resolution,
        duration: values.duration,
        promptExtend: values['prompt-extend'] ?? true,
        watermark: values.watermark ?? false,
        seed: values.seed,
        ratio: values.ratio,
        sound: values.audio,
      },
      endpoint,
      { remote: { dispatcher, userAgent: userAgent('cli'), signal: io.signal } },
    );
    if (!plan) {
      for (const problem of problems) say(inLanguage(problemMessage(problem), locale));
      return EXIT.invalidInput;
    }
    // Two image URLs have no folder of their own: the video goes to the current directory.
    const outputDir = values.out ? path.resolve(values.out) : plan.first.remote && plan.last.remote ? process.cwd() : undefined;
    if (outputDir) await mkdir(outputDir, { recursive: true });
    return runAndReport((onEvent) =>
      startJob(plan, jobDeps('cli', {
        client,
        dispatcher,
        clock: systemClock,
        signal: io.signal,
        uploadMode: mode,
        region: endpoint.kind === 'custom' ? undefined : endpoint.region,
        outputDir,
        onEvent,
      })),
    );
  }

  async function resume(): Promise<number> {
    const taskId = requireTaskId();
    if (!values.out) throw new UsageError('resume needs --out DIR.');
    const outputDir = path.resolve(values.out);
    await mkdir(outputDir, { recursive: true });
    const record = await recordForTaskId(client, taskId, outputDir, new Date(), io.signal);
    return runAndReport((onEvent) =>
      continueJob(record, jobDeps('cli', {
        client,
        dispatcher,
        clock: systemClock,
        signal: io.signal,
        uploadMode: 'oss',
        outputDir,
        onEvent,
      })),
    );
  }

  async function runAndReport(run: (onEvent: (event: JobEvent) => void) => Promise<{ videoPath: string; sidecarPath?: string; taskId: string; record: { wireModel: string }; usage: unknown }>): Promise<number> {
    const progress = new Progress(io.stderr, zh);
    let taskId: string | undefined;
    try {
      const result = await run((event) => {
        if (event.type === 'submitted') taskId = event.taskId;
        progress.on(event);
      });
      progress.done();
      say(zh ? `已保存 ${result.videoPath}` : `Saved ${result.videoPath}`);
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ video: result.videoPath, sidecar: result.sidecarPath ?? null, taskId: result.taskId, model: result.record.wireModel, usage: result.usage ?? null })}\n`);
      }
      return EXIT.saved;
    } catch (error) {
      progress.done();
      if (!isWanError(error)) throw error;
      say(localized(error));
      const id = error.taskId ?? taskId;
      if (id) say(zh ? `任务 ID：${id}（可用 wan-keyframes resume ${id} --out DIR 继续）` : `task id: ${id} (continue with: wan-keyframes resume ${id} --out DIR)`);
      return exitCodeFor(error);
    }
  }

  async function status(): Promise<number> {
    const taskId = requireTaskId();
    const response = await client.getTask(taskId, { signal: io.signal });
    if (values.json) io.stdout.write(`${JSON.stringify(response)}\n`);
    else {
      const output = response.output;
      io.stdout.write(`${output.task_id}  ${output.task_status}${output.code ? `  ${output.code}: ${output.message ?? ''}` : ''}\n`);
    }
    return EXIT.saved;
  }

  async function cancel(): Promise<number> {
    const taskId = requireTaskId();
    await client.cancelTask(taskId, { signal: io.signal });
    say(zh ? `已取消 ${taskId}` : `Canceled ${taskId}`);
    return EXIT.saved;
  }
}

/**
 * --region picks the region; --workspace makes its workspace host; --base-url replaces the host (a gateway, the
 * simulator), with --workspace then saying which workspace it serves.
 */
function resolveEndpoint(region: string | undefined, baseUrl: string | undefined, workspace: string | undefined, locale: string): Endpoint {
  if (region && baseUrl) throw new Error('Give --region or --base-url, not both.');
  const checked = checkWorkspaceId(workspace);
  if (!checked.ok) throw new Error(inLanguage(problemMessage(workspaceIdProblem(checked)), locale));
  if (baseUrl) {
    if (!normaliseBaseUrl(baseUrl)) throw new Error(`--base-url “${baseUrl}” is not an http(s) URL without query or credentials.`);
    return endpointFor('cn-beijing', baseUrl, checked.workspaceId);
  }
  const chosen = region ?? 'cn-beijing';
  if (!isRegionId(chosen)) throw new Error(`Unknown region “${chosen}”: use ${REGION_IDS.join(', ')}.`);
  return endpointFor(chosen as RegionId, undefined, checked.workspaceId);
}
