import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Bilingual } from '../../../../../src/core/base/language';
import { endpointFor } from '../../../../../src/core/catalog/regions';
import type { GenerationPlan } from '../../../../../src/core/inputs/request';
import type { JobParent } from '../../../../../src/core/job/jobRecord';
import { readStoryboard } from '../../../../../src/core/storyboard/storyboardRead';
import type { Segment } from '../../../../../src/core/storyboard/storyboardSchema';
import { writeStoryboardFile } from '../../../../../src/core/storyboard/storyboardWrite';
import type { Finished, LiveJob } from '../../../../../src/host/engine/jobs/liveJob';
import { StoryboardRun } from '../../../../../src/host/engine/storyboards/storyboardRun';
import type { JobStatus } from '../../../../../src/shared/jobStatus';
import { ROLE } from '../../../../../src/shared/mediaRoles';
import { tempDir, writePng } from '../../../../support/files';
import { writeClip } from '../../../core/media/mp4Fixtures';

const SEGMENT: Segment = { prompt: 'drifts', model: 'wan2.7-i2v', resolution: '720P', duration: 5 };

/** Keyframes k0.png… (sizes the model takes) and a storyboard over them. */
async function storyboardIn(segments: Segment[]): Promise<string> {
  const dir = await tempDir('wk-sbrun-unit-');
  await Promise.all(Array.from({ length: segments.length + 1 }, (_, index) => writePng(dir, `k${index}.png`, { width: 320, height: 240, from: [index * 60, 0, 0], to: [0, 0, index * 60] })));
  const file = path.join(dir, 'film.storyboard.json');
  await writeStoryboardFile(file, { version: 1, keyframes: segments.map((_, index) => `k${index}.png`).concat(`k${segments.length}.png`), segments });
  return file;
}

/** A job manager as the run sees it: jobs listed, started (recorded here, never sent), and their landings fired by the test. */
function fakeJobs() {
  const jobs: LiveJob[] = [];
  const started: Array<{ plan: GenerationPlan; parent?: JobParent }> = [];
  const listeners: Array<(finished: Finished) => void> = [];
  const job = (parent: JobParent, status: JobStatus, videoPath?: string): LiveJob => ({
    id: `job-${jobs.length}`,
    title: 't',
    startedAt: 0,
    videoPath,
    record: { version: 2, id: `job-${jobs.length}`, createdAt: '', baseUrl: '', family: 'wan2.7-i2v', wireModel: 'wan2.7-i2v', prompt: '', negativePrompt: '', outputDir: '', baseName: '', status, parent, requestIds: [] },
  });
  return {
    jobs,
    started,
    add: (parent: JobParent, status: JobStatus, videoPath?: string) => {
      const made = job(parent, status, videoPath);
      jobs.push(made);
      return made;
    },
    land: (landed: LiveJob) => listeners.forEach((listener) => listener({ job: landed })),
    manager: {
      list: () => jobs,
      start: (plan: GenerationPlan, _title: string, _dir?: string, parent?: JobParent) => {
        started.push({ plan, parent });
        const made = job(parent as JobParent, 'waiting-for-slot');
        jobs.push(made);
        return made;
      },
      onDidFinish: (listener: (finished: Finished) => void) => {
        listeners.push(listener);
        return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
      },
    },
  };
}

function runOf(fake: ReturnType<typeof fakeJobs>) {
  const joinable: string[] = [];
  const warnings: Bilingual[] = [];
  const run = new StoryboardRun({
    jobs: fake.manager as never,
    log: { info: () => undefined, warn: () => undefined },
    endpoint: () => endpointFor('cn-beijing'),
    roots: () => [],
    remote: () => ({}) as never,
    title: (_, index) => `Segment ${index + 1}`,
    joinable: async (file) => void joinable.push(file),
    warn: (message) => void warnings.push(message),
  });
  return { run, joinable, warnings };
}

const chain = (file: string, index: number): JobParent => ({ kind: 'chain', id: file, index });

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  // The landing reads the take's header and checks the clip from disk: real I/O, so real (short) waits.
  for (let tries = 0; tries < 500 && !(await check()); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(await check(), 'never happened');
}

describe('Generate Storyboard (StoryboardRun)', () => {
  it('keyframe segments: both go at once, estimated together, each with its storyboard as parent; a segment on its way is left', async () => {
    const file = await storyboardIn([SEGMENT, { ...SEGMENT, duration: 3 }]);
    const fake = fakeJobs();
    const { run } = runOf(fake);
    const prepared = await run.prepare(file);
    assert.equal(prepared.kind, 'ready');
    if (prepared.kind !== 'ready') return;
    assert.deepEqual([prepared.now, prepared.waiting], [[0, 1], []]);
    assert.deepEqual(prepared.estimate.seconds, { min: 8, max: 8 });
    fake.add(chain(file, 1), 'pending');
    assert.deepEqual(prepared.start(), [0], 'segment 2 started meanwhile elsewhere: not started again');
    assert.deepEqual(fake.started.map((start) => start.parent), [chain(file, 0)]);
    assert.deepEqual(Object.keys(fake.started[0]?.plan.inputs ?? {}).sort(), [ROLE.first, ROLE.last].sort());
    assert.equal((await run.prepare(file)).kind, 'under-way', 'a second Generate while both run starts nothing');
    run.dispose();
  });

  it('a continued segment waits for the take before it, then sends it as first_clip with the next keyframe as last_frame, once', async () => {
    const file = await storyboardIn([{ ...SEGMENT, duration: 3 }, { ...SEGMENT, duration: 8, mode: 'continue' }]);
    const fake = fakeJobs();
    const { run, joinable, warnings } = runOf(fake);
    const prepared = await run.prepare(file);
    assert.ok(prepared.kind === 'ready');
    assert.deepEqual([prepared.now, prepared.waiting], [[0], [1]]);
    assert.deepEqual(prepared.estimate.seconds, { min: 11, max: 11 }, 'the continued segment bills its whole 8 s output');
    assert.deepEqual(prepared.start(), [0]);
    const video = await writeClip(path.join(path.dirname(file), 'k0-to-k1.mp4'), { width: 320, height: 240, seconds: 3, fps: 10, keyEvery: 1 });
    const first = fake.jobs[0] as LiveJob;
    first.record = { ...first.record, status: 'saved' };
    first.videoPath = video;
    fake.land(first);
    await until(() => fake.started.length === 2);
    const second = fake.started[1];
    assert.deepEqual(second?.parent, chain(file, 1));
    assert.equal(second?.plan.inputs[ROLE.clip]?.path, video);
    assert.equal(second?.plan.inputs[ROLE.last]?.path, path.join(path.dirname(file), 'k2.png'));
    assert.equal(second?.plan.duration, 8);
    fake.land(first);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(fake.started.length, 2, 'the same landing again starts nothing');
    const read = await readStoryboard(file);
    assert.ok(read.ok);
    assert.equal(read.parsed.storyboard.segments[0]?.take, 'k0-to-k1.mp4', 'the take is the segment’s');
    assert.deepEqual([joinable, warnings], [[], []]);
    run.dispose();
  });

  it('a chain the 15 s total cannot hold is refused before anything is sent, naming the segment and the limit', async () => {
    const file = await storyboardIn([{ ...SEGMENT, duration: 15 }, { ...SEGMENT, duration: 10, mode: 'continue' }]);
    const fake = fakeJobs();
    const { run } = runOf(fake);
    const prepared = await run.prepare(file);
    assert.equal(prepared.kind, 'refused');
    if (prepared.kind !== 'refused') return;
    assert.equal(prepared.messages.length, 1);
    assert.match(prepared.messages[0]?.en ?? '', /Segment 2 cannot continue segment 1/);
    assert.match(prepared.messages[0]?.en ?? '', /15 s/);
    assert.match(prepared.messages[0]?.zh ?? '', /片段 2/);
    assert.equal(fake.started.length, 0);
    run.dispose();
  });

  it('a continued segment whose previous take is over 10 s continues its last ≤ 10 s, cut at a keyframe beside it', async () => {
    const file = await storyboardIn([{ ...SEGMENT, duration: 12 }, { ...SEGMENT, duration: 15, mode: 'continue' }]);
    const dir = path.dirname(file);
    await writeClip(path.join(dir, 'long.mp4'), { width: 320, height: 240, seconds: 12, fps: 10, keyEvery: 1 });
    const read = await readStoryboard(file);
    assert.ok(read.ok);
    await writeStoryboardFile(file, { ...read.parsed.storyboard, segments: read.parsed.storyboard.segments.map((segment, index) => (index === 0 ? { ...segment, take: 'long.mp4' } : segment)) });
    const fake = fakeJobs();
    const { run } = runOf(fake);
    const prepared = await run.prepare(file);
    assert.ok(prepared.kind === 'ready', JSON.stringify(prepared));
    assert.deepEqual([prepared.now, prepared.waiting], [[1], []], 'its clip is there: it goes at once');
    prepared.start();
    const clip = fake.started[0]?.plan.inputs[ROLE.clip];
    assert.equal(clip?.path, path.join(dir, 'long.last10s.mp4'));
    assert.ok(clip?.kind === 'video' && Math.abs((clip.probe.seconds ?? 0) - 10) < 0.05, 'the last 10 s');
    run.dispose();
  });

  it('every segment with its take: only the join is left', async () => {
    const file = await storyboardIn([SEGMENT]);
    await writeClip(path.join(path.dirname(file), 'a.mp4'), { width: 320, height: 240, seconds: 2, fps: 10 });
    const read = await readStoryboard(file);
    assert.ok(read.ok);
    await writeStoryboardFile(file, { ...read.parsed.storyboard, segments: [{ ...SEGMENT, take: 'a.mp4' }] });
    const { run } = runOf(fakeJobs());
    assert.equal((await run.prepare(file)).kind, 'join');
    run.dispose();
  });
});
