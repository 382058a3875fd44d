import * as vscode from 'vscode';
import type { Dispatcher } from 'undici';
import { createDispatcher } from '../../../core/net/transport';
import { userAgent } from '../../../core/base/version';
import { type FormValues, type HostMessage, WebviewMessageSchema, WebviewStateSchema } from '../../../shared/protocol';
import type { ApiKeyStore } from '../../entry/secrets';
import type { InputSelection } from '../../entry/inputSelection';
import type { Log } from '../../entry/log';
import type { ErrorActionRunner } from '../jobs/errorActionRunner';
import type { JobManager } from '../jobs/jobManager';
import { jobView } from '../jobs/jobViews';
import { onSettingsChanged, readSettings } from '../settings';
import { modelInfos } from './formDefaults';
import { FormModel } from './formModel';
import { Continuation } from './continuation';
import { readForm } from './formReading';
import type { FormStore } from './formStore';
import { generate } from './generate';
import { pickInput, pickInputUrl } from './inputPickers';
import { InputFacts } from './inputFacts';
import { JobFeed, recentJobs } from './jobFeed';
import { panelHtml } from './panelHtml';
import { ResourceRoots } from './resourceRoots';
import { type MessageHandlers, type RequestHandlers, route } from './router';
import type { PromptHistory } from './promptHistory';
import type { MediaFactsCache } from '../takes/mediaFacts';
import { PanelTakes } from '../takes/panelTakes';
import type { TakeIndex } from '../takes/takeIndex';

export const PANEL_VIEW_TYPE = 'wanKeyframes.panel';

export interface PanelCommands {
  setApiKey(): Promise<boolean>;
  showLog(): void;
  setWorkspaceId(): Promise<boolean>;
  /** A storyboard from the form's first to last frame, opened in the storyboard editor. */
  newStoryboard(): Promise<void>;
  actions: ErrorActionRunner;
}

/** The workspace's takes and prompts, which outlive the panel. */
export interface PanelStudio {
  index: TakeIndex;
  media: MediaFactsCache;
  history: PromptHistory;
}

/** The one generation form: the host owns inputs, checks and jobs; the webview renders them and sends intents. */
export class GenerationPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly panelSubscriptions: vscode.Disposable[] = [];
  private readonly form: FormModel;
  private readonly facts = new InputFacts(() => this.remote());
  private readonly feed = new JobFeed();
  private readonly roots: ResourceRoots;
  private readonly takes: PanelTakes;
  private readonly continuation: Continuation;
  /** Files outside the inputs and jobs the page was given (a video opened to take a frame from). */
  private readonly shown = new Set<string>();
  private refreshSeq = 0;
  private generating = false;
  /** For the first bytes of image URLs given as frames; made on first use, closed with the panel. */
  private dispatcher: Dispatcher | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly selection: InputSelection,
    private readonly jobs: JobManager,
    private readonly keys: ApiKeyStore,
    private readonly log: Log,
    private readonly commands: PanelCommands,
    formStore: FormStore,
    private readonly studio: PanelStudio,
  ) {
    this.form = new FormModel(formStore, (error) => this.log.warn(`could not keep the form: ${error instanceof Error ? error.message : String(error)}`));
    this.roots = new ResourceRoots(extensionUri);
    this.takes = new PanelTakes({
      index: studio.index,
      media: studio.media,
      jobs,
      selection,
      log,
      remote: () => this.remote(),
      post: (message) => this.post(message),
      webview: () => this.panel?.webview,
      allow: (file) => {
        this.shown.add(file);
        if (this.panel) this.updateRoots(this.panel.webview);
      },
      form: () => this.form.values,
      setForm: (values) => this.setForm(values),
      continueFrom: (video) => this.continuation.continueFrom(vscode.Uri.file(video)),
    });
    this.continuation = new Continuation({ selection, log, index: studio.index, form: () => this.form.values, setForm: (values) => this.setForm(values) });
    this.subscriptions.push(
      selection.onDidChange(() => void this.refresh()),
      jobs.onDidChange(() => void this.postJobs()),
      keys.onDidChange(() => void this.refresh()),
      onSettingsChanged(() => void this.settingsChanged()),
      // A take landing (or judged, or deleted) changes the workspace's spend.
      studio.index.onDidChange(() => void this.refresh()),
    );
  }

  /** Shows the panel; `focus` moves the keyboard into it (the command palette's Open), else it opens beside. */
  async show(options: { focus?: boolean } = {}): Promise<void> {
    if (this.panel) {
      this.updateRoots(this.panel.webview);
      this.panel.reveal(undefined, !options.focus);
      await this.refresh();
      return;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, vscode.l10n.t('Wan Keyframes'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: !options.focus }, this.roots.options(this.files()));
    this.attach(panel);
  }

  /** Adopts a panel: a new one, or one VS Code restores after a reload with the webview's last saved state. */
  attach(panel: vscode.WebviewPanel, restoredState?: unknown): void {
    this.form.restore(WebviewStateSchema.safeParse(restoredState).data?.form);
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    this.roots.reset();
    this.updateRoots(panel.webview);
    this.feed.reset();
    panel.webview.html = panelHtml(panel.webview, this.extensionUri);
    this.panelSubscriptions.push(
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.takes.pageClosed();
        for (const subscription of this.panelSubscriptions.splice(0)) subscription.dispose();
      }),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
    );
  }

  dispose(): void {
    void this.dispatcher?.close();
    this.panel?.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private remote() {
    this.dispatcher ??= createDispatcher({ proxyUrl: readSettings().proxyUrl });
    return { dispatcher: this.dispatcher, userAgent: userAgent('vscode') };
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
      await route(parsed.data, this.handlers, this.requests, (id, answer) => this.post({ type: 'reply', id, ...answer }));
    } catch (error) {
      this.log.error(error instanceof Error ? error : String(error));
    }
  }

  private readonly handlers: MessageHandlers = {
    ready: async () => {
      await this.form.load();
      this.feed.reset();
      await this.post({ type: 'init', models: modelInfos(), form: this.form.values });
      await Promise.all([this.refresh(), this.postJobs()]);
      await this.takes.pageStarted();
      // The workspace's spend is known once its takes are indexed.
      if (!this.studio.index.isReady) void this.studio.index.ready().then(() => this.refresh());
    },
    form: async (message) => {
      await this.form.set(message.values);
      await this.refresh();
    },
    generate: async (message) => {
      // A second click while the first Generate still checks, plans or asks about the cost starts nothing.
      if (this.generating) return;
      this.generating = true;
      try {
        await this.generateFrom(message.values);
      } finally {
        this.generating = false;
      }
    },
    swap: () => this.selection.swapFrames(),
    removeInput: (message) => this.selection.set(message.role, undefined),
    cutClip: () => this.continuation.cut(),
    newStoryboard: () => this.commands.newStoryboard(),
    setWorkspaceId: async () => void (await this.commands.setWorkspaceId()),
    setApiKey: async () => void (await this.commands.setApiKey()),
    showLog: () => this.commands.showLog(),
    jobAction: async (message) => {
      const job = this.jobs.get(message.jobId);
      if (job?.error) await this.commands.actions.run(job, job.error, message.action);
    },
    cancel: (message) => this.jobs.cancel(message.jobId),
    retry: (message) => this.jobs.retry(message.jobId),
    openVideo: async (message) => {
      const video = this.jobs.get(message.jobId)?.videoPath;
      if (video) await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(video));
    },
    revealVideo: async (message) => {
      const video = this.jobs.get(message.jobId)?.videoPath;
      if (video) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(video));
    },
    promptHistory: async () => {
      const prompt = await this.studio.history.pick();
      if (prompt !== undefined) await this.setForm({ ...this.form.values, prompt });
    },
    takeAction: (message) => this.takes.handlers.takeAction(message),
    showRejected: (message) => this.takes.handlers.showRejected(message),
    deleteRejected: (message) => this.takes.handlers.deleteRejected(message),
    useFrame: (message) => this.takes.handlers.useFrame(message),
    batchAction: (message) => (message.action === 'cancelAll' ? this.jobs.cancelBatch(message.batchId) : this.jobs.retryFailed(message.batchId)),
  };

  private readonly requests: RequestHandlers = {
    pickInput: async ({ role }) => ({ picked: await pickInput(this.selection, role) }),
    pickInputUrl: async ({ role }) => ({ picked: await pickInputUrl(this.selection, this.facts, role) }),
    saveFrame: (request) => this.takes.requests.saveFrame(request),
  };

  private async generateFrom(values: FormValues): Promise<void> {
    await this.form.set(values);
    await this.studio.history.add(values.prompt);
    await generate({
      inputs: this.selection.all(),
      values: this.form.values,
      keys: this.keys,
      setApiKey: () => this.commands.setApiKey(),
      jobs: this.jobs,
      log: this.log,
      remote: () => this.remote(),
      refresh: () => this.refresh(),
      parentOf: (clip) => this.continuation.parentOf(clip),
    });
  }

  /** Opens the panel on a video's frames ("Extract Frame" on an mp4 in the Explorer, or a take's own button). */
  async extract(video: vscode.Uri): Promise<void> {
    await this.show({ focus: true });
    await this.takes.extract(video.fsPath);
  }

  /** "Continue this Video…" (Explorer) and a take's Continue: the video as the form's first clip. */
  async continueFrom(video: vscode.Uri): Promise<void> {
    await this.show({ focus: true });
    await this.continuation.continueFrom(video);
  }

  /** New values in the form (a take's, a picked prompt): kept, and shown. */
  private async setForm(values: FormValues): Promise<void> {
    await this.form.set(values);
    await this.post({ type: 'form', form: values });
    await this.refresh();
  }

  private async settingsChanged(): Promise<void> {
    const moved = await this.form.settingsChanged();
    if (moved) await this.post({ type: 'form', form: moved });
    await this.refresh();
  }

  private async postJobs(): Promise<void> {
    const webview = this.panel?.webview;
    if (!webview) return;
    this.updateRoots(webview);
    const views = recentJobs(this.jobs.list()).map((job) => jobView(job, webview, vscode.env.language, this.commands.actions));
    for (const message of this.feed.messages(views)) await this.post(message);
  }

  /** Recomputes what the form shows: each input's facts and problems for the chosen model, the key, the spend. */
  async refresh(): Promise<void> {
    const webview = this.panel?.webview;
    if (!webview) return;
    const seq = ++this.refreshSeq;
    this.updateRoots(webview);
    const read = await readForm({ selection: this.selection, facts: this.facts, keys: this.keys, index: this.studio.index }, this.form.values, webview);
    if (seq !== this.refreshSeq) return;
    void this.takes.inputsChanged(read.inputs);
    await this.post({ type: 'state', ...read.state });
  }

  private async post(message: HostMessage): Promise<void> {
    await this.panel?.webview.postMessage(message);
  }

  /** The files the page may show: the inputs, the jobs' videos, a video opened to take a frame from. */
  private files(): vscode.Uri[] {
    const videos = [...this.jobs.list().flatMap((job) => (job.videoPath ? [job.videoPath] : [])), ...this.shown].map((file) => vscode.Uri.file(file));
    return [...Object.values(this.selection.all()), ...videos].filter((uri): uri is vscode.Uri => uri !== undefined);
  }

  private updateRoots(webview: vscode.Webview): void {
    this.roots.update(webview, this.files());
  }
}
