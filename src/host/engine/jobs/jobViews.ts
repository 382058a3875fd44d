import * as vscode from 'vscode';
import { retryAction } from '../../../core/errors/errorActions';
import { canRetry } from '../../../core/job/lifecycle';
import { isActive, type JobStatus } from '../../../shared/jobStatus';
import { MODELS } from '../../../core/catalog/models';
import type { JobView } from '../../../shared/protocol';
import type { ErrorActionRunner } from './errorActionRunner';
import type { LiveJob } from './liveJob';
import { type Eta, estimateEta } from '../../../core/service/eta';
import { type EtaView, type EtaWords, etaView } from './etaText';

/** Each status as the panel and the status bar's tooltip say it. */
function statusLabels(): Record<JobStatus, string> {
  const t = vscode.l10n.t;
  return {
    'waiting-for-slot': t('Waiting for a free slot'),
    preparing: t('Checking files'),
    uploading: t('Uploading frames'),
    submitting: t('Submitting'),
    pending: t('Queued on the service'),
    running: t('Generating'),
    downloading: t('Downloading'),
    saving: t('Saving'),
    saved: t('Saved'),
    failed: t('Failed'),
    canceled: t('Canceled'),
    stopped: t('Stopped waiting (the task can be resumed)'),
    unconfirmed: t('Failed'),
  };
}

export function phaseLabel(job: LiveJob): string {
  return job.resumed && isActive(job.record.status) ? vscode.l10n.t('Resuming') : statusLabels()[job.record.status];
}

/** What the panel shows of a job; video URIs go through asWebviewUri, never as file paths. */
export function jobView(job: LiveJob, webview: vscode.Webview | undefined, locale: string, actions?: ErrorActionRunner): JobView {
  const video = job.videoPath ? vscode.Uri.file(job.videoPath) : undefined;
  const fix = job.error && actions ? actions.fixButton(job, job.error) : undefined;
  return {
    id: job.id,
    title: job.title,
    model: job.record.wireModel,
    status: job.record.status,
    phase: phaseLabel(job),
    startedAt: job.startedAt,
    taskId: job.record.taskId,
    error: job.error ? job.error.localized(locale) : undefined,
    videoSrc: video && webview ? webview.asWebviewUri(video).toString() : undefined,
    videoName: video ? video.path.split('/').pop() : undefined,
    hasSound: MODELS[job.record.family].hasSound,
    actualPrompt: job.actualPrompt,
    canCancel: isActive(job.record.status),
    canRetry: canRetry(job.record, job.error) || (job.again !== undefined && job.record.status === 'failed'),
    retryLabel: job.error && retryAction(job.error) === 'retry-download' ? vscode.l10n.t('Retry Download') : vscode.l10n.t('Retry'),
    action: fix ? { id: fix.action, label: fix.label } : undefined,
    seed: job.record.parameters?.seed ?? job.again?.plan.seed,
    batch: job.record.parent?.kind === 'batch' ? { id: job.record.parent.id, index: job.record.parent.index ?? 0, count: job.batchCount ?? 1 } : undefined,
    eta: jobEta(job),
  };
}

function etaWords(): EtaWords {
  const t = vscode.l10n.t;
  return { left: t('~{0} left'), noEstimate: t('no estimate yet'), late: t('taking longer than usual'), queued: t('queued {0}'), running: t('running {0}') };
}

/** The ETA of a job the service has (queued or running); undefined before its task exists and once it ended. */
export function jobEtaOf(job: LiveJob, now = Date.now()): Eta | undefined {
  if (!job.taskStatus || !isActive(job.record.status) || job.record.status === 'downloading' || job.record.status === 'saving') return undefined;
  return estimateEta(job.taskStatus, job.times ?? {}, job.timing, now);
}

/** The ETA as the card and the status bar say it. */
export function jobEta(job: LiveJob, now = Date.now()): EtaView | undefined {
  return etaView(jobEtaOf(job, now), etaWords());
}
