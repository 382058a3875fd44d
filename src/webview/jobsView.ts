import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { JobView, WebviewMessage, WebviewStrings } from '../shared/protocol';

export interface JobsContext {
  jobs: JobView[];
  strings: WebviewStrings;
  post: (message: WebviewMessage) => void;
}

/** One card of the list: a job alone, or the takes of one batch of variations in their order. */
export type JobsItem = { kind: 'job'; key: string; job: JobView } | { kind: 'batch'; key: string; id: string; jobs: JobView[] };

/**
 * The list's cards in the order the jobs came (newest first): a batch sits where its newest take is, its takes by
 * their place in it. Keys never change for a job or a batch, so the cards (and a `<video>` playing in one) stay the
 * same nodes while jobs move.
 */
export function jobsItems(jobs: readonly JobView[]): JobsItem[] {
  const items: JobsItem[] = [];
  const batches = new Map<string, JobView[]>();
  for (const job of jobs) {
    if (!job.batch) {
      items.push({ kind: 'job', key: `job:${job.id}`, job });
      continue;
    }
    const takes = batches.get(job.batch.id);
    if (takes) {
      takes.push(job);
      continue;
    }
    const first = [job];
    batches.set(job.batch.id, first);
    items.push({ kind: 'batch', key: `batch:${job.batch.id}`, id: job.batch.id, jobs: first });
  }
  for (const takes of batches.values()) takes.sort((a, b) => (a.batch?.index ?? 0) - (b.batch?.index ?? 0));
  return items;
}

/** The jobs section: each batch as one `<wk-batch>` card, every other job as its `<wk-job>` card; nothing when empty. */
export function jobsView(context: JobsContext): unknown {
  const { jobs, strings, post } = context;
  if (jobs.length === 0) return nothing;
  return html`<section class="jobs" aria-label=${strings.jobs}>
    <h2>${strings.jobs}</h2>
    ${repeat(
      jobsItems(jobs),
      (item) => item.key,
      (item) =>
        item.kind === 'job'
          ? html`<wk-job .job=${item.job} .strings=${strings} .post=${post}></wk-job>`
          : html`<wk-batch .batchId=${item.id} .jobs=${item.jobs} .strings=${strings} .post=${post}></wk-batch>`,
    )}
  </section>`;
}
