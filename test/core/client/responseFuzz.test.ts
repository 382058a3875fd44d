import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isWanError } from '../../../src/core/errors/wanError';
import { mutate, pick, seeded } from '../../support/fixtures/random';
import type { Simulator } from '../../sandbox/simulator';
import { clientFor, fastSimulator } from '../../support/simulator';
import { recordFuzz } from '../../support/report';

const SEED = 20261124;
const COUNT = 1000;

const SUCCEEDED = {
  request_id: 'ec016349-6b14-9ad6-8009-000000000000',
  output: {
    task_id: '3f21a745-9f4b-4588-b643-000000000000',
    task_status: 'SUCCEEDED',
    submit_time: '2025-04-18 10:36:58.394',
    scheduled_time: '2025-04-18 10:37:13.802',
    end_time: '2025-04-18 10:45:23.004',
    video_url: 'https://dashscope-result-wlcb.oss-cn-wulanchabu.aliyuncs.com/x.mp4?Expires=1&Signature=s',
    orig_prompt: 'a cat',
    actual_prompt: 'a black cat',
  },
  usage: { video_duration: 5, video_count: 1, SR: 480 },
};

function body(random: () => number): string {
  const roll = random();
  if (roll < 0.7) return JSON.stringify(mutate(SUCCEEDED, random));
  const text = JSON.stringify(SUCCEEDED);
  return pick(random, [
    () => text.slice(0, Math.floor(random() * text.length)),
    () => `<html><body>502 Bad Gateway</body></html>`,
    () => '',
    () => 'null',
    () => '[]',
    () => text.replace(/"/g, "'"),
    () => `${text}${text}`,
    () => `{"request_id":"r","output":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    () => `{"request_id":"${'r'.repeat(3 * 1024 * 1024)}"}`,
  ])();
}

describe(`mutated API answers (seed ${SEED})`, () => {
  let simulator: Simulator;
  before(async () => {
    simulator = await fastSimulator();
  });
  after(() => simulator.stop());

  it(`${COUNT} mutated task answers: no crash; each parses or is an unexpected-response error carrying its request id`, async () => {
    const random = seeded(SEED);
    const client = clientFor(simulator);
    let parsed = 0;
    let unexpected = 0;
    let withRequestId = 0;
    const other: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      simulator.faults.add({ route: 'query', kind: { type: 'raw', status: 200, body: body(random) } });
      try {
        const answer = await client.getTask('3f21a745-9f4b-4588-b643-000000000000');
        assert.equal(typeof answer.output.task_status, 'string');
        parsed++;
      } catch (error) {
        if (isWanError(error) && error.kind === 'unexpected-response') {
          unexpected++;
          if (error.requestId) withRequestId++;
        } else other.push(`#${i}: ${error instanceof Error ? `${error.name} ${error.message}` : String(error)}`);
      }
    }
    await client.close();
    console.log(`response fuzz: ${COUNT} answers, ${parsed} parsed, ${unexpected} unexpected-response (${withRequestId} with a request id), ${other.length} other`);
    await recordFuzz('responses', { seed: SEED, cases: COUNT, parsed, unexpected, withRequestId, crashes: other.length });
    assert.deepEqual(other, []);
    assert.equal(withRequestId, unexpected, 'every unexpected answer names its request');
    assert.ok(unexpected > COUNT / 4, 'the mutations do break answers');
  });
});
