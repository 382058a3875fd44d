import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { isWanError } from '../../../../src/core/errors/wanError';
import { JobRecordSchema } from '../../../../src/core/job/jobRecord';
import { recordForTaskId } from '../../../../src/core/job/resume';
import type { DashScopeClient, TaskListQuery } from '../../../../src/core/service/client';
import type { ListedTask } from '../../../../src/core/service/schemas';

const NOW = new Date(Date.UTC(2026, 11, 1, 8));

/** A client whose task list holds `tasks`; the queries it was asked are kept. */
function client(tasks: ListedTask[]) {
  const queries: TaskListQuery[] = [];
  const fake = {
    baseUrl: 'https://dashscope.aliyuncs.com',
    async listTasks(query: TaskListQuery) {
      queries.push(query);
      return { data: tasks };
    },
  };
  return { client: fake as unknown as DashScopeClient, queries };
}

const notFound = (taskId: string) => (error: unknown) => isWanError(error) && error.kind === 'not-found' && error.taskId === taskId;

describe('a record for a task id this machine never saw', () => {
  it('asks the task list for that id, and takes the model and family from it', async () => {
    const { client: fake, queries } = client([{ task_id: 'other', model_name: 'wan2.2-kf2v-flash' }, { task_id: 'abc-123', model_name: 'wan2.7-i2v-2026-04-25' }]);
    const record = await recordForTaskId(fake, 'abc-123', '/videos', NOW);
    assert.equal(queries[0]?.taskId, 'abc-123');
    assert.equal(record.taskId, 'abc-123');
    assert.equal(record.wireModel, 'wan2.7-i2v-2026-04-25', 'the dated id as the service ran it');
    assert.equal(record.family, 'wan2.7-i2v');
    assert.equal(record.baseUrl, fake.baseUrl);
  });

  it('a valid pending record, named after the task, whose inputs and parameters stay unknown', async () => {
    const { client: fake } = client([{ task_id: 'abc-123', model_name: 'wan2.1-kf2v-plus' }]);
    const record = await recordForTaskId(fake, 'abc-123', 'out/videos', NOW);
    assert.ok(JobRecordSchema.safeParse(record).success);
    assert.equal(record.status, 'pending');
    assert.equal(record.family, 'wanx2.1-kf2v-plus');
    assert.equal(record.baseName, 'wan-abc-123');
    assert.equal(record.outputDir, path.resolve('out/videos'), 'a relative folder is made absolute');
    assert.equal(record.createdAt, NOW.toISOString());
    assert.deepEqual([record.inputs, record.parameters, record.options], [undefined, undefined, undefined]);
  });

  it('a task id with characters a file name cannot hold still gives a safe name', async () => {
    const { client: fake } = client([{ task_id: 'a/b:c', model_name: 'wan2.2-kf2v-flash' }]);
    const record = await recordForTaskId(fake, 'a/b:c', '/videos', NOW);
    assert.ok(!/[/:\\]/.test(record.baseName), record.baseName);
  });

  it('a task not in the list is not found; one of a model this tool does not know says so', async () => {
    await assert.rejects(recordForTaskId(client([{ task_id: 'other', model_name: 'wan2.7-i2v' }]).client, 'abc-123', '/videos', NOW), notFound('abc-123'));
    await assert.rejects(recordForTaskId(client([]).client, 'abc-123', '/videos', NOW), notFound('abc-123'));
    await assert.rejects(recordForTaskId(client([{ task_id: 'abc-123', model_name: 'qwen-image' }]).client, 'abc-123', '/videos', NOW), (error: unknown) => isWanError(error) && error.kind === 'invalid-input' && /ran qwen-image/.test(error.message) && error.taskId === 'abc-123');
  });
});
