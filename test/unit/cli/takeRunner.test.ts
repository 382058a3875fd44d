import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runGeneration } from '../../../src/cli/generation';
import { EXIT } from '../../../src/cli/exitCodes';
import { runPlannedTakes, takePrefix } from '../../../src/cli/takeRunner';
import { requestOf } from '../../../src/cli/commands/generate';
import type { ModelSpec } from '../../../src/core/catalog/models';
import type { DashScopeClient } from '../../../src/core/service/client';
import { TaskQueryResponseSchema } from '../../../src/core/service/schemas';
import { serviceError } from '../../../src/core/service/serviceErrors';
import { tempDir, writeFramePair } from '../../support/files';
import { contextFor } from './cliHarness';

/**
 * A service in memory: inline frames (base64, so no upload), creates answer task-<n> unless `refuse(n)` says how the
 * n-th (1-based) is refused; every task ends FAILED at its first poll. The account's quota says `concurrency`.
 */
function service(options: { refuse?: (n: number) => Error | undefined; concurrency?: number } = {}) {
  const creates: Array<{ seed: unknown }> = [];
  let inFlight = 0;
  let most = 0;
  const client = {
    baseUrl: 'https://dashscope.aliyuncs.com',
    async createTask(_spec: ModelSpec, body: { parameters: { seed?: number } }) {
      const refusal = options.refuse?.(creates.length + 1);
      creates.push({ seed: body.parameters.seed });
      if (refusal) throw refusal;
      most = Math.max(most, ++inFlight);
      return { request_id: 'req', output: { task_id: `task-${creates.length}`, task_status: 'PENDING' } };
    },
    async getTask(taskId: string) {
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return TaskQueryResponseSchema.parse({ request_id: 'q', output: { task_id: taskId, task_status: 'FAILED', code: 'DataInspectionFailed', message: 'moderated' } });
    },
    async listTasks() {
      return { data: [] };
    },
    async getModelLimits(model: string) {
      return { output: { quotas: [{ model, model_limit: { async_user_concurrency_limit: options.concurrency ?? 2 } }] } };
    },
  } as unknown as DashScopeClient;
  return { client, creates, most: () => most };
}

async function run(argv: string[], client: DashScopeClient) {
  const { first, last } = await writeFramePair(await tempDir('wk-cli-runner-'));
  const { ctx, stdout, stderr } = contextFor(['generate', '--first', first, '--last', last, '--upload', 'base64', ...argv], { client });
  const code = await runGeneration(ctx, requestOf(ctx.values), { count: ctx.values.count, dryRun: false, uploadMode: 'base64', out: undefined });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('runTakes: N takes of one plan', () => {
  it('[k/N] before each take’s lines; nothing for a single take', () => {
    assert.equal(takePrefix(1, 4), '[2/4] ');
    assert.equal(takePrefix(0, 1), '');
  });

  it('--count 3 --seed 10: three creates with seeds 10, 11, 12, each take ends on its own, the summary and the worst exit', async () => {
    const { client, creates, most } = service({ concurrency: 2 });
    const { code, stderr } = await run(['--count', '3', '--seed', '10'], client);
    assert.equal(code, EXIT.taskEnded);
    assert.deepEqual(creates.map((create) => create.seed).sort(), [10, 11, 12], 'each seed sent once (the takes reach the create gate in any order)');
    assert.ok(most() <= 2, `at most the account's 2 on their way (${most()})`);
    for (const n of [1, 2, 3]) assert.match(stderr, new RegExp(`^\\[${n}/3\\] .*DataInspectionFailed`, 'm'));
    assert.match(stderr, /^0 of 3 takes saved\.$/m);
    assert.match(stderr.split('\n')[0] ?? '', /^Estimate: /, 'the estimate first');
  });

  it('an account stop at the first create: the rest are never sent (exit 3)', async () => {
    const { client, creates } = service({ refuse: (n) => (n === 1 ? serviceError({ status: 400, code: 'Arrearage', message: 'Access denied, please make sure your account is in good standing.' }) : undefined) });
    const { code, stderr } = await run(['--count', '3'], client);
    assert.equal(code, EXIT.service);
    assert.equal(creates.length, 1);
    // Whichever take reached the create gate first was refused; the other two were never sent (their preparation
    // order is not fixed, so neither is which take that is).
    const notSent = [...stderr.matchAll(/^\[([123])\/3\] not sent: /gm)].map((match) => match[1]);
    const refused = [...stderr.matchAll(/^\[([123])\/3\] Submit failed: /gm)].map((match) => match[1]);
    assert.equal(notSent.length, 2, stderr);
    assert.equal(refused.length, 1, stderr);
    assert.deepEqual([...notSent, ...refused].sort(), ['1', '2', '3']);
  });

  it('without --seed: N distinct drawn seeds, each sent', async () => {
    const { client, creates } = service();
    await run(['--count', '4'], client);
    assert.equal(new Set(creates.map((create) => create.seed)).size, 4);
  });

  it('runPlannedTakes: nothing to make sends nothing and is saved (exit 0)', async () => {
    const { client, creates } = service();
    const { ctx } = contextFor(['storyboard'], { client });
    assert.deepEqual(await runPlannedTakes(ctx, [], { uploadMode: 'oss', outputDir: undefined }), { code: EXIT.saved, outcomes: [] });
    assert.equal(creates.length, 0);
  });
});
