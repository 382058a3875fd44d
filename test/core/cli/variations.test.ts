import * as assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FAULTS } from '../../sandbox/faults';
import type { Simulator } from '../../sandbox/simulator';
import { cli } from '../../support/cli';
import { simulatorWithFrames, tempDir } from '../../support/simulator';
import { takeAt } from '../../support/takes';

interface SavedLine {
  video: string;
  sidecar: string;
  seed: number;
  inputsKey: string;
}

const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SavedLine);

const seedsSent = (simulator: Simulator, since: number) =>
  simulator
    .requestsFor('create')
    .slice(since)
    .map((request) => (request.json as { parameters?: { seed?: number } }).parameters?.seed);

describe('wan-keyframes generate --count (CLI against the simulator)', () => {
  let simulator: Simulator;
  let first: string;
  let last: string;

  before(async () => {
    ({ simulator, first, last } = await simulatorWithFrames('wk-cli-count-'));
  });
  after(() => simulator.stop());

  const args = (out: string, ...more: string[]) => ['generate', '--first', first, '--last', last, '--model', 'wan2.2-kf2v-flash', '--resolution', '480P', '--base-url', simulator.baseUrl, '--out', out, ...more];

  it('--count 3 --seed 100: three creates with seeds 100, 101, 102; the first task created fails, the other two are saved with their seeds', async () => {
    const out = await tempDir('wk-cli-count-out-');
    const creates = simulator.requestsFor('create').length;
    simulator.failNextTask('InternalError.Timeout', 'The task did not finish within 3 hours.');
    const result = await cli(args(out, '--count', '3', '--seed', '100', '--json'));
    assert.equal(result.code, 4, `the first failure, a failed task\n${result.stderr}`);
    const sent = seedsSent(simulator, creates);
    assert.deepEqual([...sent].sort(), [100, 101, 102], 'each seed sent once, one create at a time');
    assert.match(result.stderr.split('\n')[0] ?? '', /^Estimate: price unknown$/, 'the estimate comes first (a custom base URL names no region: its price is unknown)');
    assert.equal(result.stderr.match(/^\[[123]\/3\] .*InternalError\.Timeout/gm)?.length, 1, 'the failed take says why, with its number');
    assert.match(result.stderr, /^2 of 3 takes saved\.$/m);
    const saved = lines(result.stdout);
    assert.equal(saved.length, 2, 'one JSON line per saved take');
    assert.deepEqual(saved.map((line) => line.seed).sort(), sent.slice(1).sort(), 'the takes of the other two seeds are saved');
    assert.equal(new Set(saved.map((line) => line.inputsKey)).size, 1, 'the takes of one pair share the inputs key');
    assert.deepEqual(saved.map((line) => path.basename(line.video)).sort(), ['a-to-b-2.mp4', 'a-to-b.mp4']);
    for (const line of saved) {
      const { take } = await takeAt(line.sidecar);
      assert.equal(take.seed, line.seed, 'each sidecar records the seed its take was sent with');
      assert.equal(take.parent?.kind, 'batch');
    }
    assert.deepEqual((await readdir(out)).sort(), ['a-to-b-2.json', 'a-to-b-2.mp4', 'a-to-b.json', 'a-to-b.mp4']);
  });

  it('without --seed: N distinct drawn seeds, each sent and recorded', async () => {
    const out = await tempDir('wk-cli-count-out-');
    const creates = simulator.requestsFor('create').length;
    const result = await cli(args(out, '--count', '3', '--json'));
    assert.equal(result.code, 0, result.stderr);
    const sent = seedsSent(simulator, creates);
    assert.equal(new Set(sent).size, 3, `distinct seeds ${sent.join(', ')}`);
    assert.deepEqual(lines(result.stdout).map((line) => line.seed).sort(), [...sent].sort());
  });

  it('a budget stop on the second create: the third is never sent, the first is still saved (exit 3)', async () => {
    const out = await tempDir('wk-cli-count-out-');
    const creates = simulator.requestsFor('create').length;
    simulator.faults.add({ route: 'create', kind: FAULTS.budget(), skip: 1 });
    const result = await cli(args(out, '--count', '3', '--json'));
    assert.equal(result.code, 3, result.stderr);
    assert.equal(simulator.requestsFor('create').length - creates, 2, 'the take after the stop is not sent');
    assert.match(result.stderr, /^\[3\/3\] not sent: /m);
    assert.equal(lines(result.stdout).length, 1);
  });

  it('--dry-run: the plan (each seed and file) and the estimate of the region, with no key; nothing sent, nothing written', async () => {
    const out = await tempDir('wk-cli-count-out-');
    const requests = simulator.requests.length;
    const line = ['generate', '--first', first, '--last', last, '--model', 'wan2.2-kf2v-flash', '--resolution', '480P', '--region', 'cn-beijing', '--out', out];
    const result = await cli([...line, '--count', '2', '--seed', '7', '--dry-run'], { DASHSCOPE_API_KEY: '' });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /take 1: seed 7 → .*a-to-b\.mp4$/m);
    assert.match(result.stdout, /take 2: seed 8 → .*a-to-b-2\.mp4$/m);
    assert.match(result.stdout, /^Estimate: ≈ ¥[\d.]+ per take · ¥[\d.]+ for 2/m);
    assert.equal(simulator.requests.length, requests, 'nothing sent');
    assert.deepEqual(await readdir(out), []);
  });

  it('a count that is not 1–8: its own message, exit 2, nothing sent', async () => {
    const requests = simulator.requests.length;
    for (const count of ['0', '9', 'two', '1.5']) {
      const result = await cli(args(await tempDir('wk-cli-count-out-'), '--count', count));
      assert.equal(result.code, 2, count);
      assert.match(result.stderr, /Count/);
    }
    assert.equal(simulator.requests.length, requests);
  });

  it('an account that runs one task at a time (its quota says 1): the second take is created only after the first is saved', async () => {
    const { simulator: single, first: a, last: b } = await simulatorWithFrames('wk-cli-count-one-', { accountConcurrency: { 'wan2.2-kf2v-flash': 1 } });
    try {
      const out = await tempDir('wk-cli-count-out-');
      const result = await cli(['generate', '--first', a, '--last', b, '--model', 'wan2.2-kf2v-flash', '--base-url', single.baseUrl, '--out', out, '--count', '2', '--json']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(single.requestsFor('quota').length, 1, 'the limit is read from the quota API once');
      const [, second] = single.requestsFor('create');
      const firstDownload = single.requestsFor('download')[0];
      assert.ok(second && firstDownload && second.seq > firstDownload.seq, 'never two on their way at once');
      assert.equal(lines(result.stdout).length, 2);
    } finally {
      await single.stop();
    }
  });

  it('4 takes on an account that runs 2 at a time: never more than 2 tasks alive at once, 4 creates, 4 distinct seeds, 4 videos', async () => {
    const { simulator: pair, first: a, last: b } = await simulatorWithFrames('wk-cli-count-two-', { accountConcurrency: { 'wan2.2-kf2v-flash': 2 } });
    try {
      const out = await tempDir('wk-cli-count-out-');
      const result = await cli(['generate', '--first', a, '--last', b, '--model', 'wan2.2-kf2v-flash', '--base-url', pair.baseUrl, '--out', out, '--count', '4', '--json']);
      assert.equal(result.code, 0, result.stderr);
      const tasks = [...pair.tasks.values()];
      assert.equal(pair.requestsFor('create').length, 4, 'four creates');
      assert.equal(new Set(seedsSent(pair, 0)).size, 4, 'four distinct seeds');
      // Counted from the service's own task times: at each task's creation, how many were created and not yet ended.
      const alive = tasks.map((task) => tasks.filter((other) => other.createdAt <= task.createdAt && (other.endedAt ?? Number.POSITIVE_INFINITY) > task.createdAt).length);
      assert.ok(Math.max(...alive) <= 2, `at most 2 alive at once (${alive.join(', ')})`);
      assert.equal((await readdir(out)).filter((name) => name.endsWith('.mp4')).length, 4, 'four videos');
    } finally {
      await pair.stop();
    }
  });
});

