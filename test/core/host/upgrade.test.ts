import * as assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { systemClock } from '../../../src/core/base/clock';
import { createDispatcher } from '../../../src/core/net/transport';
import { type Connection, JobManager, type LiveJob } from '../../../src/host/engine/jobs/jobManager';
import { JobStore } from '../../../src/host/engine/jobs/jobStore';
import { RECORDS_KEY } from '../../../src/host/entry/storedJobs';
import { ROLE } from '../../../src/shared/mediaRoles';
import { until } from '../../harness/wait';
import type { Simulator } from '../../sandbox/simulator';
import { FIXTURES } from '../../support/files';
import { MemoryMemento } from '../../support/fixtures/memento';
import { jobOptions } from '../../support/jobs';
import { clientFor, fastSimulator, tempDir, writeFramePair } from '../../support/simulator';
import { takeAt } from '../../support/takes';

/**
 * A window of version 1 (d5f53d2) left a job polling, then the extension was upgraded: the record it wrote (a
 * fixture from that commit, its task id and folder pointed at this run) is picked up and the video saved.
 */
describe('a job stored by version 1 resumes after the upgrade', { timeout: 60_000 }, () => {
  let simulator: Simulator;
  before(async () => {
    simulator = await fastSimulator();
  });
  after(() => simulator.stop());

  it('its task is polled, its video and a version-2 take saved beside its frames, nothing created', async () => {
    const dir = await tempDir('wk-upgrade-');
    const { first, last } = await writeFramePair(dir);
    const client = clientFor(simulator);
    const created = await client.createTask({ route: 'image2video' } as never, {
      model: 'wan2.2-kf2v-flash',
      input: { first_frame_url: `data:image/png;base64,${(await readFile(first)).toString('base64')}`, last_frame_url: `data:image/png;base64,${(await readFile(last)).toString('base64')}` },
      parameters: { resolution: '480P' },
    } as never);
    await client.close();
    const [stored] = JSON.parse(await readFile(path.join(FIXTURES, 'd5f53d2', 'jobs.json'), 'utf8')) as Array<Record<string, unknown> & { sources: { first: Record<string, unknown>; last: Record<string, unknown> } }>;
    assert.equal(stored?.version, 1);
    assert.equal(stored?.state, 'submitted');
    const v1 = {
      ...stored,
      id: 'left-by-d5f53d2',
      createdAt: new Date().toISOString(),
      baseUrl: simulator.baseUrl,
      taskId: created.output.task_id,
      outputDir: dir,
      sources: { first: { ...stored?.sources.first, path: first }, last: { ...stored?.sources.last, path: last } },
    };
    const state = new MemoryMemento();
    await state.update(RECORDS_KEY, [v1]);
    const connect = async (): Promise<Connection> => {
      const connected = clientFor(simulator);
      const dispatcher = createDispatcher({ environment: {} });
      return { client: connected, dispatcher, options: jobOptions('oss'), region: undefined, close: async () => { await connected.close(); await dispatcher.close(); } };
    };
    const jobs = new JobManager(new JobStore(state, 'window-after-upgrade'), { info: () => undefined, warn: () => undefined }, connect, systemClock);
    const finished: LiveJob[] = [];
    jobs.onDidFinish(({ job }) => finished.push(job));
    await jobs.resumeStored();
    await until(() => finished.length === 1, 'the resumed job to end', 30_000, 20);
    assert.equal(finished[0]?.record.status, 'saved', finished[0]?.error?.message);
    assert.equal(simulator.requestsFor('create').length, 1, 'only the create the test made');
    const videos = (await readdir(dir)).filter((name) => name.endsWith('.mp4'));
    assert.deepEqual(videos, [`${stored?.baseName as string}.mp4`]);
    const { take, inputs } = await takeAt(path.join(dir, `${stored?.baseName as string}.json`));
    assert.equal(take.taskId, created.output.task_id);
    assert.equal(inputs[ROLE.first]?.path, first, 'the take names the frames version 1 recorded');
    assert.equal(take.prompt, stored?.prompt);
    assert.equal(new JobStore(state, 'reader').all()[0]?.version, 2, 'the record is kept as version 2 from then on');
    await jobs.dispose();
  });
});
