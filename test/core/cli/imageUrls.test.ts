import * as assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROLE } from '../../../src/shared/mediaRoles';
import { takeAt } from '../../support/takes';
import { GIF } from '../../support/fixtures/badImages';
import { type ImageHost, startImageHost } from '../../support/fixtures/imageHost';
import { encodePng } from '../../support/fixtures/png';
import type { Simulator } from '../../sandbox/simulator';
import { fastSimulator, KEY, tempDir, writePng } from '../../support/simulator';
import { cli } from '../../support/cli';

const WORKSPACE = 'llm-cli0test';

describe('wan-keyframes generate with image URLs as frames (Wan 3.0, workspace host)', { timeout: 120_000 }, () => {
  let simulator: Simulator;
  let host: ImageHost;
  let dir: string;
  let last: string;
  const big = encodePng({ width: 1024, height: 640, from: [10, 30, 90], to: [240, 200, 40] });

  before(async () => {
    simulator = await fastSimulator({ workspaces: { [WORKSPACE]: [KEY] } });
    host = await startImageHost({ '/frames/dawn.png': { bytes: big, type: 'image/png' }, '/frames/anim.gif': { bytes: GIF, type: 'image/gif' } });
    dir = await tempDir('wk-cli-url-');
    last = await writePng(dir, 'dusk.png', { width: 640, height: 400, from: [240, 90, 30], to: [30, 10, 60] });
  });
  after(async () => {
    await simulator.stop();
    await host.stop();
  });

  const base = () => ['--base-url', `${simulator.baseUrl}/ws/${WORKSPACE}`, '--workspace', WORKSPACE];

  it('a first frame from a URL (through a redirect) and a local last frame: saved beside the last frame', async () => {
    const url = `${host.origin}/moved/frames/dawn.png`;
    const result = await cli(['generate', '--model', 'wan3.0-video', '--first', url, '--last', last, '--resolution', '480P', '--duration', 'auto', '--ratio', '16:9', '--no-audio', '--prompt', '日出到日落', ...base(), '--json']);
    assert.equal(result.code, 0, result.stderr);
    const summary = JSON.parse(result.stdout.trim().split('\n').pop() as string) as { video: string; sidecar: string };
    assert.equal(path.dirname(summary.video), dir, 'the folder of the local frame');
    const create = simulator.requestsFor('create').at(-1)?.json as { input: { media: Array<{ type: string; url: string }> } };
    assert.equal(create.input.media[0]?.url, url, 'the URL goes to the service unfetched beyond the check');
    assert.match(create.input.media[1]?.url ?? '', /^oss:\/\//, 'the local frame is uploaded');
    const probes = host.requests.filter((request) => request.path === '/frames/dawn.png' && !/DashScopeUserBot/.test(request.userAgent));
    assert.equal(probes.length, 1, 'one look at the URL by the CLI');
    assert.equal(probes[0]?.range, 'bytes=0-65535', 'at most 64 KB');
    assert.ok(host.requests.every((request) => !request.authorization && !request.cookie), 'no credentials to the image host');
    const { take: sidecar } = await takeAt(summary.sidecar);
    assert.equal(sidecar.inputs[ROLE.first]?.url, url);
    assert.equal(sidecar.inputs[ROLE.first]?.width, 1024);
    assert.equal(sidecar.inputs[ROLE.first]?.bytes, big.length, 'the size the host declared');
  });

  for (const c of [
    { name: 'a URL that answers 404', path: '/frames/missing.png', message: /answered HTTP 404/ },
    { name: 'a URL that serves a GIF', path: '/frames/anim.gif', message: /GIF is not accepted/ },
  ]) {
    it(`${c.name}: exit 2, its own message, no create`, async () => {
      const creates = simulator.requestsFor('create').length;
      const before = await readdir(dir);
      const result = await cli(['generate', '--model', 'wan3.0-video', '--first', `${host.origin}${c.path}`, '--last', last, ...base()]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, c.message);
      assert.match(result.stderr, /First frame/);
      assert.equal(simulator.requestsFor('create').length, creates, 'no create');
      assert.deepEqual(await readdir(dir), before, 'nothing written');
    });
  }

  it('Wan 3.0 without --workspace: exit 2 before any request', async () => {
    const seen = simulator.requests.length;
    const result = await cli(['generate', '--model', 'wan3.0-video', '--first', last, '--last', last, '--base-url', simulator.baseUrl]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /workspace hosts/);
    assert.equal(simulator.requests.length, seen);
  });

  it('a pasted host or placeholder as --workspace: exit 2 with what to type instead', async () => {
    const pasted = await cli(['generate', '--model', 'wan3.0-video', '--first', last, '--last', last, '--region', 'cn-beijing', '--workspace', `https://${WORKSPACE}.cn-beijing.maas.aliyuncs.com`]);
    assert.equal(pasted.code, 2);
    assert.match(pasted.stderr, new RegExp(`enter only the id \\(${WORKSPACE}\\)`));
    const placeholder = await cli(['status', 't-1', '--workspace', '{WorkspaceId}']);
    assert.equal(placeholder.code, 2);
    assert.match(placeholder.stderr, /placeholder/);
  });
});
