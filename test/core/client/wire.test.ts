import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Simulator } from '../../sandbox/simulator';
import { fastSimulator, KEY } from '../../support/simulator';
import { runJob } from '../../support/jobHarness';

describe('wire format, read from the simulator’s request log', () => {
  let simulator: Simulator;
  before(async () => {
    simulator = await fastSimulator();
  });
  after(() => simulator.stop());

  const routes = [
    { model: 'wan2.7-i2v', route: 'video-generation', resolution: '720P', duration: 2 },
    { model: 'wan2.2-kf2v-flash', route: 'image2video', resolution: '480P' },
    { model: 'wanx2.1-kf2v-plus', route: 'image2video', resolution: '720P' },
  ];

  for (const c of routes) {
    it(`${c.model}: ${c.route} route, async header, oss-resolve header with oss:// URLs, multipart with the file last`, async () => {
      simulator.requests.length = 0;
      const run = await runJob(simulator, { model: c.model, resolution: c.resolution, duration: c.duration });
      assert.ok(run.result, String(run.error));
      const [create, ...more] = simulator.requestsFor('create');
      assert.equal(more.length, 0, 'one create');
      assert.equal(create?.path, `/api/v1/services/aigc/${c.route}/video-synthesis`);
      assert.equal(create?.headers['x-dashscope-async'], 'enable');
      assert.equal(create?.headers['x-dashscope-ossresourceresolve'], 'enable');
      assert.match(create?.headers['content-type'] ?? '', /^application\/json/);
      const body = create?.json as { model: string; input: Record<string, unknown>; parameters: Record<string, unknown> };
      assert.equal(body.model, c.model);
      if (c.route === 'video-generation') {
        const media = body.input.media as Array<{ type: string; url: string }>;
        assert.deepEqual(media.map((item) => item.type), ['first_frame', 'last_frame']);
        assert.ok(media.every((item) => item.url.startsWith('oss://')));
        assert.equal(body.input.first_frame_url, undefined);
        assert.equal(body.parameters.duration, 2);
      } else {
        assert.match(String(body.input.first_frame_url), /^oss:\/\/dashscope-instant\//);
        assert.match(String(body.input.last_frame_url), /^oss:\/\/dashscope-instant\//);
        assert.equal(body.input.media, undefined);
        assert.equal(body.parameters.duration, undefined, 'kf2v duration is fixed, not sent');
      }
      assert.equal(body.parameters.resolution, c.resolution);
      const policies = simulator.requestsFor('policy');
      assert.equal(policies.length, 2, 'one policy per file');
      assert.ok(policies.every((request) => request.query.action === 'getPolicy' && request.query.model === c.model));
      const uploads = simulator.requestsFor('upload');
      assert.equal(uploads.length, 2);
      for (const upload of uploads) {
        const fields = upload.formFields ?? [];
        assert.equal(fields[fields.length - 1], 'file', `file last: ${fields.join(',')}`);
        for (const field of ['OSSAccessKeyId', 'policy', 'Signature', 'key', 'x-oss-object-acl', 'x-oss-forbid-overwrite', 'success_action_status']) {
          assert.ok(fields.includes(field), `${field} present`);
        }
      }
      for (const request of simulator.requests) {
        const toApi = request.path.startsWith('/api/v1/');
        assert.equal(request.headers.authorization, toApi ? `Bearer ${KEY}` : undefined, `${request.path}: the key goes only to the API`);
        assert.match(request.headers['user-agent'] ?? '', /^wan-keyframes\//);
      }
    });
  }

  it('base64 mode: data: URLs, no upload, no oss-resolve header', async () => {
    simulator.requests.length = 0;
    const run = await runJob(simulator, { mode: 'base64' });
    assert.ok(run.result, String(run.error));
    assert.equal(simulator.requestsFor('upload').length, 0);
    assert.equal(simulator.requestsFor('policy').length, 0);
    const create = simulator.requestsFor('create')[0];
    assert.equal(create?.headers['x-dashscope-ossresourceresolve'], undefined);
    const input = (create?.json as { input: Record<string, string> }).input;
    assert.match(input.first_frame_url ?? '', /^data:image\/png;base64,iVBOR/);
    assert.match(input.last_frame_url ?? '', /^data:image\/jpeg;base64,\/9j\//);
  });
});
