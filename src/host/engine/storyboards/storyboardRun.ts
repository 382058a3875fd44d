import * as path from 'node:path';
import type { Bilingual } from '../../../core/base/language';
import { type Endpoint, priceRegion } from '../../../core/catalog/regions';
import type { GenerationPlan } from '../../../core/inputs/request';
import type { RemoteProbeOptions } from '../../../core/inputs/remoteImage';
import type { JobParent } from '../../../core/job/jobRecord';
import { chainStopMessage } from '../../../core/storyboard/continuation';
import { planStoryboard, type StoryboardEstimate, type StoryboardPlan, sumEstimates } from '../../../core/storyboard/storyboardPlan';
import { storyboardProblemMessage } from '../../../core/storyboard/storyboardProblems';
import { readStoryboard } from '../../../core/storyboard/storyboardRead';
import { chooseTake } from '../../../core/storyboard/storyboardWrite';
import { isEnded } from '../../../shared/jobStatus';
import type { Log } from '../../entry/log';
import type { JobManager, LiveJob } from '../jobs/jobManager';
import { onSegment, prepareSegment } from './continuedSegment';

export interface StoryboardRunDeps {
  jobs: Pick<JobManager, 'list' | 'start' | 'onDidFinish'>;
  log: Pick<Log, 'info' | 'warn'>;
  /** Where new segments are sent (the settings as they are now). */
  endpoint(): Endpoint;
  /** Folders a segment's files may be reached through links into, besides the storyboard's own. */
  roots(): string[];
  remote(): RemoteProbeOptions;
  /** A segment's job title: `film · Segment 2`. */
  title(storyboard: string, index: number): string;
  /** Every segment has its take: the film is joined. */
  joinable(file: string): Promise<void>;
  /** Something went wrong after Generate was answered (a take not recorded, a continued segment that cannot start). */
  warn(message: Bilingual): void;
}

/** What Generate Storyboard would do, every check done and nothing sent. */
export type PreparedRun =
  | { kind: 'refused'; messages: Bilingual[] }
  /** Every segment has its take: only the join is left. */
  | { kind: 'join' }
  /** Every segment left to make is running, or waits for one that is. */
  | { kind: 'under-way' }
  /**
   * `now`: segments sent at once (keyframe segments, and continued ones whose clip is there); `waiting`: continued
   * segments that start when the previous segment's take lands. The estimate covers both.
   */
  | { kind: 'ready'; now: number[]; waiting: number[]; estimate: StoryboardEstimate; start(): number[] };

const chainOf = (file: string, index: number): JobParent => ({ kind: 'chain', id: file, index });

/**
 * Generate Storyboard without VS Code: every segment without a usable take is checked, estimated as one sum, then
 * sent — keyframe segments side by side, a continued segment (`mode: continue`) once the segment before it has its
 * take. Nothing waits in memory: a continued segment is started when its predecessor's job lands, and that job's
 * record survives a reload, so after a restart the resumed job lands here and the chain goes on. A segment whose job
 * is on its way is never started again.
 */
export class StoryboardRun {
  private readonly chosen = new Set<string>();
  /** Continued segments being prepared: two landings at once start one job. */
  private readonly starting = new Set<string>();
  private readonly subscription: { dispose(): void };

  constructor(private readonly deps: StoryboardRunDeps) {
    this.subscription = deps.jobs.onDidFinish(({ job }) =>
      void this.landed(job).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        deps.log.warn(`storyboard: a segment's take could not be recorded: ${reason}`);
        deps.warn({
          en: `A storyboard segment was saved as ${job.videoPath ?? ''}, but the storyboard could not record it (${reason}). Choose it with the CLI (storyboard take) or try Join Storyboard.`,
          zh: `故事板片段已保存为 ${job.videoPath ?? ''}，但故事板未能记录它（${reason}）。请用 CLI（storyboard take）选定，或尝试“合并故事板”。`,
        });
      }),
    );
  }

  /** Reads and checks the storyboard and each segment to make; sends nothing. */
  async prepare(file: string): Promise<PreparedRun> {
    const read = await readStoryboard(file);
    if (!read.ok) return { kind: 'refused', messages: read.problems.map((problem) => storyboardProblemMessage(problem, path.basename(file))) };
    const plan = await planStoryboard(read.parsed, { region: this.region() });
    if (plan.toGenerate.length === 0) return { kind: 'join' };
    const running = this.activeSegments(file);
    const now: Array<{ index: number; plan: GenerationPlan }> = [];
    const waiting: number[] = [];
    const messages: Bilingual[] = [];
    for (const index of plan.toGenerate) {
      const segment = plan.segments[index];
      if (!segment || running.has(index)) continue;
      if (segment.mode === 'continue' && segment.clip?.kind === 'waits') {
        const previous = plan.segments[index - 1];
        if (segment.chainStop) messages.push(chainStopMessage(segment.chainStop, index + 1));
        else if (previous?.needs === 'has-take') messages.push(...onSegment(index, [unreadableTake(index)]));
        // A previous segment already on its way (an earlier Generate) is followed as agreed then: not asked again.
        else if (!running.has(index - 1)) waiting.push(index);
        continue;
      }
      const prepared = await prepareSegment(segment, this.deps.endpoint(), this.planOptions(file));
      if ('problems' in prepared) messages.push(...prepared.problems);
      else now.push({ index, plan: prepared.plan });
    }
    if (messages.length > 0) return { kind: 'refused', messages };
    if (now.length === 0 && waiting.length === 0) return { kind: 'under-way' };
    const made = [...now.map(({ index }) => index), ...waiting].sort((a, b) => a - b);
    const estimate = sumEstimates(made.map((index) => plan.segments[index]).filter((segment) => segment !== undefined));
    return { kind: 'ready', now: now.map(({ index }) => index), waiting, estimate, start: () => this.startNow(file, now, waiting) };
  }

  dispose(): void {
    this.subscription.dispose();
  }

  /** Sends the segments that can go now; a segment another window or a retry started meanwhile is left. */
  private startNow(file: string, now: ReadonlyArray<{ index: number; plan: GenerationPlan }>, waiting: readonly number[]): number[] {
    const running = this.activeSegments(file);
    const started: number[] = [];
    for (const { index, plan } of now) {
      if (running.has(index)) continue;
      this.startSegment(file, index, plan);
      started.push(index);
    }
    if (waiting.length > 0) this.deps.log.info(`storyboard ${file}: segment(s) ${waiting.map((index) => index + 1).join(', ')} continue the take before them, and start when it lands`);
    return started;
  }

  private startSegment(file: string, index: number, plan: GenerationPlan): LiveJob {
    const job = this.deps.jobs.start(plan, this.deps.title(file, index), path.dirname(file), chainOf(file, index));
    this.deps.log.info(`storyboard ${file}: segment ${index + 1} → job ${job.id}`);
    return job;
  }

  /**
   * A segment's take landed (in this window, or resumed after a reload): it becomes the segment's take; the next
   * segment starts when it continues this one; the film is joined when every segment has its take.
   */
  private async landed(job: LiveJob): Promise<void> {
    const parent = job.record.parent;
    if (parent?.kind !== 'chain' || parent.index === undefined || job.record.status !== 'saved' || !job.videoPath) return;
    const key = `${parent.id}\n${parent.index}\n${job.videoPath}`;
    if (this.chosen.has(key)) return;
    const update = await chooseTake(parent.id, parent.index, job.videoPath);
    this.deps.log.info(`storyboard ${parent.id}: segment ${parent.index + 1} ← ${job.videoPath} (${update.kind})`);
    if (update.kind !== 'written' && update.kind !== 'unchanged') throw new Error(`segment ${parent.index + 1}: ${update.kind}`);
    this.chosen.add(key);
    const read = await readStoryboard(parent.id);
    if (!read.ok) return;
    const plan = await planStoryboard(read.parsed, { region: this.region() });
    if (plan.joinable) return this.deps.joinable(parent.id);
    await this.continueAfter(parent.id, parent.index, plan);
  }

  /** Starts segment `index + 1` when it continues the take segment `index` just got and has no job on its way. */
  private async continueAfter(file: string, index: number, plan: StoryboardPlan): Promise<void> {
    const next = plan.segments[index + 1];
    if (next?.mode !== 'continue' || next.needs === 'has-take' || this.activeSegments(file).has(next.index)) return;
    const key = `${file}\n${next.index}`;
    if (this.starting.has(key)) return;
    this.starting.add(key);
    try {
      const prepared = await prepareSegment(next, this.deps.endpoint(), this.planOptions(file));
      if ('problems' in prepared) {
        this.deps.log.warn(`storyboard ${file}: segment ${next.index + 1} cannot start: ${prepared.problems.map((problem) => problem.en).join(' ')}`);
        this.deps.warn(joined(prepared.problems));
        return;
      }
      // Looked at again after the cut and the checks: a Generate pressed meanwhile may have started it.
      if (this.segmentsWithJobs(file).has(next.index)) return;
      const job = this.startSegment(file, next.index, prepared.plan);
      this.deps.log.info(`storyboard ${file}: segment ${next.index + 1} continues ${prepared.clip ?? '?'} (job ${job.id})`);
    } finally {
      this.starting.delete(key);
    }
  }

  /** Segments of this storyboard with a job on its way (queued, sent, or downloading). */
  private segmentsWithJobs(file: string): Set<number> {
    const active = new Set<number>();
    for (const job of this.deps.jobs.list()) {
      const parent = job.record.parent;
      if (parent?.kind === 'chain' && parent.id === file && parent.index !== undefined && !isEnded(job.record.status)) active.add(parent.index);
    }
    return active;
  }

  /** …and the continued segments being made ready to start here. */
  private activeSegments(file: string): Set<number> {
    const active = this.segmentsWithJobs(file);
    for (const key of this.starting) if (key.startsWith(`${file}\n`)) active.add(Number(key.slice(file.length + 1)));
    return active;
  }

  private region() {
    return priceRegion(this.deps.endpoint());
  }

  private planOptions(file: string) {
    return { allowedRoots: [...this.deps.roots(), path.dirname(file)], remote: this.deps.remote() };
  }
}

function unreadableTake(index: number): Bilingual {
  return { en: `the take of segment ${index} cannot be read as a video, so its length to continue from is unknown`, zh: `第 ${index} 段的视频无法读取，无法确定续写的起点` };
}

function joined(messages: readonly Bilingual[]): Bilingual {
  return { en: messages.map((message) => message.en).join(' '), zh: messages.map((message) => message.zh).join(' ') };
}
