import * as vscode from 'vscode';
import { DashScopeClient } from '../../core/service/client';
import { createDispatcher } from '../../core/net/transport';
import { systemClock } from '../../core/base/clock';
import { priceRegion } from '../../core/catalog/regions';
import { WanError } from '../../core/errors/wanError';
import { userAgent } from '../../core/base/version';
import { FormStore } from './panel/formStore';
import type { InputSelection } from '../entry/inputSelection';
import { type Connection, JobManager } from './jobs/jobManager';
import { JobStore } from './jobs/jobStore';
import type { JsonFile } from '../entry/jsonFile';
import type { Log } from '../entry/log';
import { AccountLimits } from '../../core/service/accountLimits';
import { ErrorActionRunner } from './jobs/errorActionRunner';
import { JobNotifier } from './jobs/notifications';
import { askWorkspaceId } from './workspaceCommand';
import { GenerationPanel } from './panel/panel';
import type { ApiKeyStore } from '../entry/secrets';
import type { WalkthroughStep } from '../entry/walkthrough';
import { readSettings } from './settings';
import { JobStatusItem } from './jobs/statusBar';
import { PromptHistory } from './panel/promptHistory';
import { MediaFactsCache } from './takes/mediaFacts';
import { TakeLibrary } from './takes/takeLibrary';
import { Storyboards } from './storyboards/storyboards';
import { ROLE } from '../../shared/mediaRoles';

export interface EngineDeps {
  context: vscode.ExtensionContext;
  log: Log;
  frames: InputSelection;
  keys: ApiKeyStore;
  /** The job records' file mirror; the entry bundle reads it at activation, so both use one instance. */
  jobsFile: JsonFile;
  setApiKey(): Promise<boolean>;
  /** The Get Started walkthrough: a generate and a saved video complete its last two steps. */
  walkthrough: { mark(step: WalkthroughStep): void };
}

export interface Engine extends vscode.Disposable {
  panel: GenerationPanel;
  jobs: JobManager;
  storyboards: Storyboards;
  setWorkspaceId(): Promise<boolean>;
}

/**
 * Everything heavy (undici, zod, the core job, the panel) lives in this second bundle, loaded on first use so
 * that VS Code's start-up pays only for the small entry bundle.
 */
export function createEngine(deps: EngineDeps): Engine {
  const { context, log, frames, keys, jobsFile } = deps;
  const store = new JobStore(context.globalState, vscode.env.sessionId, Date.now, jobsFile);
  // The account's own concurrency, read once per model per session; any failure leaves the catalog's numbers.
  const limits = new AccountLimits(async (model, signal) => {
    const connection = await connect(keys, log);
    try {
      return await connection.client.getModelLimits(model, { signal });
    } finally {
      await connection.close();
    }
  }, (line) => log.info(line));
  const takes = new TakeLibrary(log);
  const jobs = new JobManager(store, log, (baseUrl) => connect(keys, log, baseUrl), systemClock, {
    limits,
    // The running-time model starts from the takes already in the workspace (their service times), read in the background.
    takes: async () => {
      await takes.index.ready();
      return [...takes.index.all()];
    },
    warnOnce: (reason) =>
      void vscode.window.showWarningMessage(vscode.l10n.t('Wan Keyframes could not save its job records ({0}): after a reload it may not find running jobs. Show Log has the details.', reason), vscode.l10n.t('Show Log')).then((choice) => choice && log.show()),
  });
  const actions = new ErrorActionRunner(jobs, log, deps.setApiKey, askWorkspaceId);
  const notifier = new JobNotifier(jobs, actions);
  const status = new JobStatusItem(jobs);
  // The first job there is completes "Generate"; after that, job changes (every tick of a running one) need not look.
  const generated = jobs.onDidChange(() => {
    if (jobs.list().length === 0) return;
    deps.walkthrough.mark('generated');
    generated.dispose();
  });
  const progress = [
    generated,
    jobs.onDidFinish(({ job }) => {
      if (job.record.status === 'saved') deps.walkthrough.mark('videoSaved');
    }),
  ];
  const studio = { index: takes.index, media: new MediaFactsCache(vscode.env.uiKind === vscode.UIKind.Desktop ? 'desktop' : 'browser'), history: new PromptHistory(context.workspaceState) };
  const panel = new GenerationPanel(context.extensionUri, frames, jobs, keys, log, {
    setApiKey: deps.setApiKey,
    showLog: () => log.show(),
    setWorkspaceId: askWorkspaceId,
    newStoryboard: async () => {
      const first = frames.get(ROLE.first);
      const last = frames.get(ROLE.last);
      if (first && last) await storyboards.newFromSelection([first, last], 'editor');
    },
    actions,
  }, new FormStore(context.storageUri ?? context.globalStorageUri), studio);
  // For keyframes given as image URLs: one connection pool, made on the first storyboard that has one.
  let storyboardDispatcher: ReturnType<typeof createDispatcher> | undefined;
  const storyboards = new Storyboards({ jobs, log, remote: () => ({ dispatcher: (storyboardDispatcher ??= createDispatcher({ proxyUrl: readSettings().proxyUrl })), userAgent: userAgent('vscode') }), showJobs: () => panel.show() });
  return {
    panel,
    jobs,
    storyboards,
    setWorkspaceId: askWorkspaceId,
    dispose() {
      for (const subscription of progress) subscription.dispose();
      panel.dispose();
      storyboards.dispose();
      void storyboardDispatcher?.close();
      takes.dispose();
      notifier.dispose();
      status.dispose();
      void jobs.dispose();
    },
  };
}

async function connect(keys: ApiKeyStore, log: Log, baseUrl?: string): Promise<Connection> {
  const settings = readSettings();
  const key = await keys.get();
  if (!key) {
    throw new WanError({ kind: 'auth', summary: { en: 'No API key is set. Use “Wan Keyframes: Set API Key”.', zh: '尚未设置 API Key。请使用“万相首尾帧：设置 API Key”。' } });
  }
  log.setSecrets([key]);
  if (settings.baseUrlIgnored) log.warn(`ignoring wanKeyframes.baseUrl from workspace settings (${settings.baseUrlIgnored}): only user settings may choose the endpoint`);
  const dispatcher = createDispatcher({ proxyUrl: settings.proxyUrl });
  const client = new DashScopeClient({
    baseUrl: baseUrl ?? settings.endpoint.baseUrl,
    uploadFallbackBaseUrl: settings.endpoint.kind === 'workspace' ? settings.endpoint.uploadFallbackBaseUrl : undefined,
    apiKey: key,
    userAgent: userAgent('vscode'),
    dispatcher,
    onResponse: (info) => log.info(`${info.method} ${info.path} → ${info.status} in ${info.ms} ms (request ${info.requestId ?? '-'})`),
  });
  return {
    client,
    dispatcher,
    options: { uploadMode: settings.uploadMode, nameTemplate: settings.outputNameTemplate, writeSidecar: settings.writeSidecar },
    region: priceRegion(settings.endpoint),
    close: () => dispatcher.close(),
  };
}
