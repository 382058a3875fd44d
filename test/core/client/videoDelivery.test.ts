import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Simulator } from '../../sandbox/simulator';
import { fastSimulator } from '../../support/simulator';
import { runJob } from '../../support/jobHarness';

/** One raw GET, no redirect followed: what a client sees of each hop. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
      })
      .on('error', reject);
  });
}

describe('the simulator delivers videos as the real path does', () => {
  let simulator: Simulator;
  let videoUrl: string;

  before(async () => {
    simulator = await fastSimulator();
    const run = await runJob(simulator);
    assert.ok(run.result, String(run.error));
    const taskId = run.result.taskId;
    // The job is done; ask for the task again to get a fresh signed link.
    const answer = await fetch(`${simulator.baseUrl}/api/v1/tasks/${taskId}`, { headers: { authorization: `Bearer ${'sk-simulator-demo-key'}` } });
    videoUrl = ((await answer.json()) as { output: { video_url: string } }).output.video_url;
  });
  after(() => simulator.stop());

  it('video_url redirects to a second origin', async () => {
    const link = await get(videoUrl);
    assert.equal(link.status, 302);
    const target = new URL(String(link.headers.location));
    assert.notEqual(target.origin, new URL(videoUrl).origin, 'another host serves the bytes');
    assert.equal(target.origin, simulator.cdnOrigin);
  });

  it('a whole file comes chunked, without Content-Length; a Range comes as 206 with its length', async () => {
    const target = String((await get(videoUrl)).headers.location);
    const whole = await get(target);
    assert.equal(whole.status, 200);
    assert.equal(whole.headers['content-length'], undefined);
    assert.equal(whole.headers['transfer-encoding'], 'chunked');
    assert.ok(whole.bytes > 1000);
    const part = await get(target, { range: 'bytes=100-' });
    assert.equal(part.status, 206);
    assert.equal(part.headers['content-length'], String(whole.bytes - 100));
    assert.equal(part.headers['content-range'], `bytes 100-${whole.bytes - 1}/${whole.bytes}`);
    assert.equal(part.bytes, whole.bytes - 100);
  });

  it('every job download went through the redirect, with no credentials to the CDN', () => {
    const cdn = simulator.requests.filter((request) => request.host === 'cdn');
    assert.ok(cdn.length >= 1);
    assert.ok(cdn.every((request) => request.headers.authorization === undefined));
  });
});
