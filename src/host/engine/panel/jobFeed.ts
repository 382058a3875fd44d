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
