import type * as vscode from 'vscode';
import * as z from 'zod';
import type { JobRecord } from '../../../core/job/jobRecord';
import { progressOf } from '../../../shared/jobStatus';
import { readRecord } from '../../../core/job/storedRecord';
import type { JsonFile } from '../../entry/jsonFile';
import { LEASES_KEY, RECORDS_KEY } from '../../entry/storedJobs';
import { deferredSchema } from '../../../shared/deferredSchema';

const KEEP = 50;
/** A lease not renewed for this long belongs to a window that is gone (reloaded, closed or crashed). */
export const LEASE_STALE_MS = 20_000;

const LeasesSchema = deferredSchema(() => z.record(z.string(), z.object({ owner: z.string(), at: z.number() })));

/**
 * Job records in globalState, so polling resumes after a reload. A lease names the window that works on a job,
 * so two windows sharing globalState never both finish (and save) the same video.
 */
export class JobStore {
  constructor(
    private readonly state: vscode.Memento,
    private readonly owner: string,
    private readonly now: () => number = Date.now,
    /** A file copy of the records, on disk at once (globalState is flushed lazily in VS Code for the Web). */
    private readonly mirror?: JsonFile,
  ) {}

  /**
   * The last record this window wrote for each job, so it never reads one back at an earlier stage: the workbench
   * can hand the extension host an older globalState value after an update (seen in code-server: a saved job came
   * back as downloading, the next window resumed it, and its video was saved twice).
   */
  private readonly written = new Map<string, JobRecord>();

  all(): JobRecord[] {
    const raw = this.state.get<unknown[]>(RECORDS_KEY, []);
    // Records of either version: a window of an older version may have written them.
    const stored = (Array.isArray(raw) ? raw : []).flatMap((item) => {
      const record = readRecord(item);
      return record ? [record] : [];
    });
    // Only the window holding a job's lease writes its record, so this window's last word on a job is the truth.
    const byId = new Map(stored.map((record) => [record.id, record]));
    for (const record of this.written.values()) byId.set(record.id, record);
    return newestFirst([...byId.values()]);
  }

  /** Writes the record (globalState and the file mirror); rejects when either write failed. */
  async put(record: JobRecord): Promise<void> {
    this.written.set(record.id, record);
    const others = this.all().filter((existing) => existing.id !== record.id);
    const records = [record, ...others].slice(0, KEEP);
    await Promise.all([this.state.update(RECORDS_KEY, records), this.mirror?.write(records)]);
  }

  /** Another window took the job over: its record is theirs to write, and what this window last wrote is no longer the truth. */
  forget(id: string): void {
    this.written.delete(id);
  }

  /**
   * Takes back from the file mirror what globalState lost: records it lacks, or holds at an earlier stage.
   * `alreadyRead` spares a second read when the caller has just looked at the file.
   */
  async recover(alreadyRead?: { mirrored: unknown }): Promise<number> {
    const raw = alreadyRead ? alreadyRead.mirrored : await this.mirror?.read();
    if (!Array.isArray(raw)) return 0;
    const records = new Map(this.all().map((record) => [record.id, record]));
    let recovered = 0;
    for (const item of raw) {
      const record = readRecord(item);
      if (!record) continue;
      const known = records.get(record.id);
      if (known && progressOf(known.status) >= progressOf(record.status)) continue;
      records.set(record.id, record);
      recovered++;
    }
    if (recovered > 0) {
      await this.state.update(RECORDS_KEY, newestFirst([...records.values()]).slice(0, KEEP));
    }
    return recovered;
  }

  private leases(): z.infer<typeof LeasesSchema> {
    return LeasesSchema.safeParse(this.state.get(LEASES_KEY, {})).data ?? {};
  }

  /** Writes the record and takes (or renews) this window's lease on it, in one call: a job's record and its owner move together. */
  async keep(record: JobRecord): Promise<boolean> {
    await this.put(record);
    return this.lease(record.id);
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

function newestFirst(records: JobRecord[]): JobRecord[] {
  return records.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}
