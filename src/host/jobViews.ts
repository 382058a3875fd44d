import * as vscode from 'vscode';
import { MODELS } from '../core/models';
import type { JobView } from '../shared/protocol';
import type { LiveJob } from './jobs';

export function phaseLabel(job: LiveJob): string {
  const t = vscode.l10n.t;
  switch (job.state) {
    case 'saved':
      return t('Saved');
    case 'canceled':
      return t('Canceled');
    case 'stopped':
      return t('Stopped waiting (the task can be resumed)');
    case 'failed':
      return t('Failed');
    default:
      break;
  }
  switch (job.phase) {
    case 'waiting':
      return t('Waiting for a free slot');
    case 'resuming':
      return t('Resuming');
    case 'preparing':
      return t('Checking files');
    case 'uploading':
      return t('Uploading frames');
    case 'submitting':
      return t('Submitting');
    case 'queued':
      return t('Queued on the service');
    case 'running':
      return t('Generating');
    case 'downloading':
      return t('Downloading');
    case 'saving':
      return t('Saving');
    case 'saved':
      return t('Saved');
  }
}

/** What the panel shows of a job; video URIs go through asWebviewUri, never as file paths. */
export function jobView(job: LiveJob, webview: vscode.Webview | undefined, locale: string): JobView {
  const video = job.videoPath ? vscode.Uri.file(job.videoPath) : undefined;
  const resumable = Boolean(job.record.taskId) && (job.state === 'stopped' || (job.state === 'failed' && (job.error?.retryable ?? false)));
  return {
    id: job.id,
    title: job.title,
    model: job.record.wireModel,
    state: job.state === 'queued' ? 'running' : job.state,
    phase: phaseLabel(job),
    startedAt: job.startedAt,
    taskId: job.record.taskId,
    error: job.error ? job.error.localized(locale) : undefined,
    videoSrc: video && webview ? webview.asWebviewUri(video).toString() : undefined,
    videoName: video ? video.path.split('/').pop() : undefined,
    hasSound: MODELS[job.record.family].hasSound,
    actualPrompt: job.actualPrompt,
    canCancel: job.state === 'running' || job.state === 'queued',
    canRetry: resumable,
    retryLabel: job.error?.videoWaiting() ? vscode.l10n.t('Retry Download') : vscode.l10n.t('Retry'),
  };
}
