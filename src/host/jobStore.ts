import type * as vscode from 'vscode';
import { z } from 'zod';
import { type JobRecord, JobRecordSchema } from '../core/jobRecord';

const RECORDS_KEY = 'wanKeyframes.jobs.v1';
const LEASES_KEY = 'wanKeyframes.jobLeases.v1';
const KEEP = 50;
/** A lease not renewed for this long belongs to a window that is gone (reloaded, closed or crashed). */
export const LEASE_STALE_MS = 20_000;

const LeasesSchema = z.record(z.string(), z.object({ owner: z.string(), at: z.number() }));

/**
 * Job records in globalState, so polling resumes after a reload. A lease names the window that works on a job,
 * so two windows sharing globalState never both finish (and save) the same video.
 */
export class JobStore {
  constructor(
    private readonly state: vscode.Memento,
    private readonly owner: string,
    private readonly now: () => number = Date.now,
  ) {}

  all(): JobRecord[] {
    const raw = this.state.get<unknown[]>(RECORDS_KEY, []);
    return (Array.isArray(raw) ? raw : []).flatMap((item) => {
      const parsed = JobRecordSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
  }

  async put(record: JobRecord): Promise<void> {
    const others = this.all().filter((existing) => existing.id !== record.id);
    await this.state.update(RECORDS_KEY, [record, ...others].slice(0, KEEP));
  }

  private leases(): z.infer<typeof LeasesSchema> {
    return LeasesSchema.safeParse(this.state.get(LEASES_KEY, {})).data ?? {};
  }

  /** Takes (or renews) the lease unless another live window holds it. */
  async lease(id: string): Promise<boolean> {
    const leases = this.leases();
    const held = leases[id];
    if (held && held.owner !== this.owner && this.now() - held.at < LEASE_STALE_MS) return false;
    await this.state.update(LEASES_KEY, { ...leases, [id]: { owner: this.owner, at: this.now() } });
    return true;
  }

  async release(id: string): Promise<void> {
    const { [id]: _released, ...rest } = this.leases();
    await this.state.update(LEASES_KEY, rest);
  }

  async releaseAll(): Promise<void> {
    const kept = Object.fromEntries(Object.entries(this.leases()).filter(([, lease]) => lease.owner !== this.owner));
    await this.state.update(LEASES_KEY, kept);
  }
}
