import type { HostMessage, JobView } from '../../../shared/protocol';

/**
 * What the page must be sent so its job list matches `views`: the whole list when jobs came or went, else each job
 * that changed alone — a poll that changed nothing costs no message.
 */
export class JobFeed {
  private posted = new Map<string, string>();

  /** The page was (re)loaded: it has nothing yet. */
  reset(): void {
    this.posted = new Map();
  }

  messages(views: readonly JobView[]): HostMessage[] {
    const sameList = views.length === this.posted.size && views.every((view) => this.posted.has(view.id));
    const changed = views.filter((view) => this.posted.get(view.id) !== JSON.stringify(view));
    this.posted = new Map(views.map((view) => [view.id, JSON.stringify(view)]));
    if (!sameList) return [{ type: 'jobs', jobs: [...views] }];
    return changed.map((job) => ({ type: 'job', job }));
  }
}

/** What the panel needs of a job to list it: its place in a batch. */
interface Listed {
  record: { parent?: { kind: string; id: string } };
}

/** The jobs the panel lists: the last 10, and every take of a batch among them (a batch of 8 is never cut in half). */
export function recentJobs<T extends Listed>(jobs: readonly T[], shown = 10): T[] {
  const batchOf = (job: T) => (job.record.parent?.kind === 'batch' ? job.record.parent.id : undefined);
  const batches = new Set(jobs.slice(0, shown).flatMap((job) => batchOf(job) ?? []));
  return jobs.filter((job, index) => index < shown || batches.has(batchOf(job) ?? ''));
}
