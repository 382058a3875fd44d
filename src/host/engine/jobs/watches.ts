import type { Clock } from '../../../core/base/clock';
import type { CallOptions } from '../../../core/service/client';
import type { ListedTask } from '../../../core/service/schemas';
import { TaskWatch, type WatchClient } from '../../../core/service/taskWatch';

/** A job's client as the watch needs it: its endpoint, the task list and a task's own query. */
export type EndpointClient = WatchClient & { baseUrl: string; account?: string };

interface Shared {
  watch: TaskWatch;
  /** The clients of the jobs polling through it now, newest last: its requests go through the newest. */
  clients: EndpointClient[];
}

/** A watch lent to one job's poll: its poll source, and the way to give it back when the job's run ends. */
export interface WatchLease {
  source: TaskWatch;
  release(taskId: string | undefined): void;
}

/**
 * One TaskWatch per endpoint for every live job of this window (taskWatch.ts: one task-list call per tick for all of
 * them, a task's own query only for one that left the list or that the list cannot place). Each job brings its own
 * connection and closes it when its run ends, so the shared watch asks through whichever job's client is still live.
 */
export class Watches {
  private readonly shared = new Map<string, Shared>();

  constructor(
    private readonly clock: Clock,
    /** Every row of every list: the finished tasks teach the timing model. */
    private readonly onListed?: (tasks: readonly ListedTask[]) => void,
  ) {}

  acquire(client: EndpointClient): WatchLease {
    // One watch per endpoint and account: after a key change, jobs of the old key keep asking with their own.
    const key = `${client.baseUrl.replace(/\/+$/, '')}\n${client.account ?? ''}`;
    let entry = this.shared.get(key);
    if (!entry) {
      const clients: EndpointClient[] = [];
      const newest = () => {
        const live = clients[clients.length - 1];
        if (!live) throw new Error('no live connection for the task watch');
        return live;
      };
      const through: WatchClient = {
        getTask: (taskId: string, options?: CallOptions) => newest().getTask(taskId, options),
        listTasks: (query, options?: CallOptions) => newest().listTasks(query, options),
      };
      entry = { clients, watch: new TaskWatch(through, { clock: this.clock, onListed: this.onListed }) };
      this.shared.set(key, entry);
    }
    const held = entry;
    held.clients.push(client);
    let released = false;
    return {
      source: held.watch,
      release: (taskId) => {
        if (released) return;
        released = true;
        if (taskId) held.watch.forget(taskId);
        held.clients.splice(held.clients.lastIndexOf(client), 1);
        if (held.clients.length === 0 && this.shared.get(key) === held) this.shared.delete(key);
      },
    };
  }

  /** How many list calls and task queries the watches made (for the log and the tests). */
  stats(): { listRequests: number; taskQueries: number } {
    let listRequests = 0;
    let taskQueries = 0;
    for (const { watch } of this.shared.values()) {
      listRequests += watch.stats.listRequests;
      taskQueries += watch.stats.taskQueries;
    }
    return { listRequests, taskQueries };
  }
}
