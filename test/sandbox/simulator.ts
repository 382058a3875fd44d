import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { bodyLimitRefusal } from './bodyLimit';
import { beijingTime, parseCompactBeijing, serviceOutputSize, SIM_MODELS, type SimModel } from './catalog';
import { checkClip, type ClipRefusal, clipModelRefusal, clipUrlRefusal, durationRefusal, renderContinuation } from './continuation';
import { faultStage, fileStream, generatedVideo, sleep, VideoDelivery } from './delivery';
import { type Fault, FaultPlan, type FaultRoute } from './faults';
import { ffprobe, hasAlpha, renderCrossFade } from './media';
import { FakeOss, ossErrorXml } from './oss';
import { type QuotaRoute, quotaBody } from './quotas';
import { type OtherTask, type SimTask, TaskBoard } from './tasks';
import { MODE_CONFLICT, resolvedRatio, smartDuration, wan3Media, wan3OutputSize, wan3Parameters, wan3UsageText } from './wan3';

export interface SimulatorOptions {
  port?: number;
  apiKeys?: string[];
  /** Enforce a region's model ids (e.g. wanx2.1-kf2v-plus only in Beijing); any when omitted. */
  region?: string;
  pendingMs?: number;
  runningMs?: number;
  fps?: number;
  taskTtlMs?: number;
  urlTtlMs?: number;
  /** How long the CDN link a `video_url` redirects to stays valid (default 10 min). */
  cdnTtlMs?: number;
  policyTtlMs?: number;
  log?: (line: string) => void;
  /**
   * Workspace hosts live under `/ws/{WorkspaceId}` here (any host works: the path is what matters). Given, only these
   * ids exist (else 404 WorkSpaceNotFound), each with the keys that belong to it (else 401 NOT AUTHORIZED).
   */
  workspaces?: Record<string, string[]>;
  /** Whether a workspace base answers the upload-policy call (false: 404, as an undocumented route would). */
  workspaceUploads?: boolean;
  /** Which quota path answers (addendum §A3 disagrees with itself); default `quotas`. */
  quotaRoute?: QuotaRoute;
  /** The account's concurrency per model, as the quota API reports it and the task board enforces it. */
  accountConcurrency?: Record<string, number>;
}

export interface RecordedRequest {
  seq: number;
  /** Which listener took it: the API (and result bucket) origin, or the CDN origin that serves video bytes. */
  host: 'api' | 'cdn';
  time: number;
  route: FaultRoute | 'other';
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  json?: unknown;
  /** For OSS uploads: the multipart field names in the order they arrived. */
  formFields?: string[];
  /** The workspace of a workspace-shaped base (`/ws/{id}/api/v1/…`); undefined on the shared base. */
  workspace?: string;
}

export const DEFAULT_TEST_KEY = 'sk-simulator-demo-key';
const MB = 1024 * 1024;

class Reply extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    override readonly message: string,
  ) {
    super(message);
  }
}

/** A local DashScope: the documented routes, checks, task states, fake OSS, faults, and a request log. */
export class Simulator {
  readonly requests: RecordedRequest[] = [];
  readonly faults = new FaultPlan();
  private readonly oss: FakeOss;
  private readonly board: TaskBoard;
  private timing: { pendingMs: number; runningMs: number };
  private nextOutcomes: Array<{ code: string; message: string }> = [];
  private videoOverrideBytes: number | undefined;
  private downloadRate: number | undefined;
  private clockOffsetMs = 0;
  private seq = 0;
  /** API answers (JSON) sent chunked without a Content-Length, as a gateway may (setChunkedAnswers). */
  private chunkedAnswers = false;
  /** The video path (links, redirects, bytes): its shaping and its log of answers for bytes are the tests' to use. */
  readonly delivery: VideoDelivery;
  origin = '';
  /** The second origin, as a CDN host would be: the signed `video_url` redirects here for the bytes. */
  cdnOrigin = '';

  private constructor(
    private readonly server: http.Server,
    private readonly cdnServer: http.Server,
    private readonly workDir: string,
    private readonly options: SimulatorOptions,
  ) {
    this.delivery = new VideoDelivery(
      {
        now: () => this.now(),
        origins: () => ({ api: this.origin, cdn: this.cdnOrigin }),
        video: (taskId, start) => this.video(taskId, start),
        bytesPerSecond: () => this.downloadRate,
      },
      options.cdnTtlMs ?? 600_000,
    );
    this.timing = { pendingMs: options.pendingMs ?? 1000, runningMs: options.runningMs ?? 3000 };
    this.oss = new FakeOss(() => this.now(), options.policyTtlMs ?? 300_000);
    this.board = new TaskBoard(
      (model) => options.accountConcurrency?.[model] ?? SIM_MODELS[model]?.concurrency ?? 1,
      () => this.timing,
      (task) => this.render(task),
      () => this.now(),
    );
  }

  static async start(options: SimulatorOptions = {}): Promise<Simulator> {
    const workDir = await mkdtemp(path.join(os.tmpdir(), 'wk-sim-'));
    await mkdir(path.join(workDir, 'objects'), { recursive: true });
    await mkdir(path.join(workDir, 'videos'), { recursive: true });
    const server = http.createServer();
    const cdnServer = http.createServer();
    const simulator = new Simulator(server, cdnServer, workDir, options);
    for (const [listener, host] of [[server, 'api'], [cdnServer, 'cdn']] as const) {
      listener.on('request', (req, res) => {
        simulator.handle(req, res, host).catch((error: unknown) => {
          if (!res.headersSent) simulator.json(res, 500, { request_id: randomUUID(), code: 'InternalError', message: String(error) });
          else res.destroy();
        });
      });
    }
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => cdnServer.listen(0, '127.0.0.1', resolve));
    simulator.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    simulator.cdnOrigin = `http://127.0.0.1:${(cdnServer.address() as AddressInfo).port}`;
    return simulator;
  }

  get baseUrl(): string {
    return this.origin;
  }

  get tasks(): Map<string, SimTask> {
    return this.board.tasks;
  }

  setTiming(timing: Partial<{ pendingMs: number; runningMs: number }>): void {
    this.timing = { ...this.timing, ...timing };
    this.board.poke();
  }

  /** The next created task ends FAILED with this code (moderation, InternalError.Timeout, …). */
  failNextTask(code: string, message: string): void {
    this.nextOutcomes.push({ code, message });
  }

  /** Serve a generated body of this many bytes instead of the rendered video (memory tests). */
  overrideVideoBytes(bytes: number | undefined): void {
    this.videoOverrideBytes = bytes;
  }

  /** Finishes every running task within `ms` (tests that slowed a task down and now want it done). */
  finishRunning(ms = 200): void {
    this.board.hurry(ms);
  }

  /** Sends every later JSON answer of the API chunked, in pieces, without a Content-Length (HTTP allows it; gateways do it). */
  setChunkedAnswers(on: boolean): void {
    this.chunkedAnswers = on;
  }

  /** Slows video downloads to this many bytes per second (undefined: full speed). */
  setDownloadRate(bytesPerSecond: number | undefined): void {
    this.downloadRate = bytesPerSecond;
  }

  /** Moves the simulator's clock, to expire tasks, URLs and policies without waiting. */
  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  requestsFor(route: FaultRoute | 'other'): RecordedRequest[] {
    return this.requests.filter((request) => request.route === route);
  }

  async stop(): Promise<void> {
    this.board.stop();
    for (const listener of [this.server, this.cdnServer]) {
      listener.closeAllConnections();
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    }
    await rm(this.workDir, { recursive: true, force: true });
  }

  private now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  // ---- dispatch --------------------------------------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse, host: 'api' | 'cdn'): Promise<void> {
    const url = new URL(req.url ?? '/', host === 'api' ? this.origin : this.cdnOrigin);
    const workspaceBase = host === 'api' ? /^\/ws\/([^/]+)(\/api\/v1\/.*)$/.exec(url.pathname) : null;
    if (workspaceBase) url.pathname = workspaceBase[2] as string;
    const workspace = workspaceBase ? decodeURIComponent(workspaceBase[1] as string) : undefined;
    const route = routeOf(req.method ?? 'GET', url.pathname);
    const record: RecordedRequest = {
      seq: ++this.seq,
      host,
      time: this.now(),
      route,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])),
      workspace,
    };
    this.requests.push(record);
    this.options.log?.(`${record.method} ${url.pathname}`);
    // Gateways name each answer in a header too, so even a body that is not JSON can be traced.
    res.setHeader('x-request-id', `sim-${record.seq}`);
    // A download is a link (redirects) and then bytes: each fault hits the stage it belongs to.
    const stage = url.pathname.startsWith('/cdn/') ? 'bytes' : 'link';
    const fault = route === 'other' ? undefined : this.faults.take(route, (f) => route !== 'download' || faultStage(f) === stage);
    // A create that is slow to answer was accepted first (the answer is late, not the task).
    const early = fault && !fault.acceptFirst && !(route === 'create' && (fault.kind.type === 'slow-headers' || fault.kind.type === 'accept-then-reset'));
    if (fault && early && (await this.applyEarlyFault(fault, req, res))) return;
    try {
      if (workspace !== undefined && route !== 'upload' && route !== 'download') this.checkWorkspace(req, workspace);
      switch (route) {
        case 'create':
          return await this.create(req, res, url, record, fault);
        case 'quota':
          return this.withFault(fault, res, () => this.quotas(req, res, url, workspace));
        case 'query':
          return this.withFault(fault, res, () => this.query(req, res, url));
        case 'list':
          return this.withFault(fault, res, () => this.list(req, res, url));
        case 'cancel':
          return this.withFault(fault, res, () => this.cancel(req, res, url));
        case 'policy':
          if (workspace !== undefined && this.options.workspaceUploads === false) throw new Reply(404, 'NotFound', 'url error, please check url!');
          return this.withFault(fault, res, () => this.policy(req, res, url));
        case 'upload':
          return await this.upload(req, res, record, fault);
        case 'download':
          return await this.download(req, res, url, host, fault);
        default:
          throw new Reply(404, 'NotFound', 'url error, please check url!');
      }
    } catch (error) {
      if (error instanceof Reply) {
        if (route === 'upload' || route === 'download') this.xml(res, error.status, error.code, error.message);
        else this.json(res, error.status, { request_id: randomUUID(), code: error.code, message: error.message });
        return;
      }
      throw error;
    }
  }

  /** Faults that answer instead of the route. Returns true when the response is done. */
  private async applyEarlyFault(fault: Fault, req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    const kind = fault.kind;
    if (kind.type === 'status') {
      await drain(req);
      const headers: Record<string, string> = kind.retryAfter ? { 'retry-after': kind.retryAfter } : {};
      if (fault.route === 'upload' || fault.route === 'download') this.xml(res, kind.status, kind.code, kind.message, headers);
      else this.json(res, kind.status, { request_id: randomUUID(), ...(kind.code ? { code: kind.code } : {}), message: kind.message }, headers);
      return true;
    }
    if (kind.type === 'raw') {
      await drain(req);
      res.writeHead(kind.status, { 'content-type': kind.contentType ?? 'application/json' });
      res.end(kind.body);
      return true;
    }
    if (kind.type === 'reset-before-headers') {
      await drain(req);
      req.socket.destroy();
      return true;
    }
    if (kind.type === 'slow-headers') {
      await sleep(kind.delayMs);
      return false;
    }
    return false; // mid-body and truncated faults are applied while the body is written
  }

  private withFault(fault: Fault | undefined, res: http.ServerResponse, normal: () => void): void {
    if (fault && (fault.kind.type === 'reset-mid-body' || fault.kind.type === 'truncated-body')) {
      const hijack = fault.kind.type;
      const originalEnd = res.end.bind(res);
      // Send the headers and half the JSON, then break the connection.
      res.end = ((chunk?: unknown) => {
        const text = typeof chunk === 'string' ? chunk : '';
        res.write(text.slice(0, Math.floor(text.length / 2)));
        setTimeout(() => (hijack === 'reset-mid-body' ? res.socket?.destroy() : res.socket?.end()), 20);
        return res;
      }) as typeof res.end;
      void originalEnd;
    }
    normal();
  }

  // ---- API routes -------------------------------------------------------------------------------------

  private authorise(req: http.IncomingMessage): string {
    const header = req.headers.authorization;
    if (!header) throw new Reply(401, 'InvalidApiKey', 'No API-key provided.');
    const key = /^Bearer (.+)$/.exec(header)?.[1];
    if (!key || !(this.options.apiKeys ?? [DEFAULT_TEST_KEY]).includes(key)) throw new Reply(401, 'InvalidApiKey', 'Invalid API-key provided.');
    return key;
  }

  private async create(req: http.IncomingMessage, res: http.ServerResponse, url: URL, record: RecordedRequest, fault: Fault | undefined): Promise<void> {
    const bytes = await readBodyBytes(req);
    // The gateway weighs the body before anything else looks at it (addendum §A8.1).
    const tooLarge = bodyLimitRefusal(bytes);
    if (tooLarge) throw new Reply(tooLarge.status, tooLarge.code, tooLarge.message);
    const text = bytes.toString('utf8');
    // A late accept: the service takes its time before the task exists.
    if (fault?.kind.type === 'accept-then-reset') await sleep(fault.kind.afterMs);
    const apiKey = this.authorise(req);
    if (req.headers['x-dashscope-async'] !== 'enable') throw new Reply(403, 'AccessDenied', 'current user api does not support synchronous calls.');
    let body: { model?: unknown; input?: Record<string, unknown>; parameters?: Record<string, unknown> };
    try {
      body = JSON.parse(text);
      record.json = body;
    } catch {
      throw new Reply(400, 'BadRequest.IllegalInput', 'The input is not a valid JSON.');
    }
    if (typeof body.model !== 'string' || body.model === '') throw new Reply(400, 'BadRequest.EmptyModel', 'Required parameter "model" missing from request.');
    if (!body.input || typeof body.input !== 'object') throw new Reply(400, 'BadRequest.EmptyInput', 'Required parameter "input" missing from request.');
    const routeName = /\/services\/aigc\/([^/]+)\/video-synthesis$/.exec(url.pathname)?.[1];
    const model = SIM_MODELS[body.model];
    if (!model || model.route !== routeName) throw new Reply(400, 'InvalidParameter', 'url error, please check url! For details, see: https://help.aliyun.com/zh/model-studio');
    if (this.options.region && !model.regions.includes(this.options.region)) throw new Reply(404, 'ModelNotFound', `The model ${body.model} does not exist in this region.`);
    if (model.workspaceOnly && record.workspace === undefined) throw new Reply(404, 'ModelNotFound', `The model ${body.model} is served on workspace hosts only.`);
    if (model.family !== 'wan2.7' && hasClip(body.input)) throw refusal(clipModelRefusal(body.model));
    if (model.family === 'wan3.0') return this.createWan3(req, res, body as { model: string; input: Record<string, unknown>; parameters?: Record<string, unknown> }, apiKey, fault);

    const parameters = body.parameters ?? {};
    const resolution = parameters.resolution === undefined ? model.defaultResolution : String(parameters.resolution);
    if (!model.resolutions.includes(resolution)) throw new Reply(400, 'InvalidParameter', `The resolution is not valid: ${resolution}.`);
    const duration = parameters.duration === undefined ? model.duration.default : Number(parameters.duration);
    if (!Number.isInteger(duration) || duration < model.duration.min || duration > model.duration.max) {
      throw new Reply(400, 'InvalidParameter', `The duration is not valid: ${String(parameters.duration)}.`);
    }
    if (parameters.seed !== undefined && !(Number.isInteger(parameters.seed) && (parameters.seed as number) >= 0 && (parameters.seed as number) <= 2147483647)) {
      throw new Reply(400, 'InvalidParameter', 'The seed is out of range [0, 2147483647].');
    }
    for (const flag of ['prompt_extend', 'watermark']) {
      if (parameters[flag] !== undefined && typeof parameters[flag] !== 'boolean') throw new Reply(400, 'InvalidParameter', `The parameter ${flag} must be a boolean.`);
    }

    const urls = this.mediaUrls(model, body.input);
    if (Object.values(urls).some((value) => value?.startsWith('oss://')) && req.headers['x-dashscope-ossresourceresolve'] !== 'enable') {
      throw new Reply(400, 'InvalidParameter', 'InternalError.Algo.InvalidParameter: The provided URL does not appear to be valid. Ensure it is correctly formatted.');
    }
    if (urls.clip !== undefined) {
      const task = await this.continuation({ model: body.model, input: body.input, parameters }, { clip: urls.clip, last: urls.last }, { resolution, duration, apiKey });
      return this.answerCreate(req, res, task, fault);
    }
    const first = await this.resolveMedia(urls.first as string, body.model);
    const last = await this.resolveMedia(urls.last as string, body.model);
    const audio = urls.audio ? await this.resolveMedia(urls.audio, body.model) : undefined;
    const firstSize = await this.checkImage(first, model);
    await this.checkImage(last, model);
    if (audio) await this.checkAudio(audio);

    const prompt = typeof body.input.prompt === 'string' ? [...body.input.prompt].slice(0, model.promptMax).join('') : null;
    const next = this.nextOutcomes.shift();
    const task = this.board.add({
      model: body.model,
      route: model.route,
      requestId: randomUUID(),
      prompt,
      promptExtend: parameters.prompt_extend !== false,
      resolution,
      duration,
      inputs: { first, last, audio },
      firstSize,
      outcome: next ? { status: 'FAILED', ...next } : { status: 'SUCCEEDED' },
      apiKey,
    });
    await this.answerCreate(req, res, task, fault);
  }

  /** A created task's answer, with the faults that hit after acceptance: the task exists, its answer is slow, cut or lost. */
  private async answerCreate(req: http.IncomingMessage, res: http.ServerResponse, task: SimTask, fault: Fault | undefined): Promise<void> {
    if (fault?.kind.type === 'slow-headers') await sleep(fault.kind.delayMs);
    if ((fault?.acceptFirst && fault.kind.type === 'reset-before-headers') || fault?.kind.type === 'accept-then-reset') {
      req.socket.destroy();
      return;
    }
    this.withFault(fault, res, () => this.json(res, 200, { request_id: task.requestId, output: { task_status: 'PENDING', task_id: task.id } }));
  }

  /** wan2.7-i2v continuing a clip (continuation.ts): every first_clip rule, then a task whose video lasts the whole duration. */
  private async continuation(
    body: { model: string; input: Record<string, unknown>; parameters: Record<string, unknown> },
    urls: { clip: string; last?: string },
    task: { resolution: string; duration: number; apiKey: string },
  ): Promise<SimTask> {
    const base64 = clipUrlRefusal(urls.clip);
    if (base64) throw refusal(base64);
    const model = SIM_MODELS[body.model] as SimModel;
    const clipFile = await this.resolveMedia(urls.clip, body.model);
    const clip = await checkClip(clipFile);
    if ('code' in clip) throw refusal(clip);
    const last = urls.last ? await this.resolveMedia(urls.last, body.model) : undefined;
    if (last) await this.checkImage(last, model);
    const tooShort = durationRefusal(task.duration, clip);
    if (tooShort) throw refusal(tooShort);
    const prompt = typeof body.input.prompt === 'string' ? [...body.input.prompt].slice(0, model.promptMax).join('') : null;
    const next = this.nextOutcomes.shift();
    return this.board.add({
      model: body.model,
      route: model.route,
      requestId: randomUUID(),
      prompt,
      promptExtend: body.parameters.prompt_extend !== false,
      resolution: task.resolution,
      duration: task.duration,
      inputs: { first: clipFile, last: last ?? clipFile },
      firstSize: { width: clip.width, height: clip.height },
      clip: { file: clipFile, seconds: clip.seconds },
      outcome: next ? { status: 'FAILED', ...next } : { status: 'SUCCEEDED' },
      apiKey: task.apiKey,
    });
  }

  /** Wan 3.0 in first(+last)-frame mode (addendum §A1); a frames+references mix fails as a task, as documented. */
  private async createWan3(req: http.IncomingMessage, res: http.ServerResponse, body: { model: string; input: Record<string, unknown>; parameters?: Record<string, unknown> }, apiKey: string, fault: Fault | undefined): Promise<void> {
    const media = wan3Media(body.input.media);
    if (!media.ok) throw new Reply(media.status, media.code, media.message);
    const parameters = wan3Parameters(body.parameters ?? {});
    if ('ok' in parameters) throw new Reply(parameters.status, parameters.code, parameters.message);
    for (const flag of ['prompt_extend', 'watermark']) {
      if (body.parameters?.[flag] !== undefined && typeof body.parameters[flag] !== 'boolean') throw new Reply(400, 'InvalidParameter', `The parameter ${flag} must be a boolean.`);
    }
    const urls = [media.first, media.last].filter((url): url is string => url !== undefined);
    if (urls.some((url) => url.startsWith('oss://')) && req.headers['x-dashscope-ossresourceresolve'] !== 'enable') {
      throw new Reply(400, 'InvalidParameter', "media.url scheme must be http/https, got: 'oss'");
    }
    const model = SIM_MODELS[body.model] as SimModel;
    const first = await this.resolveMedia(media.first, body.model);
    const last = media.last ? await this.resolveMedia(media.last, body.model) : first;
    const firstSize = await this.checkImage(first, model);
    if (media.last) await this.checkImage(last, model);
    const prompt = typeof body.input.prompt === 'string' ? [...body.input.prompt].slice(0, model.promptMax).join('') : null;
    const next = this.nextOutcomes.shift();
    const outcome = media.conflict ? { status: 'FAILED' as const, code: 'InvalidParameter', message: MODE_CONFLICT } : next ? { status: 'FAILED' as const, ...next } : { status: 'SUCCEEDED' as const };
    const ratio = resolvedRatio(parameters.ratio, firstSize.width, firstSize.height);
    const task = this.board.add({
      model: body.model,
      route: model.route,
      requestId: randomUUID(),
      prompt,
      promptExtend: body.parameters?.prompt_extend !== false,
      resolution: parameters.resolution,
      duration: parameters.duration === -1 ? smartDuration(prompt) : parameters.duration,
      inputs: { first, last },
      firstSize,
      outcome,
      apiKey,
      shape: { ratio, sound: parameters.audio },
    });
    await this.answerCreate(req, res, task, fault);
  }

  /** A workspace base: the id must exist and the key must belong to it (addendum §A2's errors). */
  private checkWorkspace(req: http.IncomingMessage, workspace: string): void {
    const known = this.options.workspaces;
    if (!known) return;
    const members = known[workspace];
    if (!members) throw new Reply(404, 'WorkSpaceNotFound', 'WorkSpace can not be found.');
    const key = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (key && !members.includes(key)) {
      throw new Reply(401, 'NOT AUTHORIZED', 'Access denied: Either you are not authorized to access this workspace, or the workspace does not exist. Please verify the workspace configuration or the endpoint.');
    }
  }

  private quotas(req: http.IncomingMessage, res: http.ServerResponse, url: URL, workspace: string | undefined): void {
    this.authorise(req);
    const served = this.options.quotaRoute ?? 'quotas';
    const asked = url.pathname.endsWith('/quotas') ? 'quotas' : 'limits';
    if (served !== asked) throw new Reply(404, 'NotFound', 'url error, please check url!');
    const model = url.searchParams.get('model');
    const models = model ? (SIM_MODELS[model] ? [model] : []) : Object.keys(SIM_MODELS);
    this.json(res, 200, quotaBody(models, (name) => this.options.accountConcurrency?.[name] ?? SIM_MODELS[name]?.concurrency ?? 1, workspace));
  }

  private mediaUrls(model: SimModel, input: Record<string, unknown>): { first?: string; last?: string; audio?: string; clip?: string } {
    if (model.family === 'wan2.7') {
      const media = input.media;
      if (!Array.isArray(media) || media.length === 0) throw new Reply(400, 'InvalidParameter', 'Field required: input.media');
      const byType = new Map<string, string>();
      for (const item of media as Array<{ type?: unknown; url?: unknown }>) {
        if (typeof item?.type !== 'string' || typeof item.url !== 'string' || item.url === '') throw new Reply(400, 'InvalidParameter', 'Each media item needs a type and a url.');
        if (!['first_frame', 'last_frame', 'driving_audio', 'first_clip'].includes(item.type)) throw new Reply(400, 'InvalidParameter', `Unsupported media type: ${item.type}.`);
        if (byType.has(item.type)) throw new Reply(400, 'InvalidParameter', `Media type ${item.type} appears more than once.`);
        byType.set(item.type, item.url);
      }
      const combination = [...byType.keys()].sort().join('+');
      const allowed = ['first_frame', 'driving_audio+first_frame', 'first_frame+last_frame', 'driving_audio+first_frame+last_frame', 'first_clip', 'first_clip+last_frame'];
      if (!allowed.includes(combination)) throw new Reply(400, 'InvalidParameter', `The media combination is not supported: ${combination}.`);
      if (byType.has('first_clip')) return { clip: byType.get('first_clip'), last: byType.get('last_frame') };
      if (!byType.has('first_frame') || !byType.has('last_frame')) throw new Reply(400, 'InvalidParameter', 'The simulator serves first+last frame tasks only.');
      return { first: byType.get('first_frame'), last: byType.get('last_frame'), audio: byType.get('driving_audio') };
    }
    if (typeof input.first_frame_url !== 'string' || input.first_frame_url === '') throw new Reply(400, 'InvalidParameter', 'Field required: input.first_frame_url');
    if (typeof input.last_frame_url !== 'string' || input.last_frame_url === '') throw new Reply(400, 'InvalidParameter', 'The simulator serves first+last frame tasks only: input.last_frame_url is required.');
    return { first: input.first_frame_url, last: input.last_frame_url };
  }

  private async resolveMedia(url: string, model: string): Promise<string> {
    if (url.startsWith('oss://')) {
      const object = this.oss.objects.get(url.slice('oss://'.length));
      if (!object || object.expiresAt < this.now()) throw new Reply(400, 'InvalidParameter.DataInspection', 'Failed to find the requested media resource during the data inspection process.');
      if (object.model !== model) throw new Reply(400, 'InvalidParameter.DataInspection', "Don't have authorization to access the media resource during the data inspection process.");
      return object.file;
    }
    const data = /^data:([\w/+.-]+);base64,(.*)$/s.exec(url);
    if (data) {
      const file = path.join(this.workDir, 'objects', `${randomUUID()}.bin`);
      await writeFile(file, Buffer.from(data[2] as string, 'base64'));
      return file;
    }
    if (/^https?:\/\//.test(url)) return this.fetchMedia(url);
    throw new Reply(400, 'InvalidParameter', 'The provided URL does not appear to be valid. Ensure it is correctly formatted.');
  }

  /** A public media URL, fetched as the service's fetcher would (its user agent names DashScopeUserBot, addendum §A4). */
  private async fetchMedia(url: string): Promise<string> {
    let bytes: Buffer;
    try {
      const response = await fetch(url, { headers: { 'user-agent': 'Mozilla/5.0 (compatible; DashScopeUserBot/1.0)' }, signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      bytes = Buffer.from(await response.arrayBuffer());
    } catch {
      throw new Reply(400, 'InvalidParameter.DataInspection', 'Download the media resource timed out during the data inspection process.');
    }
    const file = path.join(this.workDir, 'objects', `${randomUUID()}.bin`);
    await writeFile(file, bytes);
    return file;
  }

  private async checkImage(file: string, model: SimModel): Promise<{ width: number; height: number }> {
    const bytes = (await stat(file)).size;
    if (bytes > model.image.maxBytes) throw new Reply(400, 'InvalidParameter', `The image size exceeds the limit of ${model.image.maxBytes / MB} MB.`);
    const info = await ffprobe(file);
    const accepted = ['png', 'mjpeg', 'webp', 'bmp'];
    if (!info || !accepted.includes(info.codec) || !info.width || !info.height) {
      throw new Reply(400, 'InvalidParameter.DataInspection', 'The media format is not supported or incorrect for the data inspection.');
    }
    if (hasAlpha(info.pixFmt)) throw new Reply(400, 'InvalidParameter', 'The image must not have an alpha channel.');
    const { width, height } = info;
    if (Math.min(width, height) < model.image.minSide || Math.max(width, height) > model.image.maxSide) {
      throw new Reply(400, 'InvalidParameter', `The size is not match the requirement: ${width}x${height}.`);
    }
    if (model.image.maxAspect && Math.max(width, height) / Math.min(width, height) > model.image.maxAspect) {
      throw new Reply(400, 'InvalidParameter', 'The aspect ratio of the image is out of range.');
    }
    return { width, height };
  }

  private async checkAudio(file: string): Promise<void> {
    const bytes = (await stat(file)).size;
    const info = await ffprobe(file);
    if (!info || !/^(wav|mp3)$/.test(info.formatName)) throw new Reply(400, 'InvalidParameter.DataInspection', 'The media format is not supported or incorrect for the data inspection.');
    if (bytes > 15 * MB) throw new Reply(400, 'InvalidParameter', 'The audio file exceeds 15 MB.');
    if (!(info.seconds !== undefined && info.seconds >= 2 && info.seconds <= 30)) throw new Reply(400, 'InvalidParameter', 'The audio duration must be between 2 and 30 seconds.');
  }

  private async render(task: SimTask): Promise<void> {
    const size = task.shape ? wan3OutputSize(task.shape.ratio, task.resolution) : serviceOutputSize(task.firstSize.width, task.firstSize.height, task.resolution);
    const output = path.join(this.workDir, 'videos', `${task.id}.mp4`);
    if (task.clip) {
      const last = task.inputs.last === task.clip.file ? undefined : task.inputs.last;
      await renderContinuation({ clip: task.clip.file, clipSeconds: task.clip.seconds, last, ...size, seconds: task.duration, fps: this.options.fps ?? 30, output });
      task.videoFile = output;
      return;
    }
    await renderCrossFade({
      first: task.inputs.first,
      last: task.inputs.last,
      audio: task.inputs.audio,
      width: size.width,
      height: size.height,
      seconds: task.duration,
      fps: this.options.fps ?? 30,
      withSound: task.shape ? task.shape.sound : SIM_MODELS[task.model]?.family === 'wan2.7',
      output,
    });
    task.videoFile = output;
  }

  private findTask(url: URL, apiKey: string): SimTask | undefined {
    const id = decodeURIComponent(/\/api\/v1\/tasks\/([^/]+)/.exec(url.pathname)?.[1] ?? '');
    const task = this.board.tasks.get(id);
    if (!task || task.apiKey !== apiKey) return undefined;
    return task;
  }

  private query(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    const apiKey = this.authorise(req);
    const task = this.findTask(url, apiKey);
    const taskId = decodeURIComponent(/\/api\/v1\/tasks\/([^/]+)/.exec(url.pathname)?.[1] ?? '');
    const requestId = randomUUID();
    if (!task || this.now() - task.createdAt > (this.options.taskTtlMs ?? 24 * 3600_000)) {
      this.json(res, 200, { request_id: requestId, output: { task_id: taskId, task_status: 'UNKNOWN' } });
      return;
    }
    const output: Record<string, unknown> = { task_id: task.id, task_status: task.status, submit_time: beijingTime(task.createdAt) };
    if (task.scheduledAt) output.scheduled_time = beijingTime(task.scheduledAt);
    if (task.endedAt) output.end_time = beijingTime(task.endedAt);
    const body: Record<string, unknown> = { request_id: requestId, output };
    if (task.status === 'FAILED' && task.outcome.status === 'FAILED') {
      output.code = task.outcome.code;
      output.message = task.outcome.message;
    }
    if (task.status === 'SUCCEEDED') {
      output.video_url = this.oss.signUrl(this.origin, `/oss-result/${task.id}.mp4`, this.options.urlTtlMs ?? 24 * 3600_000);
      if (task.prompt !== null) output.orig_prompt = task.prompt;
      const family = SIM_MODELS[task.model]?.family;
      if (task.promptExtend && task.prompt !== null && family?.startsWith('kf2v')) output.actual_prompt = `${task.prompt}（镜头平稳推进，光影细腻，画面连贯自然。）`;
      const sr = Number(task.resolution.replace('P', ''));
      if (task.shape) {
        this.jsonText(res, 200, JSON.stringify({ ...body, usage: '__USAGE__' }).replace('"__USAGE__"', wan3UsageText(task.duration, task.resolution, task.shape.ratio)));
        return;
      }
      if (family === 'wan2.7') {
        this.jsonText(res, 200, JSON.stringify({ ...body, usage: '__USAGE__' }).replace('"__USAGE__"', wan27UsageText(task, sr)));
        return;
      }
      body.usage =
        family === 'kf2v-flash'
            ? { video_duration: 5, video_count: 1, SR: sr }
            : { video_duration: 5, video_count: 1, video_ratio: 'standard' };
    }
    this.json(res, 200, body);
  }

  private list(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    const apiKey = this.authorise(req);
    const q = url.searchParams;
    const end = parseCompactBeijing(q.get('end_time') ?? '') ?? this.now();
    const start = parseCompactBeijing(q.get('start_time') ?? '') ?? end - 24 * 3600_000;
    const pageNo = Math.max(1, Number(q.get('page_no') ?? 1));
    const pageSize = Math.min(100, Math.max(1, Number(q.get('page_size') ?? 10)));
    const region = this.options.region ?? 'cn-beijing';
    const ours = [...this.board.tasks.values()]
      .filter((task) => task.apiKey === apiKey)
      .map((task) => ({
        api_key_id: 'sim',
        caller_parent_id: 'sim',
        caller_uid: 'sim',
        gmt_create: task.createdAt,
        model_name: task.model,
        region,
        request_id: task.requestId,
        start_time: task.scheduledAt ?? task.createdAt,
        ...(task.endedAt ? { end_time: task.endedAt } : {}),
        status: task.status,
        task_id: task.id,
        user_api_unique_key: `apikey:v1:aigc:${task.route}:video-synthesis:${task.model}`,
      }));
    // Every task of the account is listed, other tools' and other keys' too (addendum §A8.2).
    const others = (OTHER_TASKS.get(this) ?? []).map((task) => ({
      api_key_id: task.apiKeyId,
      caller_parent_id: 'sim',
      caller_uid: 'sim-other',
      gmt_create: task.createdAt,
      model_name: task.model,
      region,
      request_id: randomUUID(),
      start_time: task.startedAt ?? task.createdAt,
      ...(task.endedAt ? { end_time: task.endedAt } : {}),
      status: task.status,
      task_id: task.id,
      user_api_unique_key: `apikey:v1:aigc:${task.route}:video-synthesis:${task.model}`,
    }));
    const all = [...ours, ...others]
      .filter((row) => !q.get('task_id') || row.task_id === q.get('task_id'))
      .filter((row) => !q.get('model_name') || row.model_name === q.get('model_name'))
      .filter((row) => !q.get('status') || row.status === q.get('status'))
      .filter((row) => row.gmt_create >= start && row.gmt_create <= end)
      .sort((a, b) => b.gmt_create - a.gmt_create);
    const page = all.slice((pageNo - 1) * pageSize, pageNo * pageSize);
    this.json(res, 200, { total: all.length, data: page, total_page: Math.max(1, Math.ceil(all.length / pageSize)), page_no: pageNo, request_id: randomUUID(), page_size: pageSize });
  }

  private cancel(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    const apiKey = this.authorise(req);
    const task = this.findTask(url, apiKey);
    if (!task || !this.board.cancel(task)) {
      throw new Reply(400, 'UnsupportedOperation', 'Failed to cancel the task, please confirm if the task is in PENDING status.');
    }
    this.json(res, 200, { request_id: randomUUID() });
  }

  private policy(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    this.authorise(req);
    const model = url.searchParams.get('model') ?? '';
    if (url.searchParams.get('action') !== 'getPolicy' || !SIM_MODELS[model]) throw new Reply(400, 'InvalidParameter', 'Required parameter(s) missing or invalid, please check the request parameters.');
    const issued = this.oss.issuePolicy(model, 100);
    this.json(res, 200, {
      request_id: randomUUID(),
      data: {
        policy: issued.policy,
        signature: issued.signature,
        upload_dir: issued.uploadDir,
        upload_host: `${this.origin}/oss-upload`,
        expire_in_seconds: Math.round((this.options.policyTtlMs ?? 300_000) / 1000),
        max_file_size_mb: 100,
        capacity_limit_mb: 999999999,
        oss_access_key_id: issued.accessKeyId,
        x_oss_object_acl: 'private',
        x_oss_forbid_overwrite: 'true',
      },
    });
  }

  // ---- fake OSS ---------------------------------------------------------------------------------------

  private async upload(req: http.IncomingMessage, res: http.ServerResponse, record: RecordedRequest, fault: Fault | undefined): Promise<void> {
    const form = await new Response(Readable.toWeb(req) as ReadableStream, { headers: { 'content-type': req.headers['content-type'] ?? '' } })
      .formData()
      .catch(() => undefined);
    if (!form) throw new Reply(400, 'MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.');
    const fields = [...form.keys()];
    record.formFields = fields;
    if (fields[fields.length - 1] !== 'file') throw new Reply(400, 'InvalidArgument', 'The file field must be the last field in the form.');
    const value = (name: string) => {
      const entry = form.get(name);
      return typeof entry === 'string' ? entry : undefined;
    };
    const policy = this.oss.policies.get(value('policy') ?? '');
    if (!policy || value('Signature') !== policy.signature || value('OSSAccessKeyId') !== policy.accessKeyId) {
      throw new Reply(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    }
    if (policy.expiresAt < this.now()) throw new Reply(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
    const key = value('key') ?? '';
    if (!key.startsWith(`${policy.uploadDir}/`) || key.includes('..')) throw new Reply(403, 'AccessDenied', 'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", ...]');
    if (value('x-oss-forbid-overwrite') === 'true' && this.oss.objects.has(key)) throw new Reply(409, 'FileAlreadyExists', 'The object you specified already exists and can not be overwritten.');
    const file = form.get('file');
    if (!file || typeof file === 'string') throw new Reply(400, 'InvalidArgument', 'The file field is missing.');
    const bytes = Buffer.from(await file.arrayBuffer());
    if (bytes.length > policy.maxBytes) throw new Reply(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.');
    const stored = path.join(this.workDir, 'objects', randomUUID());
    await writeFile(stored, bytes);
    this.oss.objects.set(key, {
      key,
      file: stored,
      model: policy.model,
      contentType: value('x-oss-content-type') ?? 'application/octet-stream',
      bytes: bytes.length,
      expiresAt: this.now() + 48 * 3600_000,
    });
    if (fault && (fault.kind.type === 'reset-mid-body' || fault.kind.type === 'truncated-body')) {
      res.writeHead(200, { 'content-length': '64' });
      res.write('<?xml');
      setTimeout(() => (fault.kind.type === 'reset-mid-body' ? res.socket?.destroy() : res.socket?.end()), 20);
      return;
    }
    const status = value('success_action_status') === '200' ? 200 : 204;
    res.writeHead(status, { 'x-oss-request-id': randomUUID() });
    res.end();
  }

  private async download(req: http.IncomingMessage, res: http.ServerResponse, url: URL, host: 'api' | 'cdn', fault: Fault | undefined): Promise<void> {
    if (url.pathname.startsWith('/cdn/')) return this.delivery.bytes(req, res, url, fault);
    if (url.pathname.startsWith('/hop/')) return this.delivery.hop(res, url, host === 'cdn');
    if (url.pathname.startsWith('/loop/')) return this.delivery.loop(res, url);
    const check = this.oss.checkSignedUrl(url.pathname, url.searchParams);
    if (check === 'expired') throw new Reply(403, 'AccessDenied', 'Request has expired.');
    if (check !== 'ok') throw new Reply(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    const id = /\/oss-result\/([^/]+)\.mp4$/.exec(url.pathname)?.[1] ?? '';
    if (!(await this.video(id, 0))) throw new Reply(404, 'NoSuchKey', 'The specified key does not exist.');
    this.delivery.link(res, id, `${this.origin}${url.pathname}${url.search}`, fault);
  }

  private async video(taskId: string, start: number): Promise<{ total: number; stream: AsyncIterable<Buffer> } | undefined> {
    if (this.videoOverrideBytes !== undefined) return { total: this.videoOverrideBytes, stream: generatedVideo(start, this.videoOverrideBytes) };
    const file = this.board.tasks.get(taskId)?.videoFile;
    if (!file) return undefined;
    return { total: (await stat(file)).size, stream: fileStream(file, start) };
  }

  // ---- helpers ----------------------------------------------------------------------------------------

  private json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.jsonText(res, status, JSON.stringify(body), headers);
  }

  private jsonText(res: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
    if (this.chunkedAnswers) {
      // Node sends a body without a length chunked; two writes make two chunks.
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      const half = Math.floor(text.length / 2);
      res.write(text.slice(0, half));
      res.end(text.slice(half));
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
    res.end(text);
  }

  private xml(res: http.ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
    const text = ossErrorXml(code, message);
    res.writeHead(status, { 'content-type': 'application/xml', 'content-length': String(Buffer.byteLength(text)), ...headers });
    res.end(text);
  }
}

function routeOf(method: string, pathname: string): FaultRoute | 'other' {
  if (method === 'POST' && /^\/api\/v1\/services\/aigc\/[^/]+\/video-synthesis$/.test(pathname)) return 'create';
  if (method === 'POST' && /^\/api\/v1\/tasks\/[^/]+\/cancel$/.test(pathname)) return 'cancel';
  if (method === 'GET' && /^\/api\/v1\/tasks\/?$/.test(pathname)) return 'list';
  if (method === 'GET' && /^\/api\/v1\/tasks\/[^/]+$/.test(pathname)) return 'query';
  if (method === 'GET' && pathname === '/api/v1/uploads') return 'policy';
  if (method === 'GET' && (pathname === '/api/v1/quotas' || pathname === '/api/v1/models/limits')) return 'quota';
  if (method === 'POST' && pathname === '/oss-upload') return 'upload';
  if (method === 'GET' && /^\/(oss-result|cdn|hop|loop)\//.test(pathname)) return 'download';
  return 'other';
}

async function readBodyBytes(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const refusal = (reason: ClipRefusal) => new Reply(reason.status, reason.code, reason.message);

/** A media list (of any model's body) that holds a first_clip. */
function hasClip(input: Record<string, unknown>): boolean {
  return Array.isArray(input.media) && (input.media as Array<{ type?: unknown }>).some((item) => item?.type === 'first_clip');
}

/**
 * wan2.7's usage as real payloads print it (dashscope-api.md §4.6): floats where the docs say integers (`6.0`), the
 * clip's seconds as input, and a key the docs do not list (`fps`, seen on sibling models) for the client to tolerate.
 */
function wan27UsageText(task: SimTask, sr: number): string {
  const float = (n: number) => (Number.isInteger(n) ? n.toFixed(1) : String(Number(n.toFixed(2))));
  const input = task.clip ? float(task.clip.seconds) : '0.0';
  return `{"duration":${float(task.duration)},"input_video_duration":${input},"output_video_duration":${float(task.duration)},"video_count":1,"SR":${sr},"fps":30}`;
}

async function drain(req: http.IncomingMessage): Promise<void> {
  for await (const _ of req) {
    // discard
  }
}

/** Tasks of other tools and other keys on the simulated account, per simulator: listed to every key, never run here. */
const OTHER_TASKS = new WeakMap<Simulator, OtherTask[]>();

/** Puts another tool's task on the account (tasks.ts otherTask): the list shows it; nothing else knows it. */
export function addOtherTask(simulator: Simulator, task: OtherTask): void {
  OTHER_TASKS.set(simulator, [...(OTHER_TASKS.get(simulator) ?? []), task]);
}
