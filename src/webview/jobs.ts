import type { JobView, WebviewMessage, WebviewStrings } from '../shared/protocol';
import { button, el, elapsed } from './dom';

/** Running and finished jobs, newest first, with their progress, errors and the video. */
export function renderJobs(jobs: JobView[], strings: WebviewStrings, post: (message: WebviewMessage) => void): HTMLElement | null {
  if (jobs.length === 0) return null;
  return el('section', { className: 'jobs', attrs: { 'aria-label': strings.jobs as string } }, el('h2', { text: strings.jobs }), ...jobs.map((job) => renderJob(job, strings, post)));
}

function renderJob(job: JobView, s: WebviewStrings, post: (message: WebviewMessage) => void): HTMLElement {
  const status = job.state === 'running' ? `${job.phase} · ${elapsed(job.startedAt)}` : job.phase;
  const card = el(
    'article',
    { className: `job ${job.state}`, testId: 'job', attrs: { 'data-state': job.state } },
    el('div', { className: 'job-head' }, el('strong', { text: job.title }), el('span', { className: 'job-model', text: job.model })),
    el('div', { className: 'job-status', text: status, testId: 'job-status', attrs: { 'data-started': String(job.startedAt), role: 'status' } }),
    job.taskId ? el('div', { className: 'job-task', text: `${s.taskId} ${job.taskId}` }) : null,
    job.error ? el('p', { className: 'error', text: job.error, testId: 'job-error' }) : null,
  );
  if (job.videoSrc) {
    const video = el('video', { className: 'video', testId: 'video', attrs: { controls: '', preload: 'metadata', 'aria-label': job.videoName ?? 'video' } });
    video.src = job.videoSrc;
    card.append(video);
    if (job.hasSound) card.append(el('p', { className: 'hint', text: s.soundHint }));
  }
  if (job.actualPrompt) card.append(el('details', {}, el('summary', { text: s.actualPrompt }), el('p', { className: 'actual-prompt', text: job.actualPrompt, testId: 'actual-prompt' })));
  const actions = el('div', { className: 'job-actions' });
  if (job.canCancel) actions.append(button(s.cancel as string, () => post({ type: 'cancel', jobId: job.id }), { testId: 'cancel' }));
  if (job.canRetry) actions.append(button(job.retryLabel ?? (s.retry as string), () => post({ type: 'retry', jobId: job.id }), { testId: 'retry' }));
  if (job.videoSrc) {
    actions.append(
      button(s.open as string, () => post({ type: 'openVideo', jobId: job.id }), { testId: 'open-video' }),
      button(s.reveal as string, () => post({ type: 'revealVideo', jobId: job.id }), { testId: 'reveal-video' }),
    );
  }
  if (job.state === 'failed') actions.append(button(s.showLog as string, () => post({ type: 'showLog' })));
  if (actions.childElementCount > 0) card.append(actions);
  return card;
}

/** Ticks the elapsed time of running jobs without re-rendering (a one-shot timer re-armed each second). */
export function tickElapsed(root: HTMLElement): void {
  for (const node of root.querySelectorAll<HTMLElement>('.job.running [data-started]')) {
    const started = Number(node.dataset.started);
    node.textContent = node.textContent?.replace(/\d+:\d{2}$/, elapsed(started)) ?? '';
  }
}
