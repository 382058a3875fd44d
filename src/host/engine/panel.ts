import * as vscode from 'vscode';
import { MODELS, modelFamily, type ModelSpec } from '../../core/models';
import type { Dispatcher } from 'undici';
import { createDispatcher } from '../../core/api/transport';
import { type GenerationRequest, parameterProblems, planGeneration, resolveModel } from '../../core/request';
import { userAgent } from '../../core/version';
import type { ErrorActionRunner } from './errorActionRunner';
import { baseName } from '../../shared/imageFiles';
import { type FormValues, type HostMessage, type JobView, WebviewMessageSchema, type WebviewMessage, WebviewStateSchema } from '../../shared/protocol';
import type { FormStore } from './formStore';
import type { FrameSelection } from '../entry/frames';
import type { JobManager } from './jobs';
import { jobView } from './jobViews';
import type { Log } from '../entry/log';
import { askImageUrl } from './imageUrlPrompt';
import { aspectWarning, FrameFacts, imageUrlOf, localizedProblem } from './panelFacts';
import { panelHtml } from './panelHtml';
import { defaultValues, modelInfos } from './panelForm';
import type { ApiKeyStore } from '../entry/secrets';
import { onSettingsChanged, readSettings } from './settings';

export const PANEL_VIEW_TYPE = 'wanKeyframes.panel';

export interface PanelCommands {
  setApiKey(): Promise<boolean>;
  showLog(): void;
  setWorkspaceId(): Promise<boolean>;
  actions: ErrorActionRunner;
}

/** Problems that Set Workspace ID fixes: the form offers the button beside them. */
const WORKSPACE_PROBLEMS = new Set(['model-needs-workspace', 'region-needs-workspace', 'workspace-id-invalid']);

/** A frame as the request names it: a local path, or the image URL itself. */
function frameRef(uri: vscode.Uri): string {
  return imageUrlOf(uri) ?? uri.fsPath;
}

/** The one generation form: the host owns frames, checks and jobs; the webview renders them and sends intents. */
export class GenerationPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly panelSubscriptions: vscode.Disposable[] = [];
  private values: FormValues;
  /** The defaults the form was last aligned with: a setting that changes moves the fields it governs. */
  private defaults: FormValues;
  private refreshSeq = 0;
  private rootsKey = '';
  private formLoaded = false;
  private readonly facts = new FrameFacts(() => ({ dispatcher: this.remoteDispatcher(), userAgent: userAgent('vscode') }));
  /** For the first bytes of image URLs given as frames; made on first use, closed with the panel. */
  private dispatcher: Dispatcher | undefined;
  /** What the page was last sent of each job, so a poll posts only the job that changed. */
  private postedJobs = new Map<string, string>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly frames: FrameSelection,
    private readonly jobs: JobManager,
    private readonly keys: ApiKeyStore,
    private readonly log: Log,
    private readonly commands: PanelCommands,
    private readonly formStore: FormStore,
  ) {
    this.values = defaultValues();
    this.defaults = this.values;
    this.subscriptions.push(
      frames.onDidChange(() => void this.refresh()),
      jobs.onDidChange(() => void this.postJobs()),
      keys.onDidChange(() => void this.refresh()),
      onSettingsChanged(() => void this.settingsChanged()),
    );
  }

  async show(): Promise<void> {
    if (this.panel) {
      this.updateRoots(this.panel.webview);
      this.panel.reveal(undefined, true);
      await this.refresh();
      return;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, vscode.l10n.t('Wan Keyframes'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.webviewOptions());
    this.attach(panel);
  }

  /** Adopts a panel: a new one, or one VS Code restores after a reload with the webview's last saved state. */
  attach(panel: vscode.WebviewPanel, restoredState?: unknown): void {
    const restored = WebviewStateSchema.safeParse(restoredState).data?.form;
    if (restored && !this.formLoaded) this.values = restored;
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    this.rootsKey = '';
    this.updateRoots(panel.webview);
    this.postedJobs = new Map();
    panel.webview.html = panelHtml(panel.webview, this.extensionUri);
    this.panelSubscriptions.push(
      panel.onDidDispose(() => {
        this.panel = undefined;
        for (const subscription of this.panelSubscriptions.splice(0)) subscription.dispose();
      }),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
    );
  }

  private remoteDispatcher(): Dispatcher {
    this.dispatcher ??= createDispatcher({ proxyUrl: readSettings().proxyUrl });
    return this.dispatcher;
  }

  dispose(): void {
    void this.dispatcher?.close();
    this.panel?.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = WebviewMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.log.warn(`ignored a malformed webview message: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    // Trace only: a user's log is not a keystroke log, but a test can see what the page sent on its own.
    this.log.trace(`webview → host: ${parsed.data.type}`);
    try {
      await this.handle(parsed.data);
    } catch (error) {
      this.log.error(error instanceof Error ? error : String(error));
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        // The form outlives the panel and the window: restored from the extension's workspace storage.
        if (!this.formLoaded) {
          this.formLoaded = true;
          this.values = (await this.formStore.load()) ?? this.values;
        }
        this.postedJobs = new Map();
        await this.post({ type: 'init', models: modelInfos(), form: this.values });
        await Promise.all([this.refresh(), this.postJobs()]);
        return;
      case 'form':
        this.values = message.values;
        this.formLoaded = true;
        await this.formStore.save(this.values);
        await this.refresh();
        return;
      case 'generate':
        this.values = message.values;
        await this.formStore.save(this.values);
        await this.generate();
        return;
      case 'swap':
        this.frames.swap();
        return;
      case 'pickFrame': {
        const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { [vscode.l10n.t('Images')]: ['png', 'jpg', 'jpeg', 'webp', 'bmp'] }, title: message.role === 'first' ? vscode.l10n.t('First frame') : vscode.l10n.t('Last frame') });
        if (picked?.[0]) this.frames.set(message.role, picked[0]);
        return;
      }
      case 'pickFrameUrl': {
        const url = await askImageUrl(message.role);
        if (url) {
          this.facts.forget(url);
          this.frames.set(message.role, vscode.Uri.parse(url, true));
        }
        return;
      }
      case 'setWorkspaceId':
        await this.commands.setWorkspaceId();
        return;
      case 'jobAction': {
        const job = this.jobs.get(message.jobId);
        if (job?.error) await this.commands.actions.run(job, job.error, message.action as Parameters<ErrorActionRunner['run']>[2]);
        return;
      }
      case 'pickAudio': {
        const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { [vscode.l10n.t('Audio')]: ['wav', 'mp3'] }, title: vscode.l10n.t('Driving audio') });
        if (picked?.[0]) this.frames.setAudio(picked[0]);
        return;
      }
      case 'removeAudio':
        this.frames.setAudio(undefined);
        return;
      case 'setApiKey':
        await this.commands.setApiKey();
        return;
      case 'showLog':
        this.commands.showLog();
        return;
      case 'cancel':
        await this.jobs.cancel(message.jobId);
        return;
      case 'retry':
        await this.jobs.retry(message.jobId);
        return;
      case 'openVideo': {
        const video = this.jobs.get(message.jobId)?.videoPath;
        if (video) await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(video));
        return;
      }
      case 'revealVideo': {
        const video = this.jobs.get(message.jobId)?.videoPath;
        if (video) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(video));
        return;
      }
    }
  }

  /** Validates everything again on the host, then hands a plan to the job manager. */
  private async generate(): Promise<void> {
    const first = this.frames.first;
    const last = this.frames.last;
    const settings = readSettings();
    if (!first || !last) {
      vscode.window.showWarningMessage(vscode.l10n.t('Choose a first and a last frame.'));
      return;
    }
    if (!(await this.keys.get())) {
      const setKey = vscode.l10n.t('Set API Key');
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Set a DashScope API key to generate. It is kept in VS Code secret storage.'), setKey);
      if (choice === setKey) await this.commands.setApiKey();
      return;
    }
    const roots = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
    const { plan, problems } = await planGeneration(this.request(first, last), settings.endpoint, { allowedRoots: roots, remote: { dispatcher: this.remoteDispatcher(), userAgent: userAgent('vscode') } });
    if (!plan) {
      await this.refresh();
      vscode.window.showWarningMessage(problems.map((problem) => localizedProblem(problem)).join(' '));
      return;
    }
    // Two image URLs have no folder of their own: the video goes to the first workspace folder.
    const bothUrls = plan.first.remote === true && plan.last.remote === true;
    const outputDir = bothUrls ? roots[0] : undefined;
    if (bothUrls && !outputDir) {
      vscode.window.showWarningMessage(vscode.l10n.t('Both frames are image URLs: open a folder, or use a local file for one frame, so the video has a place to go.'));
      return;
    }
    const job = this.jobs.start(plan, `${baseName(first.path)} → ${baseName(last.path)}`, outputDir);
    this.log.info(`generate: ${plan.wireModel} ${plan.resolution} ${plan.duration}s → job ${job.id}`);
  }

  private request(first: vscode.Uri, last: vscode.Uri): GenerationRequest {
    const spec = this.spec();
    return {
      firstPath: frameRef(first),
      lastPath: frameRef(last),
      audioPath: spec.audio ? this.frames.audio?.fsPath : undefined,
      model: spec.id,
      prompt: this.values.prompt,
      // What the form hides for this model is not sent (Wan 3.0 has no negative prompt).
      negativePrompt: spec.negativePrompt ? this.values.negativePrompt : '',
      resolution: this.values.resolution,
      duration: spec.duration.min === spec.duration.max ? undefined : this.values.duration,
      ratio: spec.shape ? this.values.ratio : undefined,
      sound: spec.shape ? this.values.sound : undefined,
      promptExtend: this.values.promptExtend,
      watermark: this.values.watermark,
      seed: this.values.seedMode === 'fixed' ? this.values.seed : undefined,
    };
  }

  private spec(): ModelSpec {
    return MODELS[modelFamily(this.values.model) ?? 'wan2.2-kf2v-flash'];
  }

  /** A default the user changed in settings moves that field of the form (the others stay as the user left them). */
  private async settingsChanged(): Promise<void> {
    const next = defaultValues();
    const moved = (Object.keys(next) as Array<keyof FormValues>).filter((field) => next[field] !== this.defaults[field]);
    this.defaults = next;
    if (moved.length > 0) {
      this.values = { ...this.values, ...Object.fromEntries(moved.map((field) => [field, next[field]])) };
      if (moved.includes('model')) this.values = { ...this.values, resolution: next.resolution, duration: next.duration };
      await this.formStore.save(this.values);
      await this.post({ type: 'form', form: this.values });
    }
    await this.refresh();
  }

  /** Posts the jobs that changed since the page last heard: the whole list when jobs came or went, else each one alone. */
  private async postJobs(): Promise<void> {
    const webview = this.panel?.webview;
    if (!webview) return;
    this.updateRoots(webview);
    const views: JobView[] = this.jobs.list().slice(0, 10).map((job) => jobView(job, webview, vscode.env.language, this.commands.actions));
    const sameList = views.length === this.postedJobs.size && views.every((view) => this.postedJobs.has(view.id));
    const changed = views.filter((view) => this.postedJobs.get(view.id) !== JSON.stringify(view));
    this.postedJobs = new Map(views.map((view) => [view.id, JSON.stringify(view)]));
    if (!sameList) await this.post({ type: 'jobs', jobs: views });
    else for (const job of changed) await this.post({ type: 'job', job });
  }

  /** Recomputes what the form shows: frame facts and problems for the chosen model, checks, key. */
  async refresh(): Promise<void> {
    const webview = this.panel?.webview;
    if (!webview) return;
    const seq = ++this.refreshSeq;
    this.updateRoots(webview);
    const spec = this.spec();
    const settings = readSettings();
    const [first, last, audio, key] = await Promise.all([this.facts.frame(this.frames.first, 'first', spec, webview), this.facts.frame(this.frames.last, 'last', spec, webview), this.facts.audio(spec.audio ? this.frames.audio : undefined, spec), this.keys.get()]);
    if (seq !== this.refreshSeq) return;
    const form = parameterProblems(this.request(this.frames.first ?? vscode.Uri.file('/'), this.frames.last ?? vscode.Uri.file('/')), spec).problems;
    const region = resolveModel(spec.id, settings.endpoint);
    const found = [...(settings.workspaceProblem ? [settings.workspaceProblem] : []), ...form, ...('code' in region ? [region] : [])];
    const problems = found.map((problem) => localizedProblem(problem));
    const frameProblems = [first?.info, last?.info, audio].some((info) => info && info.problems.length > 0);
    const blocked = !first || !last
      ? vscode.l10n.t('Choose a first and a last frame.')
      : frameProblems || problems.length > 0
        ? vscode.l10n.t('Fix the problems shown above to generate.')
        : !key
          ? vscode.l10n.t('Set an API key to generate.')
          : null;
    await this.post({
      type: 'state',
      first: first?.info ?? null,
      last: last?.info ?? null,
      audio,
      aspectWarning: aspectWarning(first?.facts, last?.facts),
      keySet: Boolean(key),
      problems,
      blocked,
      needsWorkspace: found.some((problem) => WORKSPACE_PROBLEMS.has(problem.code)),
    });
  }

  private async post(message: HostMessage): Promise<void> {
    await this.panel?.webview.postMessage(message);
  }

  /** Widens localResourceRoots only when a new folder appears: assigning options can reload the webview. */
  private updateRoots(webview: vscode.Webview): void {
    const options = this.webviewOptions();
    const key = (options.localResourceRoots ?? []).map((uri) => uri.toString()).sort().join('|');
    if (key === this.rootsKey) return;
    this.rootsKey = key;
    webview.options = options;
  }

  /**
   * Roots stay as stable as possible: the workspace folders cover the usual frames and videos, and only a file
   * outside them adds its folder. Every change of options can reload the webview, which races with its start-up.
   */
  private webviewOptions(): vscode.WebviewOptions {
    const workspaceFolders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri);
    const inWorkspace = (uri: vscode.Uri) => workspaceFolders.some((folder) => uri.path === folder.path || uri.path.startsWith(`${folder.path}/`));
    const files = [this.frames.first, this.frames.last, ...this.jobs.list().flatMap((job) => (job.videoPath ? [vscode.Uri.file(job.videoPath)] : []))];
    const outside = files.filter((uri): uri is vscode.Uri => uri !== undefined && !inWorkspace(uri)).map((uri) => vscode.Uri.joinPath(uri, '..'));
    return {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media'), ...workspaceFolders, ...outside],
    };
  }
}
